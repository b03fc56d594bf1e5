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

        // The rules are a pure function of the manifest, and planners share one spec between the copies of an object
        // in every consumer cluster; so identical manifests are checked once.
        var checkedManifests = new Dictionary<ManifestKey, ImmutableArray<IstioFinding>>();
        foreach (var cluster in plan.Clusters)
        {
            foreach (var item in cluster.Objects)
            {
                var key = ManifestKey.Of(item.Manifest);
                if (key is not { } shared || !checkedManifests.TryGetValue(shared, out var findings))
                {
                    findings = IstioWebhookRules.Applies(item.Manifest) ? IstioWebhookRules.Validate(item.Manifest) : [];
                    if (key is { } fresh)
                    {
                        checkedManifests[fresh] = findings;
                    }
                }

                foreach (var finding in findings)
                {
                    diagnostics.Add(ToDiagnostic(cluster.Cluster.Name, item, finding));
                }
            }
        }

        return diagnostics.ToImmutable();
    }

    /// <summary>Path <c>plan:CLUSTER/KIND/NAMESPACE/NAME:FIELD</c>; the message names the istiod rule.</summary>
    internal static Diagnostic ToDiagnostic(string cluster, PlannedObject item, IstioFinding finding)
    {
        var path = $"plan:{cluster}/{item.Key}:{finding.Path}";
        return finding.IsError
            ? DiagnosticBuilder.RejectedByIstiod(path, item.Kind, item.Name, cluster, finding.RuleId, finding.Message)
            : DiagnosticBuilder.IstiodWarning(path, item.Kind, item.Name, cluster, finding.RuleId, finding.Message);
    }

    /// <summary>
    /// Identifies a manifest of the usual shape (apiVersion, kind, metadata with name, namespace, labels, annotations,
    /// then spec) by its texts and the identity of its shared maps: equal keys mean equal manifests. A struct hashed
    /// on the shared spec's identity and the name's length (issue 23): no allocation and no string hashing per object.
    /// </summary>
    private readonly record struct ManifestKey(string ApiVersion, string Kind, string Name, string? Namespace, Identity Labels, Identity Annotations, Identity Spec)
    {
        public static ManifestKey? Of(MapValue manifest)
        {
            var e = manifest.Entries;
            if (e.Length != 4 || e[0].Key != "apiVersion" || e[1].Key != "kind" || e[2].Key != "metadata" || e[3].Key != "spec" ||
                e[0].Value is not Scalar { Content: string api } || e[1].Value is not Scalar { Content: string kind } || e[2].Value is not MapValue metadata)
            {
                return null;
            }

            string? name = null, ns = null;
            MapValue? labels = null, annotations = null;
            var order = 0;
            foreach (var (key, value) in metadata.Entries)
            {
                var position = key switch { "name" => 1, "namespace" => 2, "labels" => 3, "annotations" => 4, _ => 0 };
                if (position <= order)
                {
                    return null;
                }

                order = position;
                switch (value)
                {
                    case Scalar { Content: string text } when position == 1:
                        name = text;
                        break;
                    case Scalar { Content: string text } when position == 2:
                        ns = text;
                        break;
                    case MapValue map when position == 3:
                        labels = map;
                        break;
                    case MapValue map when position == 4:
                        annotations = map;
                        break;
                    default:
                        return null;
                }
            }

            return name is null ? null : new ManifestKey(api, kind, name, ns, new(labels), new(annotations), new(e[3].Value));
        }

        public bool Equals(ManifestKey other) =>
            Spec.Equals(other.Spec) && Labels.Equals(other.Labels) && Annotations.Equals(other.Annotations) &&
            string.Equals(Name, other.Name, StringComparison.Ordinal) && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal) &&
            string.Equals(Kind, other.Kind, StringComparison.Ordinal) && string.Equals(ApiVersion, other.ApiVersion, StringComparison.Ordinal);

        public override int GetHashCode() => HashCode.Combine(Spec, Labels, Name.Length);
    }

    /// <summary>Compares a value by reference: the same instance is the same content (values are immutable).</summary>
    private readonly struct Identity(object? value) : IEquatable<Identity>
    {
        private readonly object? value = value;

        public bool Equals(Identity other) => ReferenceEquals(value, other.value);

        public override bool Equals(object? obj) => obj is Identity other && Equals(other);

        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(value);
    }
}
