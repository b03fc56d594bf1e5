using System.Collections.Immutable;
using MeshStack.Components.Mapping;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using Pulumi;
using K8s = Pulumi.Kubernetes;

namespace MeshStack.Components;

/// <summary>
/// One cluster of the federation: its own Kubernetes provider, its CA, one component per concern holding that
/// concern's plan items, and the Service lookups that turn deploy-time values into outputs for the other clusters.
/// </summary>
internal sealed class MeshCluster : ComponentResource
{
    /// <summary>The cluster's provider: every object of the cluster goes through it.</summary>
    public K8s.Provider Provider { get; }

    /// <summary>Where the other clusters reach this cluster's east-west gateway.</summary>
    [Output("gatewayAddress")]
    public Output<string> GatewayAddress { get; private set; }

    /// <summary>True once the cluster's cacerts Secret has been written (unknown in preview).</summary>
    internal Output<bool> CaCertsWritten { get; }

    /// <summary>Creates the cluster's resources.</summary>
    public MeshCluster(string name, ClusterComponentArgs args, ComponentResourceOptions? options = null)
        : base("meshstack:index:MeshCluster", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var plan = args.Plan;
        var spec = plan.Cluster;
        // Names carry this component's name (the federation's name and the cluster's); each has an alias to the name it
        // had when it was the cluster name alone.
        var settings = ProviderSettings.For(args.Spec with { RenderYamlTo = args.RenderYamlTo }, spec);
        Provider = new K8s.Provider(name, ProviderArgs(settings, args.Kubeconfig), new CustomResourceOptions { Parent = this, Aliases = Naming.Was(name, spec.Name) });
        var context = new ClusterContext(spec.Name, Provider, args.Resolver, settings.RenderDirectory is not null, prefix: name, peers: args.Peers)
        {
            RetainsOnDelete = settings.RetainsOnDelete,
        };
        var items = plan.Items.ToLookup(i => i.Concern);
        ImmutableArray<PlanItem> Of(Concern concern) => [.. items[concern]];
        ComponentResourceOptions Child(string suffix) => new() { Parent = this, Aliases = Naming.Was($"{name}-{suffix}", $"{spec.Name}-{suffix}") };

        var ca = new ClusterCertificateAuthority($"{name}-ca", new ClusterCertificateAuthorityArgs
        {
            RootCertificatePem = args.RootCertificatePem,
            RootPrivateKeyPem = args.RootPrivateKeyPem,
            TrustedRootsPem = args.TrustedRootsPem ?? args.RootCertificatePem,
            Request = plan.IntermediateCertificate,
            Items = Of(Concern.Pki),
            Context = context,
            PreviousName = $"{spec.Name}-ca",
            RenderKeyMaterial = args.RenderKeyMaterial,
        }, Child("ca"));
        CaCertsWritten = ca.Written;
        var concerns = new (Concern Concern, Func<ClusterItemsArgs, ComponentResource> Create)[]
        {
            (Concern.Namespaces, a => new ClusterNamespaces($"{name}-namespaces", a, Child("namespaces"))),
            (Concern.Istio, a => new IstioControlPlane($"{name}-istio", a, Child("istio"))),
            (Concern.Dns, a => new GlobalDns($"{name}-dns", a, Child("dns"))),
            (Concern.Routing, a => new ServiceRouting($"{name}-routing", a, Child("routing"))),
            (Concern.Demo, a => new DemoWorkloads($"{name}-demo", a, Child("demo"))),
            (Concern.Discovery, a => new EndpointDiscovery($"{name}-discovery", a, Child("discovery"))),
        };
        foreach (var (concern, create) in concerns.Where(c => items[c.Concern].Any()))
        {
            _ = create(new ClusterItemsArgs { Items = Of(concern), Context = context });
        }

        context.Seal();
        foreach (var value in args.Lookups)
        {
            args.Resolver.Provide(value, !context.RenderOnly
                ? ServiceLookups.Read(DeployLookups.For(args.Spec, value)!, plan, context, this)
                : Output.Create(YamlWriter.Placeholder(value)));
        }

        GatewayAddress = PlanContext.GatewayAddressOf(spec) switch
        {
            Scalar { Content: string address } => Output.Create(address),
            var deferred => ValueConverter.ToText(deferred, args.Resolver)!,
        };
        RegisterOutputs(new Dictionary<string, object?> { ["gatewayAddress"] = GatewayAddress });
    }

    // Core's settings, one to one (ProviderSettings says why each is set).
    private static K8s.ProviderArgs ProviderArgs(ProviderSettings settings, Input<string>? given)
    {
        var args = Settings(settings, given);
        if (settings.DeleteUnreachable)
        {
            // Only when asked: otherwise the SDK's default (PULUMI_K8S_DELETE_UNREACHABLE, read for every provider) stays.
            args.DeleteUnreachable = true;
        }

        return args;
    }

    private static K8s.ProviderArgs Settings(ProviderSettings settings, Input<string>? given) => new()
    {
        Context = settings.Context is { } context ? (Input<string>)context : null,
        // An inline kubeconfig (or its path) is a credential: always a secret. A kubeconfig input (a cluster resource's
        // output) goes to the provider as given; never in render mode (core leaves the settings without one there).
        KubeConfig = settings.Kubeconfig is null ? null
            : given is not null ? Output.CreateSecret(given.ToOutput())
            : settings.Kubeconfig.Value is { } kubeconfig ? (Input<string>)Output.CreateSecret(kubeconfig) : null,
        RenderYamlToDirectory = settings.RenderDirectory is { } folder ? (Input<string>)folder : null,
        EnableServerSideApply = settings.ServerSideApply,
        UpsertExistingObjects = settings.AdoptExistingObjects,
        EnableSecretMutable = settings.MutableSecrets,
        EnableConfigMapMutable = settings.MutableConfigMaps,
        EnablePatchForce = settings.ForceConflicts,
        ClusterIdentifier = settings.ClusterIdentifier,
    };
}

/// <summary>Inputs of <see cref="MeshCluster"/> (created by <see cref="MeshFederation"/>).</summary>
internal sealed class ClusterComponentArgs : ResourceArgs
{
    /// <summary>The root certificate.</summary>
    [Input("rootCertificatePem", required: true)]
    public required Input<string> RootCertificatePem { get; init; }

    /// <summary>The root key (a secret).</summary>
    [Input("rootPrivateKeyPem", required: true)]
    public required Input<string> RootPrivateKeyPem { get; init; }

    /// <summary>Every trusted root (root-cert.pem); the signing root alone when null.</summary>
    [Input("trustedRootsPem")]
    public Input<string>? TrustedRootsPem { get; init; }

    /// <summary>The federation's spec.</summary>
    public required MeshSpec Spec { get; init; }

    /// <summary>This cluster's part of the plan.</summary>
    public required ClusterPlan Plan { get; init; }

    /// <summary>When set, the provider writes manifests to <c>&lt;RenderYamlTo&gt;/&lt;cluster&gt;</c> instead of applying them.</summary>
    public string? RenderYamlTo { get; init; }

    /// <summary>
    /// In render mode, write the intermediate CA key into the rendered <c>cacerts</c> Secret. Off by default: the provider
    /// writes Secrets in plaintext, so the key is written as a placeholder, as <c>meshstack render</c> does without <c>--ca-dir</c>.
    /// </summary>
    public bool RenderKeyMaterial { get; init; }

    internal DeployValueOutputs Resolver { get; init; } = null!;

    internal IReadOnlyList<DeployValue> Lookups { get; init; } = [];

    internal PeerResources? Peers { get; init; }

    /// <summary>The cluster's kubeconfig as the federation's args gave it (an input), or null.</summary>
    internal Input<string>? Kubeconfig { get; init; }
}
