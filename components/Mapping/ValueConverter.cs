using System.Globalization;
using MeshStack.Core.Plan;
using Pulumi;

namespace MeshStack.Components.Mapping;

/// <summary>
/// Turns core's <see cref="Value"/> trees into what Pulumi serialises: maps, lists and scalars as plain objects,
/// deploy-time values as outputs at their leaf (so a preview shows every other field, and secrets stay secret).
/// </summary>
internal static class ValueConverter
{
    /// <summary>A plain object tree with outputs at deferred leaves.</summary>
    public static object ToObject(Value value, DeployValueOutputs resolver) => value switch
    {
        MapValue map => map.Entries.ToDictionary(e => e.Key, e => ToObject(e.Value, resolver), StringComparer.Ordinal),
        ListValue list => list.Items.Select(i => ToObject(i, resolver)).ToList(),
        Scalar scalar => Scalar(scalar),
        Deferred or Template => ToText(value, resolver)!,
        _ => throw new InvalidOperationException($"cannot convert {value.GetType().Name}"),
    };

    /// <summary>A map as an <see cref="InputMap{V}"/> (Helm values, custom resource specs).</summary>
    public static InputMap<object> ToInputMap(MapValue map, DeployValueOutputs resolver)
    {
        var result = new InputMap<object>();
        foreach (var (key, item) in map.Entries)
        {
            result.Add(key, Output.Create(ToObject(item, resolver)));
        }

        return result;
    }

    /// <summary>A scalar's CLR value: numbers go as int when they fit (Pulumi sends numbers as doubles).</summary>
    public static object Scalar(Scalar scalar) => scalar.Content switch
    {
        long n when n is >= int.MinValue and <= int.MaxValue => (int)n,
        long n => (double)n,
        var other => other,
    };

    /// <summary>A deferred value or template as text output; null for anything else.</summary>
    public static Output<string>? ToText(Value value, DeployValueOutputs resolver) => value switch
    {
        Deferred d => resolver.Resolve(d.Ref),
        Template t => Output.All(t.Parts.Select(p => p is DeployValue dv ? resolver.Resolve(dv) : Output.Create(Convert.ToString(p, CultureInfo.InvariantCulture) ?? "")))
            .Apply(parts => string.Concat(parts)),
        _ => null,
    };
}
