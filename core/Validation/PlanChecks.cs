using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Plan;
using MeshStack.Core.Validation.Istio;

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
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var cluster in plan.Clusters)
        {
            foreach (var item in cluster.Objects.Where(o => IstioWebhookRules.Applies(o.Manifest)))
            {
                diagnostics.AddRange(IstioWebhookRules.Validate(item.Manifest).Select(finding => ToDiagnostic(cluster.Cluster.Name, item, finding)));
            }
        }

        return diagnostics.ToImmutable();
    }

    /// <summary>Path <c>plan:CLUSTER/KIND/NAMESPACE/NAME:FIELD</c>; the message names the istiod rule.</summary>
    internal static Diagnostic ToDiagnostic(string cluster, PlannedObject item, IstioFinding finding)
    {
        var path = $"plan:{cluster}/{item.Key}:{finding.Path}";
        return finding.IsError
            ? Codes.RejectedByIstiod.At(path,
                $"istiod would reject {item.Kind} '{item.Name}' in cluster '{cluster}' (rule {finding.RuleId}): {finding.Message}. " +
                "Nothing is applied; change the config value that feeds this field, or report a MeshStack bug if the config looks right.")
            : Codes.IstiodWarning.At(path,
                $"istiod would warn about {item.Kind} '{item.Name}' in cluster '{cluster}' (rule {finding.RuleId}): {finding.Message}");
    }
}
