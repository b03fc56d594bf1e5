using System.Collections.Immutable;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>A file of the render output: a path relative to the output folder and the YAML documents it holds.</summary>
/// <param name="RelativePath">The path below the output folder, with <c>/</c>.</param>
/// <param name="Documents">Its documents, produced as they are written (manifests are resolved lazily).</param>
/// <param name="MultiDocument">True for a multi-document file (every document after a <c>---</c> line), false for a file that tools read as one document.</param>
public sealed record RenderedFile(string RelativePath, IEnumerable<MapValue> Documents, bool MultiDocument)
{
    /// <summary>True when the file holds private keys (the cacerts Secrets): written readable by its owner only.</summary>
    public bool HoldsKeys { get; init; }

    /// <summary>The YAML of subtrees this render's documents share (written once, copied after); none for a file built on its own.</summary>
    internal YamlFragments? Fragments { get; init; }

    /// <summary>Writes the file as UTF-8.</summary>
    public void WriteUtf8(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (MultiDocument)
        {
            YamlWriter.WriteDocuments(stream, Documents, Fragments);
        }
        else
        {
            YamlWriter.WriteDocument(stream, Documents.Single());
        }
    }

    /// <summary>Writes the file's text to a text writer (tests, previews); files go through <see cref="WriteUtf8"/>.</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var stream = new TextWriterStream(writer);
        WriteUtf8(stream);
    }
}

/// <summary>What a render knows beyond the plan.</summary>
public sealed record RenderOptions
{
    /// <summary>The mesh ID (the configured one, or the generated one the lock file keeps): it names the ApplySet.</summary>
    public string? MeshId { get; init; }

    /// <summary>
    /// Planned objects that are not written (a remote secret without its token): still members of the ApplySet, so the
    /// prune keeps the live one instead of deleting it.
    /// </summary>
    public ImmutableArray<PlannedObject> KeptUnwritten { get; init; } = [];

    /// <summary>Per cluster, the releases an earlier render installed that this plan no longer has: written with <c>installed: false</c>.</summary>
    public ImmutableDictionary<string, ImmutableArray<RemovedRelease>> RemovedReleases { get; init; } =
        ImmutableDictionary<string, ImmutableArray<RemovedRelease>>.Empty;
}

/// <summary>
/// How a plan lands on disk, one folder per <see cref="ApplyStep"/> below <c>&lt;cluster&gt;/</c>, applied in name order:
/// <c>NN-&lt;stage&gt;/kustomization.yaml</c> + <c>resources.yaml</c> (every object of the stage in one multi-document
/// file: creating one file per object costs far more than writing them), and <c>NN-charts/helmfile.yaml</c> with one
/// <c>&lt;release&gt;.values.yaml</c> per release; the first folder also holds the ApplySet's CRD, and the last one,
/// <c>99-prune/</c>, the ApplySet's parent and its members (<see cref="ApplySet"/>).
/// </summary>
public static class RenderLayout
{
    /// <summary>The objects file of a kustomize folder.</summary>
    public const string ResourcesFile = "resources.yaml";

    /// <summary>The files for a plan whose deploy-time values were already resolved.</summary>
    /// <param name="plan">The plan; its items are the ones to write.</param>
    /// <param name="manifestOf">The resolved manifest of an object.</param>
    /// <param name="localChartPath">
    /// Maps a local chart folder (the legacy operator chart, as configured) to the path the helmfile uses, which is
    /// relative to the helmfile's folder; by default the configured path as it is.
    /// </param>
    /// <param name="options">The mesh ID, members kept without being written, and releases to uninstall; by default none.</param>
    public static ImmutableArray<RenderedFile> Files(
        FederationPlan plan, Func<PlannedObject, MapValue> manifestOf, Func<string, string, string>? localChartPath = null, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(manifestOf);
        options ??= new RenderOptions();
        var meshId = options.MeshId ?? plan.Spec.MeshId;
        var files = ImmutableArray.CreateBuilder<RenderedFile>();
        // Every consumer cluster's caller-side objects hold the same spec instances: their YAML is written once.
        var fragments = new YamlFragments();
        foreach (var cluster in plan.Clusters)
        {
            var name = cluster.Cluster.Name;
            var crdWritten = false;
            var removed = options.RemovedReleases.GetValueOrDefault(name, []);
            var steps = ApplyOrder.For(cluster);
            foreach (var step in steps)
            {
                var folder = $"{name}/{step.Folder}";
                if (step.Tool == ApplyTool.Kustomize)
                {
                    var objects = step.Objects.ToList();
                    // The ApplySet's CRD goes into the first folder, so it is established when the last folder creates the parent.
                    var withCrd = !crdWritten;
                    crdWritten = true;
                    files.Add(new RenderedFile($"{folder}/kustomization.yaml", [Kustomization.Of([ResourcesFile])], MultiDocument: false));
                    files.Add(new RenderedFile($"{folder}/{ResourcesFile}", withCrd ? objects.Select(manifestOf).Append(ApplySet.Crd()) : objects.Select(manifestOf), MultiDocument: true)
                    {
                        HoldsKeys = objects.Any(o => o.IsSecret),
                        Fragments = fragments,
                    });
                }
                else
                {
                    var releases = step.Releases.ToList();
                    var helmfile = Helmfile.Of(cluster.Cluster, releases, chart => localChartPath?.Invoke(chart, folder) ?? chart, removed);
                    removed = [];
                    files.Add(new RenderedFile($"{folder}/helmfile.yaml", [helmfile], MultiDocument: false));
                    foreach (var release in releases)
                    {
                        files.Add(new RenderedFile($"{folder}/{Helmfile.ValuesFile(release)}", [release.Values], MultiDocument: false));
                    }
                }
            }

            var kept = options.KeptUnwritten.Where(o => o.Cluster == name);
            var members = steps.SelectMany(s => s.Objects).Concat(kept).Where(ApplySet.IsMember)
                .OrderBy(o => o.Stage).ThenBy(o => o.Key, StringComparer.Ordinal).ToList();
            var pruneFolder = $"{name}/{ApplySet.Folder}";
            files.Add(new RenderedFile($"{pruneFolder}/kustomization.yaml", [Kustomization.Of([ApplySet.MembersFile])], MultiDocument: false));
            files.Add(new RenderedFile($"{pruneFolder}/{ApplySet.MembersFile}", members.Select(ApplySet.Stub), MultiDocument: true));
            files.Add(new RenderedFile($"{pruneFolder}/{ApplySet.ParentFile}", [ApplySet.Parent(meshId)], MultiDocument: false));
        }

        return files.ToImmutable();
    }
}
