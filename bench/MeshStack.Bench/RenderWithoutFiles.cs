using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Bench;

/// <summary>What <c>meshstack render</c> does after the compile, without touching disk: resolve every non-secret manifest with no deploy-time values, then write every rendered file to a stream.</summary>
internal static class RenderWithoutFiles
{
    public static void Write(FederationPlan plan, Stream sink)
    {
        var resolver = new TableResolver(new Dictionary<DeployValue, string>());
        var manifests = new Dictionary<PlannedObject, MapValue>(ReferenceEqualityComparer.Instance);
        foreach (var o in plan.Clusters.SelectMany(c => c.Objects).Where(o => !o.IsSecret))
        {
            manifests[o] = ManifestResolver.Resolve(o.Manifest, resolver).Manifest;
        }

        var renderPlan = plan with
        {
            Clusters = [.. plan.Clusters.Select(c => c with { Items = [.. c.Items.Where(i => i is not PlannedObject o || manifests.ContainsKey(o))] })],
        };
        foreach (var file in RenderLayout.Files(renderPlan, o => manifests[o]))
        {
            file.WriteUtf8(sink);
        }
    }
}
