using System.Collections.Immutable;
using MeshStack.Components.Mapping;
using MeshStack.Core.Deployment;
using MeshStack.Core.Plan;
using MeshStack.Core.Pki;
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
    public Output<Dictionary<string, string>> GatewayAddresses { get; private set; }

    /// <summary>The virtual address table as JSON: read back as the previous allocation on the next run.</summary>
    [Output("addressTable")]
    public Output<string> AddressTable { get; private set; }

    /// <summary>The signing root's certificate (public part only).</summary>
    [Output("rootCertificatePem")]
    public Output<string> RootCertificatePem { get; private set; }

    /// <summary>Every trusted root, as each cluster's <c>root-cert.pem</c> holds them (public).</summary>
    [Output("trustedRootsPem")]
    public Output<string> TrustedRootsPem { get; private set; }

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
    /// What the next run needs back (the address table and the deployment record). Export it as the stack output
    /// <see cref="StateOutputName"/>: the federation reads it back from there, so addresses never move.
    /// </summary>
    [Output("state")]
    public Output<string> State { get; private set; }

    /// <summary>
    /// The root key: always a Pulumi secret, and not a component output. A per-cluster root stack hands it to the other
    /// clusters' stacks as a secret stack output; a single federation stack never outputs it.
    /// </summary>
    internal Output<string> RootPrivateKeyPem { get; }

    /// <summary>The clusters, by name.</summary>
    internal ImmutableDictionary<string, MeshCluster> Clusters { get; }

    /// <summary>The stack output the federation named <paramref name="name"/> reads its previous state from.</summary>
    public static string StateOutputName(string name) => $"{name}State";

    /// <summary>
    /// Validates and plans the args with MeshStack's core (registering nothing when they are wrong: the run fails with a
    /// <see cref="MeshConfigurationException"/> listing every diagnostic), then registers the federation.
    /// </summary>
    public MeshFederation(string name, MeshFederationArgs args, ComponentResourceOptions? options = null)
        : this(name, FederationInputs.Prepare(name, args, options), options)
    {
    }

    private MeshFederation(string name, FederationInputs prepared, ComponentResourceOptions? options)
        : base("meshstack:index:MeshFederation", name, options)
    {
        var args = prepared.Args;
        var plan = prepared.Plan;
        var resolver = new DeployValueOutputs();
        var peers = new PeerResources();
        var deployed = plan.Clusters.Where(c => args.FromProgram?.OnlyCluster is null || c.Cluster.Name == args.FromProgram?.OnlyCluster).ToList();
        if (deployed.Count == 0)
        {
            throw new InvalidOperationException($"the plan has no cluster '{args.FromProgram?.OnlyCluster}'");
        }

        var referenced = ReferencedValues.Of(plan.Spec, deployed);

        if (args.FromProgram?.SharedRoot is { } shared)
        {
            // Per-cluster stacks: the roots live in the root stack; the signer's key arrives (and stays) secret.
            RootCertificatePem = shared.CertificatePem.ToOutput();
            RootPrivateKeyPem = Output.CreateSecret(shared.PrivateKeyPem.ToOutput());
            TrustedRootsPem = shared.TrustedRootsPem?.ToOutput() ?? RootCertificatePem;
        }
        else
        {
            // One component per root, named after it: adding or removing a root never renames another, and the root
            // named like the shorthand keeps the name it had before roots had names (<name>-root-ca).
            var roots = plan.Spec.Trust.Roots.Select((root, i) => (Root: root, Ca: new RootCertificateAuthority($"{name}-root-{root.Name}", new RootCertificateAuthorityArgs
            {
                Request = plan.RootCertificates.IsDefaultOrEmpty ? plan.RootCertificate : plan.RootCertificates[i],
                Source = root.Source,
                // A signer retired by the rotation (phase 2) loses protection, so removing it (phase 3, after MSH084's wait)
                // can delete it; every other generated root stays protected.
                Protect = !plan.Spec.Trust.UnprotectRootCa && root.Name != plan.Trust?.RetiredSigner,
                ImportedKeyPem = ImportedKey(args, root.Name),
            }, new ComponentResourceOptions { Parent = this }))).ToList();
            var signer = roots.Single(r => r.Root.Name == plan.Spec.Trust.SigningRoot).Ca;
            RootCertificatePem = signer.CertificatePem;
            RootPrivateKeyPem = signer.PrivateKeyPem;
            TrustedRootsPem = Output.All(roots.Select(r => r.Ca.CertificatePem)).Apply(pems => TrustBundle.RootCerts(pems));
        }

        if (plan.Spec.MeshId is { } meshId)
        {
            MeshId = Output.Create(meshId);
        }
        else if (args.FromProgram?.SharedMeshId is { } sharedMeshId)
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
        Clusters = deployed.ToImmutableDictionary(c => c.Cluster.Name, c => new MeshCluster($"{name}-{c.Cluster.Name}", new ClusterComponentArgs
        {
            RootCertificatePem = RootCertificatePem,
            RootPrivateKeyPem = RootPrivateKeyPem,
            TrustedRootsPem = TrustedRootsPem,
            Spec = plan.Spec,
            Plan = c,
            RenderYamlTo = plan.Spec.RenderYamlTo,
            Resolver = resolver,
            Lookups = referenced.Where(v => DeployLookups.For(plan.Spec, v)?.Cluster == c.Cluster.Name && !prepared.GatewayAddresses.ContainsKey(v is GatewayAddressOf g ? g.Cluster : "")).ToList(),
            RenderKeyMaterial = args.RenderKeyMaterial ?? false,
            Peers = peers,
            Kubeconfig = prepared.Kubeconfigs.GetValueOrDefault(c.Cluster.Name),
        }, new ComponentResourceOptions { Parent = this, Aliases = Naming.Was($"{name}-{c.Cluster.Name}", c.Cluster.Name) }), StringComparer.Ordinal);

        // Gateway addresses given as inputs, and those of clusters deployed by other stacks (read by the program).
        foreach (var (cluster, address) in prepared.GatewayAddresses)
        {
            resolver.Provide(new GatewayAddressOf(cluster), address.ToOutput());
        }

        foreach (var peer in referenced.OfType<GatewayAddressOf>().Where(g => !Clusters.ContainsKey(g.Cluster) && !prepared.GatewayAddresses.ContainsKey(g.Cluster)).ToList())
        {
            resolver.Provide(peer, Output.Create(args.FromProgram!.PeerGatewayAddresses[peer.Cluster]));
        }

        resolver.Seal();
        peers.Seal();

        var names = Clusters.Keys.Order(StringComparer.Ordinal).ToList();
        GatewayAddresses = Output.All(names.Select(n => Clusters[n].GatewayAddress))
            .Apply(a => names.Select((n, i) => KeyValuePair.Create(n, a[i])).ToDictionary(StringComparer.Ordinal));
        var table = plan.Addresses.ToJson();
        var record = DeploymentRecordJson.Write(DeploymentTransitions.RecordOf(plan, Clusters.Keys));
        AddressTable = Output.Create(table);
        // The record says what was deployed: it resolves only once every cluster's cacerts is written, so an update that
        // fails before then leaves the previous record (and the rotation's clock) in place.
        var written = Output.All(names.Select(n => Clusters[n].CaCertsWritten));
        DeploymentRecord = written.Apply(_ => record);
        State = written.Apply(_ => new FederationState(table, record).ToJson());
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["gatewayAddresses"] = GatewayAddresses,
            ["addressTable"] = AddressTable,
            ["rootCertificatePem"] = RootCertificatePem,
            ["trustedRootsPem"] = TrustedRootsPem,
            ["meshId"] = MeshId,
            ["deployment"] = DeploymentRecord,
            ["state"] = State,
        });
    }

    // Random once, then stable in state.
    private Random.RandomId NewMeshId(string name) => new($"{name}-mesh-id", new Random.RandomIdArgs
    {
        ByteLength = DeployLookups.GeneratedMeshIdBytes,
        Prefix = DeployLookups.GeneratedMeshIdPrefix,
    }, new CustomResourceOptions { Parent = this });

    // An imported root's key given as a typed-args input (rootCa.import.keyPem for the root 'ca', rootCas[].import.keyPem by name).
    private static Input<string>? ImportedKey(MeshFederationArgs args, string root) =>
        root == Core.Model.RootSpec.ShorthandName && args.RootCa?.Import?.KeyPem is { } shorthand
            ? shorthand
            : args.RootCas?.FirstOrDefault(r => r?.Name == root)?.Import?.KeyPem;
}
