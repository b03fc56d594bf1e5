using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Istio;

/// <summary>The Istio install of one cluster, per profile.</summary>
internal static class IstioInstallPlanner
{
    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster)
    {
        // Filled in by the Istio install work (issue: control plane in every cluster).
        yield break;
    }
}
