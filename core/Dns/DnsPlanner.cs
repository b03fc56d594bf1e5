using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Dns;

/// <summary>The DNS objects of one cluster, per DNS mode.</summary>
internal static class DnsPlanner
{
    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster)
    {
        // Filled in by the DNS work (issue: DNS for .global names).
        yield break;
    }
}
