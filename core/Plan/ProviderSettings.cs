using MeshStack.Core.Model;

namespace MeshStack.Core.Plan;

/// <summary>
/// How a cluster's Kubernetes provider is configured: decided here, mapped one to one onto the provider's arguments by
/// the components. Each setting answers something the real provider (pulumi-kubernetes 4.32) does that a first
/// <c>pulumi up</c> or a later upgrade would otherwise trip over.
/// </summary>
public sealed record ProviderSettings
{
    /// <summary>The kubeconfig context; never set in render mode (the provider's CheckConfig rejects it there).</summary>
    public string? Context { get; init; }

    /// <summary>The kubeconfig path or inline text (a secret); never set in render mode, for the same reason.</summary>
    public SecretText? Kubeconfig { get; init; }

    /// <summary>The folder the provider writes this cluster's manifests to instead of applying them, or null.</summary>
    public string? RenderDirectory { get; init; }

    /// <summary>Server-side apply: the DNS items are server-side-apply patches.</summary>
    public bool ServerSideApply { get; init; } = true;

    /// <summary>
    /// Adopt objects that already exist (<c>upsertExistingObjects</c>): a create of a pre-existing object (the guide's
    /// hand-made <c>istio-system</c>) becomes a server-side apply instead of failing with AlreadyExists. Safe because every
    /// rename MeshStack makes carries an alias, so the engine never plans "create new name, delete old name" on one object.
    /// </summary>
    public bool AdoptExistingObjects { get; init; } = true;

    /// <summary>
    /// Secrets update in place (<c>enableSecretMutable</c>): without it a CA renewal deletes and re-creates <c>cacerts</c>,
    /// and an istiod restart in that gap starts with a self-signed CA.
    /// </summary>
    public bool MutableSecrets { get; init; } = true;

    /// <summary>
    /// Server-side apply conflicts are forced (<c>enablePatchForce</c>): istiod's webhook controller takes over the
    /// <c>failurePolicy</c> (and <c>caBundle</c>) of the validating webhooks the <c>base</c> and <c>istiod</c> charts
    /// render, so the next apply of those objects (any <c>istio.version</c> change) conflicts unless forced. Forcing does
    /// what <c>helm upgrade</c> does: the chart's value is written back and istiod patches it again once it is ready.
    /// The charts have no setting that avoids it for both webhooks (<c>base.validationCABundle</c> only covers the base
    /// chart's <c>istiod-default-validator</c>, and needs istiod's serving CA at render time).
    /// </summary>
    public bool ForceConflicts { get; init; } = true;

    /// <summary>The settings for one cluster of a spec.</summary>
    public static ProviderSettings For(MeshSpec spec, ClusterSpec cluster)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cluster);
        if (spec.RenderYamlTo is { } folder)
        {
            // Render mode writes files and never connects: the provider refuses context, cluster and an explicit
            // kubeconfig next to renderYamlToDirectory (pulumi-kubernetes provider/pkg/provider/provider.go, CheckConfig).
            return new ProviderSettings { RenderDirectory = $"{folder.TrimEnd('/')}/{cluster.Name}" };
        }

        return new ProviderSettings { Context = cluster.Connection.Context, Kubeconfig = cluster.Connection.Kubeconfig };
    }

    /// <summary>
    /// Whether a deploy-time value may be written into a manifest the provider renders to files. Render mode writes
    /// Secrets in plaintext (the provider only warns), so key material is written as core's placeholder, as
    /// <c>meshstack render</c> writes none without <c>--ca-dir</c>; the public certificates are written as they are.
    /// </summary>
    public static bool MayRender(DeployValue value) => value is not CaFileOf { File: CaFile.CaKey };
}
