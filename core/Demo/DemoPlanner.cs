using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Demo;

/// <summary>The guide's demo workloads (sleep and httpbin), when <c>meshstack:demo</c> is true.</summary>
internal static class DemoPlanner
{
    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster)
    {
        yield break;
    }
}
