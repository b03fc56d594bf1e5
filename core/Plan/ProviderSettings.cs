using MeshStack.Core.Model;

namespace MeshStack.Core.Plan;

/// <summary>
/// How a cluster's Kubernetes provider is configured: decided here, mapped one to one onto the provider's arguments by
/// the components. Each setting answers something the real provider (pulumi-kubernetes 4.32.0) or the engine does on a
/// first <c>pulumi up</c> or on a later change.
/// </summary>
public sealed record ProviderSettings
{
    /// <summary>The kubeconfig context; never set in render mode (the provider's CheckConfig rejects it there).</summary>
    public string? Context { get; init; }

    /// <summary>The kubeconfig path or inline text (a secret); never set in render mode, for the same reason.</summary>
    public SecretText? Kubeconfig { get; init; }

    /// <summary>The folder the provider writes this cluster's manifests to instead of applying them, or null.</summary>
    public string? RenderDirectory { get; init; }

    /// <summary>
    /// The provider's stable identity (<c>clusterIdentifier</c>). While it is unchanged, the provider's DiffConfig drops
    /// every replacement (provider/pkg/provider/provider.go, DiffConfig: <c>diff.Same(clusterIdentifierKey)</c>), so a
    /// kubeconfig edit (a rotated token, new client certificates) updates the provider in place instead of replacing it,
    /// which would make the engine re-create every object through the new provider and delete it through the old one.
    /// The same rule also hides a real change of cluster from the provider (its own "active cluster changed" check is
    /// skipped, provider.go@v4.32.0:495-502, 551-560), so core refuses a deployed cluster whose context or API server
    /// changed unless marked <c>reconnect</c> (MSH212). It changes only when the target really changes: a render folder
    /// (the files move) or the switch between rendering and applying (MSH201 refuses the dangerous direction first).
    /// </summary>
    public required string ClusterIdentifier { get; init; }

    /// <summary>Server-side apply: the DNS items are server-side-apply patches.</summary>
    public bool ServerSideApply { get; init; } = true;

    /// <summary>
    /// Adopt objects that already exist (<c>upsertExistingObjects</c>): only for a cluster marked <c>adopt: true</c>, for
    /// the update that takes it over. Everywhere else a create of an existing object fails with AlreadyExists, as the
    /// provider does since 4.29: that failure is the check that a cluster is not managed by another stack. Upsert on
    /// every object would be unsafe, because the engine creates before it deletes when it replaces a resource (a new
    /// name without an alias, a replaced provider): the create adopts the live object and the delete then removes it.
    /// The one object MeshStack must accept existing, <c>istio-system</c>, is a server-side-apply patch instead.
    /// </summary>
    public bool AdoptExistingObjects { get; init; }

    /// <summary>
    /// Secrets update in place (<c>enableSecretMutable</c>): without it a CA renewal deletes and re-creates <c>cacerts</c>,
    /// and an istiod restart in that gap starts with a self-signed CA.
    /// </summary>
    public bool MutableSecrets { get; init; } = true;

    /// <summary>
    /// ConfigMaps update in place (<c>enableConfigMapMutable</c>): without it a change of a ConfigMap's <c>data</c> is a
    /// replacement (provider/pkg/provider/diff.go, forceNewProperties) and a same-name replacement deletes first
    /// (provider.go, Diff: deleteBeforeReplace), so istiod's <c>istio</c> and <c>istio-sidecar-injector</c> ConfigMaps
    /// would vanish during every upgrade or mesh-config change while istiod rolls.
    /// </summary>
    public bool MutableConfigMaps { get; init; } = true;

    /// <summary>
    /// Server-side apply conflicts are forced (<c>enablePatchForce</c>): istiod's webhook controller takes over the
    /// <c>failurePolicy</c> (and <c>caBundle</c>) of the validating webhooks the <c>base</c> and <c>istiod</c> charts
    /// render, so an apply of those objects after any other change to them (an <c>istio.version</c> change) conflicts
    /// unless forced. Forcing does what <c>helm upgrade</c> does: the chart's value is written back and istiod patches it
    /// again once it is ready. Between changes those fields are ignored (<see cref="Istio.IstioCharts.FieldsIstiodOwns"/>),
    /// so a refresh never leaves a diff behind.
    /// </summary>
    public bool ForceConflicts { get; init; } = true;

    /// <summary>
    /// Objects MeshStack marks to survive destroy (the CoreDNS patch) are retained only on a live cluster. The Istio CRDs
    /// are retained in every mode whatever MeshStack says: Chart v4 retains every object annotated
    /// <c>helm.sh/resource-policy: keep</c> (helm/v4/chart.go@v4.32.0:294-317), so in render mode destroy leaves their
    /// <c>0-crd/</c> files behind.
    /// </summary>
    public bool RetainsOnDelete => RenderDirectory is null;

    /// <summary>
    /// Drop this cluster's resources from state when its API server cannot be reached (<c>deleteUnreachable</c>): only for
    /// a cluster marked <c>unreachable: true</c>. A delete through an unreachable cluster's provider fails otherwise
    /// (provider.go@v4.32.0:2574-2587), so removing a decommissioned cluster would stop every update after the other
    /// clusters were changed. The setting must reach the provider in an update before the removal: the engine deletes a
    /// removed cluster's resources through the provider configuration it has in state.
    /// </summary>
    public bool DeleteUnreachable { get; init; }

    /// <summary>The settings for one cluster of a spec.</summary>
    public static ProviderSettings For(MeshSpec spec, ClusterSpec cluster)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cluster);
        if (spec.RenderYamlTo is { } folder)
        {
            // Render mode writes files and never connects: the provider refuses context, cluster and an explicit
            // kubeconfig next to renderYamlToDirectory (pulumi-kubernetes provider/pkg/provider/provider.go, CheckConfig).
            var directory = $"{folder.TrimEnd('/')}/{cluster.Name}";
            return new ProviderSettings { RenderDirectory = directory, ClusterIdentifier = $"meshstack:render:{directory}" };
        }

        return new ProviderSettings
        {
            Context = cluster.Connection.Context,
            Kubeconfig = cluster.Connection.Kubeconfig,
            ClusterIdentifier = $"meshstack:cluster:{cluster.Name}",
            AdoptExistingObjects = cluster.Adopt,
            DeleteUnreachable = cluster.Unreachable,
        };
    }

    /// <summary>
    /// Whether a deploy-time value may be written into a manifest the provider renders to files. Render mode writes
    /// Secrets in plaintext (the provider only warns), so key material is written as core's placeholder, as
    /// <c>meshstack render</c> writes none without <c>--ca-dir</c>; the public certificates are written as they are.
    /// </summary>
    public static bool MayRender(DeployValue value) => value is not CaFileOf { File: CaFile.CaKey };
}
