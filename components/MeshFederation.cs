using System.Collections.Immutable;
using MeshStack.Components.Mapping;
using MeshStack.Core.Addressing;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using Pulumi;
using Random = Pulumi.Random;

namespace MeshStack.Components;

/// <summary>
/// The whole federation: the shared root CA, a generated mesh ID when none is configured, and one
/// <see cref="MeshCluster"/> per cluster of core's plan, each on its own Kubernetes provider.
/// </summary>
public sealed class MeshFederation : ComponentResource
{
    /// <summary>Each cluster's east-west gateway address, by cluster name.</summary>
    [Output("gatewayAddresses")]
    public Output<ImmutableDictionary<string, string>> GatewayAddresses { get; private set; }

    /// <summary>The virtual address table as JSON: read back as the previous allocation on the next run.</summary>
    [Output("addressTable")]
    public Output<string> AddressTable { get; private set; }

    /// <summary>The root certificate (public part only).</summary>
    [Output("rootCertificatePem")]
    public Output<string> RootCertificatePem { get; private set; }

    /// <summary>The mesh ID: configured, or generated once and kept in state.</summary>
    [Output("meshId")]
    public Output<string> MeshId { get; private set; }

    /// <summary>
    /// What this federation deployed, per cluster (core's <see cref="Core.Deployment.DeploymentRecord"/> as JSON): export it
    /// as the stack output <c>deployment</c> and hand it back next run, so core refuses the changes that would delete live objects.
    /// </summary>
    [Output("deployment")]
    public Output<string> DeploymentRecord { get; private set; }

    /// <summary>
    /// The root key: always a Pulumi secret, and not a component output. Exposed so a per-cluster root stack can hand
    /// it to the other clusters' stacks as a secret stack output; a single federation stack never outputs it.
    /// </summary>
    public Output<string> RootPrivateKeyPem { get; }

    /// <summary>The clusters, by name.</summary>
    public ImmutableDictionary<string, MeshCluster> Clusters { get; }

    /// <summary>Registers the federation.</summary>
    public MeshFederation(string name, MeshFederationArgs args, ComponentResourceOptions? options = null)
        : base("meshstack:index:MeshFederation", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var plan = args.Plan ?? MeshFederationArgs.PlanFrom(args.Spec ?? throw new ArgumentException("set Plan or Spec", nameof(args)), args.PreviousAddresses);
        var resolver = new DeployValueOutputs();
        var peers = new PeerResources();
        var deployed = plan.Clusters.Where(c => args.OnlyCluster is null || c.Cluster.Name == args.OnlyCluster).ToList();
        if (deployed.Count == 0)
        {
            throw new ArgumentException($"the plan has no cluster '{args.OnlyCluster}'", nameof(args));
        }

        var referenced = ReferencedValues.Of(plan.Spec, deployed);

        if (args.SharedRoot is { } shared)
        {
            // Per-cluster stacks: the root CA lives in another stack; its key arrives (and stays) secret.
            RootCertificatePem = shared.CertificatePem.ToOutput();
            RootPrivateKeyPem = Output.CreateSecret(shared.PrivateKeyPem.ToOutput());
        }
        else
        {
            var root = new RootCertificateAuthority($"{name}-root-ca", new RootCertificateAuthorityArgs
            {
                Request = plan.RootCertificate,
                Source = plan.Spec.RootCa,
            }, new ComponentResourceOptions { Parent = this });
            RootCertificatePem = root.CertificatePem;
            RootPrivateKeyPem = root.PrivateKeyPem;
        }

        if (plan.Spec.MeshId is { } meshId)
        {
            MeshId = Output.Create(meshId);
        }
        else if (args.SharedMeshId is { } sharedMeshId)
        {
            MeshId = sharedMeshId.ToOutput();
            resolver.Provide(new GeneratedMeshId(), MeshId);
        }
        else
        {
            // Unknown only in the first preview (the istiod chart, whose values carry it, renders nothing then:
            // pulumi-kubernetes provider/pkg/provider/helm/v4/chart.go); from then on it is known from state.
            var id = NewMeshId(name);
            MeshId = id.Hex;
            resolver.Provide(new GeneratedMeshId(), id.Hex);
        }

        // A cluster component is named after the federation and the cluster, so two federations in one stack never
        // collide; the alias keeps the URN it had when it was named after the cluster alone.
        Clusters = deployed.ToImmutableDictionary(c => c.Cluster.Name, c => new MeshCluster($"{name}-{c.Cluster.Name}", new MeshClusterArgs
        {
            RootCertificatePem = RootCertificatePem,
            RootPrivateKeyPem = RootPrivateKeyPem,
            Spec = plan.Spec,
            Plan = c,
            RenderYamlTo = plan.Spec.RenderYamlTo,
            Resolver = resolver,
            Lookups = referenced.Where(v => DeployLookups.For(plan.Spec, v)?.Cluster == c.Cluster.Name).ToList(),
            RenderKeyMaterial = args.RenderKeyMaterial,
            Peers = peers,
        }, new ComponentResourceOptions { Parent = this, Aliases = Naming.Was($"{name}-{c.Cluster.Name}", c.Cluster.Name) }), StringComparer.Ordinal);

        // Gateway addresses of clusters deployed by other stacks.
        foreach (var peer in referenced.OfType<GatewayAddressOf>().Where(g => !Clusters.ContainsKey(g.Cluster)).ToList())
        {
            resolver.Provide(peer, args.PeerGatewayAddress?.Invoke(peer.Cluster)
                ?? throw new ArgumentException($"cluster {peer.Cluster} is deployed elsewhere: set PeerGatewayAddress", nameof(args)));
        }

        resolver.Seal();
        peers.Seal();

        var names = Clusters.Keys.Order(StringComparer.Ordinal).ToList();
        GatewayAddresses = Output.All(names.Select(n => Clusters[n].GatewayAddress))
            .Apply(a => names.Select((n, i) => KeyValuePair.Create(n, a[i])).ToImmutableDictionary());
        AddressTable = Output.Create(plan.Addresses.ToJson());
        DeploymentRecord = Output.Create(Core.Deployment.DeploymentRecordJson.Write(Core.Deployment.DeploymentTransitions.RecordOf(plan, Clusters.Keys)));
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["gatewayAddresses"] = GatewayAddresses,
            ["addressTable"] = AddressTable,
            ["rootCertificatePem"] = RootCertificatePem,
            ["meshId"] = MeshId,
            ["deployment"] = DeploymentRecord,
        });
    }

    // Random once, then stable in state.
    private Random.RandomId NewMeshId(string name) => new($"{name}-mesh-id", new Random.RandomIdArgs
    {
        ByteLength = DeployLookups.GeneratedMeshIdBytes,
        Prefix = DeployLookups.GeneratedMeshIdPrefix,
    }, new CustomResourceOptions { Parent = this });
}

/// <summary>Inputs of <see cref="MeshFederation"/>: core's plan, or a validated spec to plan here.</summary>
public sealed class MeshFederationArgs : ResourceArgs
{
    /// <summary>The plan (from <c>MeshCompiler.Compile</c>). Takes precedence over <see cref="Spec"/>.</summary>
    public FederationPlan? Plan { get; init; }

    /// <summary>A validated spec, planned with <see cref="PreviousAddresses"/> when no plan is given.</summary>
    public MeshSpec? Spec { get; init; }

    /// <summary>The previous address allocation, so addresses stay put.</summary>
    public AddressTable? PreviousAddresses { get; init; }

    /// <summary>Deploy only this cluster of the plan (stack per cluster); null deploys every cluster.</summary>
    public string? OnlyCluster { get; init; }

    /// <summary>A root CA created elsewhere (another stack); when null the federation creates or imports its own.</summary>
    public SharedRootCa? SharedRoot { get; init; }

    /// <summary>A generated mesh ID created elsewhere, used when the spec sets none.</summary>
    public Input<string>? SharedMeshId { get; init; }


    /// <summary>
    /// In render mode, write the intermediate CA keys into the rendered <c>cacerts</c> Secrets (plaintext files). Off by
    /// default: the keys are written as placeholders, as <c>meshstack render</c> does without <c>--ca-dir</c>.
    /// </summary>
    public bool RenderKeyMaterial { get; init; }

    /// <summary>The gateway address of a cluster deployed by another stack.</summary>
    public Func<string, Output<string>>? PeerGatewayAddress { get; init; }

    /// <summary>Allocates and plans a spec; allocation errors are a <see cref="MeshConfigurationException"/> listing every diagnostic.</summary>
    public static FederationPlan PlanFrom(MeshSpec spec, AddressTable? previous)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (addresses, diagnostics) = AddressAllocator.Allocate(spec.AddressPool, spec.Services, previous ?? Core.Addressing.AddressTable.Empty);
        if (diagnostics.Any(d => d.IsError))
        {
            throw new MeshConfigurationException(diagnostics);
        }

        return FederationPlanner.Plan(spec, addresses);
    }
}

/// <summary>A root CA shared from another stack: the certificate, and the key (treated as a secret whatever its origin).</summary>
public sealed record SharedRootCa(Input<string> CertificatePem, Input<string> PrivateKeyPem);

/// <summary>Thrown when an embedding program hands the components a spec that cannot be planned.</summary>
public sealed class MeshConfigurationException : Exception
{
    /// <summary>Creates the exception from the diagnostics.</summary>
    public MeshConfigurationException(IEnumerable<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, (diagnostics ?? []).Select(d => d.Format("config"))))
    {
        Diagnostics = [.. diagnostics ?? []];
    }

    /// <summary>Every diagnostic.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }
}
