using System.Collections.Immutable;
using System.Globalization;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>The standard tool that applies one folder of the render output.</summary>
internal enum ApplyTool
{
    /// <summary>A <c>kustomization.yaml</c> of plain objects: <c>kubectl apply --server-side -k FOLDER</c>.</summary>
    Kustomize,

    /// <summary>A <c>helmfile.yaml</c> of Helm releases, ordered among themselves by <c>needs:</c>: <c>helmfile -f FOLDER/helmfile.yaml sync</c>.</summary>
    Helmfile,
}

/// <summary>One folder of a cluster's render output, applied as a whole by one tool.</summary>
/// <param name="Folder">The folder name below the cluster's folder, e.g. <c>00-namespaces</c>; folders sort in apply order.</param>
/// <param name="Tool">The tool that applies it.</param>
/// <param name="Items">The plan items it holds.</param>
internal sealed record ApplyStep(string Folder, ApplyTool Tool, ImmutableArray<PlanItem> Items)
{
    /// <summary>The Helm releases of a helmfile step.</summary>
    public IEnumerable<HelmRelease> Releases => Items.OfType<HelmRelease>();

    /// <summary>The objects of a kustomize step.</summary>
    public IEnumerable<PlannedObject> Objects => Items.OfType<PlannedObject>();
}

/// <summary>
/// Splits a cluster's items into folders that plain tools apply one after the other, in name order: each stage of
/// plain objects is a kustomization (<c>NN-&lt;stage&gt;</c>); each run of consecutive stages holding only Helm releases
/// is one helmfile (<c>NN-charts</c>, named after its first stage), whose <c>needs:</c> keep the releases' order.
/// The cacerts stage comes before the charts, so istiod starts with the shared CA.
/// </summary>
internal static class ApplyOrder
{
    /// <summary>The folders of a cluster, in apply order.</summary>
    public static ImmutableArray<ApplyStep> For(ClusterPlan cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var steps = ImmutableArray.CreateBuilder<ApplyStep>();
        List<PlanItem>? charts = null;
        Stage chartsFrom = default;
        foreach (var stage in cluster.Items.GroupBy(i => i.Stage).OrderBy(g => g.Key))
        {
            var releases = stage.OfType<HelmRelease>().ToList();
            var objects = stage.OfType<PlannedObject>().ToList();
            if (releases.Count > 0)
            {
                if (charts is null)
                {
                    charts = [];
                    chartsFrom = stage.Key;
                }

                charts.AddRange(releases);
            }

            if (objects.Count > 0)
            {
                Flush();
                steps.Add(new ApplyStep(Prefix(stage.Key) + stage.Key.ToString().ToLowerInvariant(), ApplyTool.Kustomize, [.. objects]));
            }
        }

        Flush();
        return steps.ToImmutable();

        void Flush()
        {
            if (charts is not null)
            {
                steps.Add(new ApplyStep(Prefix(chartsFrom) + "charts", ApplyTool.Helmfile, [.. charts]));
                charts = null;
            }
        }
    }

    private static string Prefix(Stage stage) => string.Create(CultureInfo.InvariantCulture, $"{(int)stage:00}-");
}
