using System.Collections.Immutable;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tracing;

/// <summary>
/// The models of planned specs, read once per spec instance: the planner builds what does not depend on the consumer
/// once and every consumer's object holds that same instance (values are immutable), so one trace reads a caller-side
/// ServiceEntry or DestinationRule once per service instead of once per consumer cluster.
/// </summary>
internal sealed class SharedModels
{
    private readonly Dictionary<Value, ServiceEntryModel> entries = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Value, DestinationRuleModel> rules = new(ReferenceEqualityComparer.Instance);

    /// <summary>A ServiceEntry's model; shared by every object with this spec instance, namespace and name.</summary>
    public ServiceEntryModel ServiceEntry(string ns, string name, Value? spec)
    {
        if (spec is not null && entries.TryGetValue(spec, out var known) && known.Namespace == ns && known.Name == name)
        {
            return known;
        }

        var entry = new ServiceEntryModel(
            ns,
            name,
            Texts(PlanRead.At(spec, "hosts")),
            [.. PlanRead.Items(PlanRead.At(spec, "ports"))
                .Select(p => (PlanRead.Text(PlanRead.At(p, "name")) ?? "", PlanRead.Number(PlanRead.At(p, "number")) ?? 0, PlanRead.Text(PlanRead.At(p, "protocol")) ?? "TCP", PlanRead.Number(PlanRead.At(p, "targetPort"))))],
            PlanRead.At(spec, "resolution"),
            Texts(PlanRead.At(spec, "addresses")),
            PlanRead.Items(PlanRead.At(spec, "endpoints")),
            PlanRead.At(spec, "workloadSelector") is { } selector ? PlanRead.Labels(PlanRead.At(selector, "labels")) : null,
            Texts(PlanRead.At(spec, "subjectAltNames")));
        if (spec is not null)
        {
            entries.TryAdd(spec, entry);
        }

        return entry;
    }

    /// <summary>A DestinationRule's model; shared by every object with this spec instance and namespace.</summary>
    public DestinationRuleModel DestinationRule(string ns, Value? spec)
    {
        if (spec is not null && rules.TryGetValue(spec, out var known) && known.Namespace == ns)
        {
            return known;
        }

        var rule = new DestinationRuleModel(
            ns,
            PlanRead.Text(PlanRead.At(spec, "host")) ?? "",
            PlanRead.Text(PlanRead.At(spec, "trafficPolicy", "tls", "mode")),
            [.. PlanRead.Items(PlanRead.At(spec, "subsets"))
                .Select(s => (PlanRead.Text(PlanRead.At(s, "name")) ?? "", PlanRead.Labels(PlanRead.At(s, "labels")), PlanRead.Text(PlanRead.At(s, "trafficPolicy", "tls", "mode"))))]);
        if (spec is not null)
        {
            rules.TryAdd(spec, rule);
        }

        return rule;
    }

    // The strings of a list, in order, skipping what is not a string.
    private static ImmutableArray<string> Texts(Value? list)
    {
        var items = PlanRead.Items(list);
        var builder = ImmutableArray.CreateBuilder<string>(items.Length);
        foreach (var item in items)
        {
            if (PlanRead.Text(item) is { } text)
            {
                builder.Add(text);
            }
        }

        return builder.Count == builder.Capacity ? builder.MoveToImmutable() : builder.ToImmutable();
    }
}
