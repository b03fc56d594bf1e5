using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>A release an earlier render wrote (as it wrote its chart) that the plan no longer has.</summary>
/// <param name="Name">The release name.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Chart">The chart as the earlier helmfile named it.</param>
public sealed record RemovedRelease(string Name, string Namespace, string Chart)
{
    /// <summary>The plan key a release of that name would have.</summary>
    public string Key => $"HelmRelease/{Namespace}/{Name}";
}

/// <summary>
/// A <c>helmfile.yaml</c> for a cluster's releases: the chart repositories, <c>helmDefaults</c> with the cluster's
/// kube context and <c>wait</c> (so a release is ready before the next step), and each release with its values file and
/// <c>needs:</c> (<c>[KUBECONTEXT/]NAMESPACE/NAME</c>, helmfile's release ID) for the releases of the same file it depends on, which helmfile turns into
/// install order. Dependencies outside the file (namespaces, cacerts) are the folders applied before it.
/// </summary>
public static class Helmfile
{
    /// <summary>The values file of a release, next to the helmfile.</summary>
    public static string ValuesFile(HelmRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return $"{release.Name}.values.yaml";
    }

    /// <summary>
    /// The helmfile of a cluster's releases; <paramref name="localChart"/> maps a local chart folder to the path the file
    /// uses; <paramref name="removed"/> are releases an earlier render installed, written with <c>installed: false</c>.
    /// </summary>
    public static MapValue Of(ClusterSpec cluster, IReadOnlyList<HelmRelease> releases, Func<string, string> localChart, IReadOnlyList<RemovedRelease>? removed = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(releases);
        ArgumentNullException.ThrowIfNull(localChart);
        var repositories = releases.Where(r => !r.IsLocalChart).Select(r => r.Repository).Distinct(StringComparer.Ordinal)
            .Select(url => (Value)Value.Map(("name", RepositoryName(url)), ("url", url))).ToList();
        var inFile = releases.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var entries = new List<KeyValuePair<string, Value>>();
        if (repositories.Count > 0)
        {
            entries.Add(KeyValuePair.Create("repositories", (Value)Value.List(repositories)));
        }

        var defaults = new List<KeyValuePair<string, Value>>();
        if (cluster.Connection.Context is { } context)
        {
            defaults.Add(KeyValuePair.Create("kubeContext", (Value)context));
        }

        defaults.Add(KeyValuePair.Create("wait", (Value)true));
        entries.Add(KeyValuePair.Create("helmDefaults", (Value)new MapValue([.. defaults])));
        var idPrefix = cluster.Connection.Context is { } kubeContext ? kubeContext + "/" : "";
        var tombstones = (removed ?? []).Where(t => !inFile.Contains(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (Value)Tombstone(t));
        entries.Add(KeyValuePair.Create("releases", (Value)Value.List(releases.Select(r => (Value)Release(r, inFile, idPrefix, localChart)).Concat(tombstones))));
        return new MapValue([.. entries]);
    }

    // helmfile never deletes a release that left the file; `installed: false` makes `helmfile sync` uninstall it when it is
    // installed and do nothing when it is not (helmfile pkg/app/app.go SyncState, pkg/state/state.go
    // DetectReleasesToBeDeletedForSync; docs/configuration.md "set `false` to uninstall this release on sync"). Such a
    // release needs neither its chart nor values (state.go releasesNeedCharts, "we don't need to those" for uninstalls),
    // and carries no `needs`: sync deletes it before it installs or upgrades the others.
    private static MapValue Tombstone(RemovedRelease r) => Value.Map(
        ("name", r.Name),
        ("namespace", r.Namespace),
        ("chart", r.Chart),
        ("installed", false));

    private static MapValue Release(HelmRelease r, HashSet<string> inFile, string idPrefix, Func<string, string> localChart)
    {
        var entries = new List<KeyValuePair<string, Value>>
        {
            KeyValuePair.Create("name", (Value)r.Name),
            KeyValuePair.Create("namespace", (Value)r.Namespace),
            KeyValuePair.Create("chart", (Value)(r.IsLocalChart ? localChart(r.Chart) : $"{RepositoryName(r.Repository)}/{r.Chart}")),
        };
        if (!r.IsLocalChart)
        {
            entries.Add(KeyValuePair.Create("version", (Value)r.Version));
        }

        entries.Add(KeyValuePair.Create("values", (Value)Value.List((Value)ValuesFile(r))));
        // Helmfile's release ID is [KUBECONTEXT/]NAMESPACE/NAME, the kube context coming from helmDefaults when the release
        // sets none, and `needs` must spell the ID out when a context is configured.
        var needs = r.DependsOn.Where(inFile.Contains).Select(k => (Value)(idPrefix + k["HelmRelease/".Length..])).ToList();
        if (needs.Count > 0)
        {
            entries.Add(KeyValuePair.Create("needs", (Value)Value.List(needs)));
        }

        return new MapValue([.. entries]);
    }

    // The first label of the repository's host: https://istio-release.storage.googleapis.com/charts -> istio-release.
    private static string RepositoryName(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.Split('.')[0] : "charts";
}
