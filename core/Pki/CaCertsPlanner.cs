using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Pki;

/// <summary>
/// The <c>istio-system/cacerts</c> Secret: the cluster's intermediate, its key, the root and the chain
/// (intermediate then root). Every value is deferred and secret; it must exist before istiod starts.
/// </summary>
internal static class CaCertsPlanner
{
    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster)
    {
        var data = Value.Map(CaFiles.All.Select(f => (CaFiles.FileName(f), (Value?)new Deferred(new CaFileOf(cluster.Name, f)))).ToArray());
        yield return KubeObjects.Object(cluster.Name, Stage.CaCerts, Concern.Pki, "v1", "Secret", KubeObjects.IstioSystem, "cacerts",
            Value.Map(("type", "Opaque"), ("stringData", data)), isSecret: true);
    }
}
