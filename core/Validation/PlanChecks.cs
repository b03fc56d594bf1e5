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

        // The rules are a pure function of the manifest, and the planner gives the copies of an object in every consumer
        // cluster one spec instance: each spec instance is checked once per distinct rest of the manifest (issue 23).
        var checkedSpecs = new Dictionary<Value, CheckedSpec>(ReferenceEqualityComparer.Instance);
        foreach (var cluster in plan.Clusters)
        {
            foreach (var planItem in cluster.Items)
            {
                if (planItem is not PlannedObject item || !IstioWebhookRules.Applies(item.Manifest))
                {
                    continue;
                }

                foreach (var finding in FindingsOf(item.Manifest, checkedSpecs))
                {
                    diagnostics.Add(ToDiagnostic(cluster.Cluster.Name, item, finding));
                }
            }
        }

        return diagnostics.ToImmutable();
    }

    /// <summary>
    /// istiod's findings for a manifest, from <paramref name="checkedSpecs"/> when a manifest holding the same spec instance
    /// (the manifest itself when it has no spec) and the same other entries was checked before.
    /// </summary>
    private static ImmutableArray<IstioFinding> FindingsOf(MapValue manifest, Dictionary<Value, CheckedSpec> checkedSpecs)
    {
        var spec = manifest["spec"] ?? manifest;
        if (!checkedSpecs.TryGetValue(spec, out var known))
        {
            var findings = IstioWebhookRules.Validate(manifest);
            checkedSpecs.Add(spec, new CheckedSpec(manifest, findings));
            return findings;
        }

        for (var candidate = known; candidate is not null; candidate = candidate.Next)
        {
            if (ReferenceEquals(candidate.Manifest, manifest) || SameExceptSpec(candidate.Manifest, manifest))
            {
                return candidate.Findings;
            }
        }

        // The same spec under another name, namespace or metadata: its own check, kept for the next object like it.
        var own = IstioWebhookRules.Validate(manifest);
        known.Next = new CheckedSpec(manifest, own) { Next = known.Next };
        return own;
    }

    /// <summary>True when two manifests of one spec instance have equal entries besides it (so equal findings).</summary>
    private static bool SameExceptSpec(MapValue a, MapValue b)
    {
        if (a.Entries.Length != b.Entries.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Entries.Length; i++)
        {
            var (key, value) = a.Entries[i];
            if (key != b.Entries[i].Key || (key != "spec" && !SameContent(value, b.Entries[i].Value)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Equal content: the same instance, or equal scalars, or maps and lists of equal content in the same order.</summary>
    private static bool SameContent(Value a, Value b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        switch (a, b)
        {
            case (Scalar x, Scalar y):
                return x.Equals(y);
            case (MapValue x, MapValue y):
                if (x.Entries.Length != y.Entries.Length)
                {
                    return false;
                }

                for (var i = 0; i < x.Entries.Length; i++)
                {
                    if (x.Entries[i].Key != y.Entries[i].Key || !SameContent(x.Entries[i].Value, y.Entries[i].Value))
                    {
                        return false;
                    }
                }

                return true;
            case (ListValue x, ListValue y):
                if (x.Items.Length != y.Items.Length)
                {
                    return false;
                }

                for (var i = 0; i < x.Items.Length; i++)
                {
                    if (!SameContent(x.Items[i], y.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Path <c>plan:CLUSTER/KIND/NAMESPACE/NAME:FIELD</c>; the message names the istiod rule.</summary>
    internal static Diagnostic ToDiagnostic(string cluster, PlannedObject item, IstioFinding finding)
    {
        var path = $"plan:{cluster}/{item.Key}:{finding.Path}";
        return finding.IsError
            ? DiagnosticBuilder.RejectedByIstiod(path, item.Kind, item.Name, cluster, finding.RuleId, finding.Message)
            : DiagnosticBuilder.IstiodWarning(path, item.Kind, item.Name, cluster, finding.RuleId, finding.Message);
    }

    /// <summary>A checked manifest and its findings; <see cref="Next"/> holds other manifests of the same spec instance.</summary>
    private sealed class CheckedSpec(MapValue manifest, ImmutableArray<IstioFinding> findings)
    {
        public MapValue Manifest { get; } = manifest;

        public ImmutableArray<IstioFinding> Findings { get; } = findings;

        public CheckedSpec? Next { get; set; }
    }
}
