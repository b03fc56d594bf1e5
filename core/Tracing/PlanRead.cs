using System.Collections.Immutable;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tracing;

/// <summary>Reads fields of planned bodies; missing or wrongly typed fields read as null or empty.</summary>
internal static class PlanRead
{
    public static Value? At(Value? value, params ReadOnlySpan<string> path)
    {
        foreach (var key in path)
        {
            value = value is MapValue map ? map[key] : null;
        }

        return value;
    }

    public static string? Text(Value? value) => value is Scalar { Content: string s } ? s : null;

    public static int? Number(Value? value) => value is Scalar { Content: long n } ? (int)n : null;

    public static ImmutableArray<Value> Items(Value? value) => value is ListValue list ? list.Items : [];

    public static ImmutableDictionary<string, string> Labels(Value? value) =>
        value is MapValue map
            ? map.Entries.Where(e => Text(e.Value) is not null).ToImmutableDictionary(e => e.Key, e => Text(e.Value)!, StringComparer.Ordinal)
            : ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}
