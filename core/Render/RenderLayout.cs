using System.Collections.Immutable;
using System.Globalization;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>A file of the render output: a path relative to the output folder and the code that writes it.</summary>
public sealed record RenderedFile(string RelativePath, Action<TextWriter> Write);

/// <summary>
/// How a plan lands on disk: <c>&lt;cluster&gt;/NN-&lt;stage&gt;.yaml</c>, one multi-document file per cluster and stage
/// (creating one file per object costs far more than writing them), plus <c>&lt;cluster&gt;/helm/&lt;release&gt;.values.yaml</c>
/// and <c>&lt;cluster&gt;/helm/releases.yaml</c> listing chart, version and repository.
/// </summary>
public static class RenderLayout
{
    /// <summary>The files for a plan whose deploy-time values were already resolved.</summary>
    public static ImmutableArray<RenderedFile> Files(FederationPlan plan, Func<PlannedObject, MapValue> manifestOf)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(manifestOf);
        var files = ImmutableArray.CreateBuilder<RenderedFile>();
        foreach (var cluster in plan.Clusters)
        {
            var name = cluster.Cluster.Name;
            foreach (var stage in cluster.Objects.GroupBy(o => o.Stage).OrderBy(g => g.Key))
            {
                var objects = stage.ToList();
                files.Add(new RenderedFile($"{name}/{FileName(stage.Key)}", w => YamlWriter.WriteDocuments(w, objects.Select(manifestOf))));
            }

            var releases = cluster.Releases.ToList();
            if (releases.Count > 0)
            {
                files.Add(new RenderedFile($"{name}/helm/releases.yaml", w => YamlWriter.WriteDocuments(w, releases.Select(Describe))));
                foreach (var release in releases)
                {
                    files.Add(new RenderedFile($"{name}/helm/{release.Name}.values.yaml", w => YamlWriter.WriteDocuments(w, [release.Values])));
                }
            }
        }

        return files.ToImmutable();
    }

    /// <summary>The file name of a stage: <c>00-namespaces.yaml</c>…</summary>
    public static string FileName(Stage stage) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)stage:00}-{stage.ToString().ToLowerInvariant()}.yaml");

    private static MapValue Describe(HelmRelease r) => Value.Map(
        ("name", r.Name),
        ("namespace", r.Namespace),
        ("chart", r.Chart),
        ("version", r.Version),
        ("repository", r.Repository),
        ("stage", r.Stage.ToString()),
        ("valuesFile", $"{r.Name}.values.yaml"),
        ("dependsOn", Value.List(r.DependsOn.Select(d => (Value)d))));
}
