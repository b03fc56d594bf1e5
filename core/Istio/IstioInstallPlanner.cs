using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Istio;

/// <summary>
/// The Istio install of one cluster, per profile. Stages carry the order (namespace → cacerts → base or the
/// operator → istiod or the IstioOperator → gateways → Istio resources); the federation planner turns them into
/// dependencies, so <c>cacerts</c> exists before istiod starts.
/// </summary>
internal static class IstioInstallPlanner
{
    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster) => context.Spec.Profile switch
    {
        Profile.LegacyGateways => LegacyGatewaysInstall.Plan(context, cluster),
        _ => MultiPrimaryInstall.Plan(context, cluster),
    };
}
