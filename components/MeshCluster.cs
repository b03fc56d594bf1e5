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
public sealed class MeshCluster : ComponentResource
{
    /// <summary>The cluster's provider: every object of the cluster goes through it.</summary>
    public K8s.Provider Provider { get; }

    /// <summary>Where the other clusters reach this cluster's east-west gateway.</summary>
    [Output("gatewayAddress")]
    public Output<string> GatewayAddress { get; private set; }

    /// <summary>Creates the cluster's resources.</summary>
    public MeshCluster(string name, MeshClusterArgs args, ComponentResourceOptions? options = null)
        : base("meshstack:index:MeshCluster", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var plan = args.Plan;
        var spec = plan.Cluster;
        Provider = new K8s.Provider(spec.Name, ProviderArgs(spec, args.RenderYamlTo), new CustomResourceOptions { Parent = this });
        var context = new ClusterContext(spec.Name, Provider, args.Resolver, args.RenderYamlTo is not null);
        var items = plan.Items.ToLookup(i => i.Concern);
        ImmutableArray<PlanItem> Of(Concern concern) => [.. items[concern]];

        _ = new ClusterCertificateAuthority($"{spec.Name}-ca", new ClusterCertificateAuthorityArgs
        {
            RootCertificatePem = args.RootCertificatePem,
            RootPrivateKeyPem = args.RootPrivateKeyPem,
            Request = plan.IntermediateCertificate,
            Items = Of(Concern.Pki),
            Context = context,
        }, Child);
        var concerns = new (Concern Concern, Func<ClusterItemsArgs, ComponentResource> Create)[]
        {
            (Concern.Namespaces, a => new ClusterNamespaces($"{spec.Name}-namespaces", a, Child)),
            (Concern.Istio, a => new IstioControlPlane($"{spec.Name}-istio", a, Child)),
            (Concern.Dns, a => new GlobalDns($"{spec.Name}-dns", a, Child)),
            (Concern.Routing, a => new ServiceRouting($"{spec.Name}-routing", a, Child)),
            (Concern.Demo, a => new DemoWorkloads($"{spec.Name}-demo", a, Child)),
        };
        foreach (var (concern, create) in concerns.Where(c => items[c.Concern].Any()))
        {
            _ = create(new ClusterItemsArgs { Items = Of(concern), Context = context });
        }

        context.Seal();
        foreach (var value in args.Lookups)
        {
            args.Resolver.Provide(value, args.RenderYamlTo is null
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

    private ComponentResourceOptions Child => new() { Parent = this };

    private static K8s.ProviderArgs ProviderArgs(ClusterSpec spec, string? renderYamlTo) => new()
    {
        Context = spec.Connection.Context is { } context ? (Input<string>)context : null,
        // An inline kubeconfig (or its path) is a credential: always a secret.
        KubeConfig = spec.Connection.Kubeconfig?.Value is { } kubeconfig ? (Input<string>)Output.CreateSecret(kubeconfig) : null,
        RenderYamlToDirectory = renderYamlTo is null ? null : (Input<string>)$"{renderYamlTo.TrimEnd('/')}/{spec.Name}",
        // Patch items are server-side-apply patches.
        EnableServerSideApply = true,
    };
}

/// <summary>Inputs of <see cref="MeshCluster"/> (created by <see cref="MeshFederation"/>).</summary>
public sealed class MeshClusterArgs : ResourceArgs
{
    /// <summary>The root certificate.</summary>
    [Input("rootCertificatePem", required: true)]
    public required Input<string> RootCertificatePem { get; init; }

    /// <summary>The root key (a secret).</summary>
    [Input("rootPrivateKeyPem", required: true)]
    public required Input<string> RootPrivateKeyPem { get; init; }

    /// <summary>The federation's spec.</summary>
    public required MeshSpec Spec { get; init; }

    /// <summary>This cluster's part of the plan.</summary>
    public required ClusterPlan Plan { get; init; }

    /// <summary>When set, the provider writes manifests to <c>&lt;RenderYamlTo&gt;/&lt;cluster&gt;</c> instead of applying them.</summary>
    public string? RenderYamlTo { get; init; }

    internal DeployValueOutputs Resolver { get; init; } = null!;

    internal IReadOnlyList<DeployValue> Lookups { get; init; } = [];
}
