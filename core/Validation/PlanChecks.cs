using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Validation;

/// <summary>
/// Checks on the planned objects themselves, before anything is applied: what istiod's webhook would reject
/// must fail here, with a diagnostic, instead of half-way through <c>pulumi up</c>.
/// </summary>
internal static class PlanChecks
{
    public static ImmutableArray<Diagnostic> Check(FederationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [];
    }
}
