using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Deployment;

/// <summary>
/// The changes a deployed federation must not go through by accident, decided from the previous run's record. Each rule
/// follows from what the Pulumi engine and pulumi-kubernetes 4.32.0 do with the change:
/// <list type="bullet">
/// <item>The provider's <c>DiffConfig</c> replaces a provider when its <c>clusterIdentifier</c> changes (and, without
/// one, when <c>renderYamlToDirectory</c> or the kubeconfig's active cluster changes); the engine then replaces every
/// resource of it create-first, deleting each through the old provider afterwards (pulumi-kubernetes
/// provider/pkg/provider/provider.go, DiffConfig; pulumi/pulumi pkg/resource/deploy/step_generator.go, providerChanged
/// and ReplaceKeys "provider"). From applying to rendering, that delete removes the live object: refused (MSH201). From
/// rendering to applying, it removes the rendered files after creating the objects: allowed, said (MSH202).</item>
/// <item>A renamed cluster gives every resource a new name: the engine creates the new ones and deletes the old, which
/// hold the same Kubernetes objects (MSH203).</item>
/// </list>
/// </summary>
public static class DeploymentTransitions
{
    /// <summary>
    /// The refused and the noteworthy transitions from the previous run to a read spec, and the settings that only make
    /// sense when deploying. Paths point at the clusters' entries in the document.
    /// </summary>
    public static System.Collections.Immutable.ImmutableArray<Diagnostic> Check(MeshSpec spec, ConfigDocument document, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var r = new NodeReader();
        var entries = (document["clusters"] as ConfigList)?.Items ?? [];
        var clusters = spec.Clusters.Select(c => (Spec: c, Path: ConfigPath.Item("meshstack:clusters",
            entries.Select((e, i) => (e, i)).FirstOrDefault(p => (p.e as ConfigMap)?["name"] is ConfigScalar { Text: var n } && n == c.Name, (null!, 0)).Item2))).ToList();
        Check(spec, clusters, options, r);
        return r.Diagnostics;
    }

    private static void Check(MeshSpec spec, List<(ClusterSpec Spec, string Path)> clusters, CompileOptions options, NodeReader r)
    {
        var previous = options.Previous;
        if (options.Deploying && options.AmbientKubeconfig && spec.RenderYamlTo is { } folder)
        {
            // With no kubeconfig argument the provider loads the ambient one (client-go's default rules) and, when that
            // cluster answers, renders the charts against its version and writes files in preview too (pulumi-kubernetes
            // provider/pkg/provider/provider.go, Configure; Create and Update in yamlRenderMode with gvkExists).
            r.Report(Codes.AmbientKubeconfigInRenderMode.At("meshstack:renderYamlTo",
                $"render mode ('{folder}'): the Kubernetes provider still loads this machine's kubeconfig and, when its cluster answers, renders the Istio charts against that cluster and writes files during preview too. Run with KUBECONFIG=/dev/null for a render that is the same on every machine"));
        }

        foreach (var c in clusters)
        {
            var cluster = c.Spec;
            // Only a provider connects; meshstack render needs no connection.
            if (options.Deploying && spec.RenderYamlTo is null && cluster.Connection.Context is null && cluster.Connection.Kubeconfig is null)
            {
                r.Report(Codes.ClusterWithoutConnection.At(c.Path,
                    $"cluster '{cluster.Name}' has neither context nor kubeconfig: pulumi up would deploy it to whatever the current kubectl context is. Set context: <kubeconfig context> or kubeconfig: <path or contents>"));
            }

            if (cluster.Adopt)
            {
                r.Report(Codes.AdoptingCluster.At(ConfigPath.Child(c.Path, "adopt"),
                    $"cluster '{cluster.Name}': the next update takes over every object that already exists there (upsertExistingObjects), including another stack's; remove adopt after that update, or a later replacement would delete what was adopted"));
            }

            if (previous?.Find(cluster.Name) is not { } before)
            {
                continue;
            }

            var now = TargetOf(spec, cluster);
            CheckRetarget(spec, c, before, now, r);
            if (before.IsApplied && now != ClusterRecord.ApplyTarget)
            {
                r.Report(Codes.ApplyToRenderSwitch.At("meshstack:renderYamlTo",
                    $"cluster '{cluster.Name}' is deployed to a live cluster; rendering it to '{spec.RenderYamlTo}' instead would replace its provider, and the engine deletes every live object through the old provider afterwards. To get manifests of a deployed stack use 'meshstack render' or another stack; to stop managing the cluster run 'pulumi destroy' first"));
            }
            else if (!before.IsApplied && now == ClusterRecord.ApplyTarget)
            {
                r.Report(Codes.RenderToApplySwitch.At("meshstack:renderYamlTo",
                    $"cluster '{cluster.Name}' was rendered to '{before.Target["render:".Length..]}'; this update creates its objects in the cluster (an object that already exists there, applied by hand from those files, fails with AlreadyExists: set adopt: true for one update) and then deletes the rendered files, except the Istio CRDs' 0-crd/ files, which the charts keep"));
            }
        }

        CheckRenames(spec, clusters, previous, r);
        if (previous?.IstioVersion is { } deployed && IstioVersion.TryParse(deployed, out var deployedVersion) && spec.IstioVersion < deployedVersion)
        {
            // Istio supports in-place upgrades only, one minor at a time; going back is a canary revision's job
            // (istio.io "Upgrade": downgrades are not tested), and the base chart's CRDs stay at the newer schema.
            r.Report(Codes.IstioDowngrade.At("meshstack:istio.version",
                $"'{spec.IstioVersion}' is older than the deployed {deployedVersion}: Istio supports upgrades only, and the CRDs, webhooks and mesh config of {deployedVersion} stay behind; install the older release as a canary revision instead, or keep {deployedVersion}"));
        }

        TrustTransitions.Check(spec, previous?.TrustOrLegacy, options.Now, r);
        if (options.ClusterStacks is { } stacks)
        {
            ClusterStackTrust.Check(spec, previous?.TrustOrLegacy, stacks, options.Now, r);
        }
    }

    // pulumi-kubernetes provider/pkg/provider/provider.go@v4.32.0:495-502 (DiffConfig): while clusterIdentifier stays the
    // same, a kubeconfig or context change never replaces the provider, and its "active cluster changed" check (551-560)
    // is skipped. On a new target the engine then keeps every unchanged resource as it is (the new cluster stays empty)
    // and a changed one fails with NotFound (provider/pkg/await/await.go@v4.32.0:462, provider.go@v4.32.0:2471: the update reads the old object first).
    private static void CheckRetarget(MeshSpec spec, (ClusterSpec Spec, string Path) c, ClusterRecord before, string now, NodeReader r)
    {
        if (!before.IsApplied || now != ClusterRecord.ApplyTarget || spec.RenderYamlTo is not null)
        {
            return;
        }

        var cluster = c.Spec;
        var elsewhere = PointsElsewhere(before.Connection, ConnectionOf(cluster));
        if (elsewhere && !cluster.Reconnect)
        {
            var how = cluster.Connection.Kubeconfig is null ? $"context '{cluster.Connection.Context}'" : "a kubeconfig whose context names another API server";
            r.Report(Codes.ClusterRetargeted.At(c.Path,
                $"cluster '{cluster.Name}' was deployed through another connection and now uses {how}: its provider keeps its identity, so pulumi would take the new target for the deployed one (unchanged objects are never created there, changed ones fail with NotFound). If it is the same cluster reached another way, set reconnect: true for one update; to move the install to another cluster, remove '{cluster.Name}' in one update and add it again in the next"));
        }
        else if (!elsewhere && cluster.Reconnect)
        {
            r.Report(Codes.ReconnectWithoutChange.At(ConfigPath.Child(c.Path, "reconnect"),
                $"cluster '{cluster.Name}' is reached as it was deployed: remove reconnect, or a later change of target would go unchecked"));
        }
    }

    // A cluster that leaves the config while another arrives with the same connection is a rename.
    private static void CheckRenames(MeshSpec spec, List<(ClusterSpec Spec, string Path)> clusters, DeploymentRecord? previous, NodeReader r)
    {
        if (previous is null || previous.IsLegacy)
        {
            return;
        }

        var gone = previous.Clusters.Where(p => spec.FindCluster(p.Key) is null && p.Value.Connection is not null)
            .ToLookup(p => p.Value.Connection!, p => p.Key, StringComparer.Ordinal);
        foreach (var c in clusters.Where(c => previous.Find(c.Spec.Name) is null))
        {
            if (ConnectionOf(c.Spec) is { } connection && gone[connection].FirstOrDefault() is { } old)
            {
                r.Report(Codes.ClusterRenamed.At(ConfigPath.Child(c.Path, "name"),
                    $"'{c.Spec.Name}' connects like the deployed cluster '{old}': renaming a deployed cluster creates its whole install again under new names while the old ones are deleted, and both are the same objects. Keep the name '{old}', or remove '{old}' in one update and add '{c.Spec.Name}' in the next"));
            }
        }
    }

    /// <summary>Where a cluster's provider points: <see cref="ClusterRecord.ApplyTarget"/> or <c>render:&lt;folder&gt;</c>.</summary>
    public static string TargetOf(MeshSpec spec, ClusterSpec cluster)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cluster);
        return ProviderSettings.For(spec, cluster).RenderDirectory is { } folder ? ClusterRecord.RenderTarget(folder) : ClusterRecord.ApplyTarget;
    }

    /// <summary>
    /// A fingerprint of how a cluster is reached, to recognise it under another name and to notice it pointing elsewhere:
    /// <c>context:NAME</c>; <c>server:HASH</c> for an inline kubeconfig (a SHA-256 of the API server its context names, so
    /// a new token keeps it); <c>kubeconfig:HASH</c> for a kubeconfig path. Never the kubeconfig itself: it is a
    /// credential. Null when the kubeconfig is known only at deploy time.
    /// </summary>
    public static string? ConnectionOf(ClusterSpec cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var kubeconfig = cluster.Connection.Kubeconfig;
        if (kubeconfig is { Value: null })
        {
            return null;
        }

        if (kubeconfig is null)
        {
            return $"context:{cluster.Connection.Context}";
        }

        return KubeconfigTarget.ServerOf(kubeconfig.Value, cluster.Connection.Context) is { } server
            ? $"server:{Hash(server)}"
            : $"kubeconfig:{Hash($"{cluster.Connection.Context}\n{kubeconfig.Value}")}";
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    // Two fingerprints of one kind that differ name two targets; a path's hash or fingerprints of different kinds
    // (a context then an inline kubeconfig) say nothing either way.
    private static bool PointsElsewhere(string? before, string? now) =>
        before is not null && now is not null && before != now
        && (before.StartsWith("context:", StringComparison.Ordinal) || before.StartsWith("server:", StringComparison.Ordinal))
        && before[..before.IndexOf(':', StringComparison.Ordinal)] == now[..now.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The record this run leaves for the next one.</summary>
    public static DeploymentRecord RecordOf(FederationPlan plan, IEnumerable<string>? deployedClusters = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var only = deployedClusters?.ToHashSet(StringComparer.Ordinal);
        var clusters = plan.Clusters
            .Where(c => only is null || only.Contains(c.Cluster.Name))
            .ToImmutableSortedDictionary(c => c.Cluster.Name, c => new ClusterRecord(
                TargetOf(plan.Spec, c.Cluster),
                ConnectionOf(c.Cluster),
                NamespacePlanner.IstioSystemModeOf(c) == ApplyMode.Own ? ClusterRecord.NamespaceOwned : ClusterRecord.NamespacePatched,
                Dns.DnsPlanner.WritesCorefileBlock(c.Cluster)), StringComparer.Ordinal);
        return new DeploymentRecord { Clusters = clusters, IstioVersion = plan.Spec.IstioVersion.ToString(), Trust = plan.Trust, RootStack = plan.RootStack };
    }
}
