using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace MeshStack.Core.Plan;

/// <summary>
/// A node of a planned object's body: maps keep the order they were built in (so output reads like
/// hand-written YAML and is deterministic), scalars are text, whole numbers or booleans, and
/// <see cref="Deferred"/>/<see cref="Template"/> stand for values only known at deploy time.
/// </summary>
public abstract record Value
{
    /// <summary>Text.</summary>
    public static implicit operator Value(string text) => new Scalar(text);

    /// <summary>A whole number.</summary>
    public static implicit operator Value(int number) => new Scalar((long)number);

    /// <summary>A boolean.</summary>
    public static implicit operator Value(bool flag) => new Scalar(flag);

    /// <summary>Builds a map from pairs, skipping pairs whose value is null (optional fields).</summary>
    public static MapValue Map(params (string Key, Value? Value)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var count = 0;
        foreach (var entry in entries)
        {
            count += entry.Value is null ? 0 : 1;
        }

        // One exact array, wrapped without a copy (the plan builds a map per object: issue 23).
        var array = new KeyValuePair<string, Value>[count];
        var i = 0;
        foreach (var (key, value) in entries)
        {
            if (value is not null)
            {
                array[i++] = KeyValuePair.Create(key, value);
            }
        }

        return new(ImmutableCollectionsMarshal.AsImmutableArray(array));
    }

    /// <summary>Builds a list.</summary>
    public static ListValue List(params Value[] items) => new(ImmutableArray.Create(items));

    /// <summary>Builds a list.</summary>
    public static ListValue List(IEnumerable<Value> items) => new(items.ToImmutableArray());

    /// <summary>A map from string pairs, sorted by key (labels, annotations, data).</summary>
    public static MapValue SortedStrings(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (Value)p.Value)).ToImmutableArray());
}

/// <summary>Text, a whole number (long) or a boolean.</summary>
public sealed record Scalar(object Content) : Value;

/// <summary>An ordered map.</summary>
public sealed record MapValue(ImmutableArray<KeyValuePair<string, Value>> Entries) : Value
{
    /// <summary>The empty map.</summary>
    public static MapValue Empty { get; } = new([]);

    /// <summary>The value of a key, or null.</summary>
    public Value? this[string key]
    {
        get
        {
            foreach (var e in Entries)
            {
                if (e.Key == key)
                {
                    return e.Value;
                }
            }

            return null;
        }
    }

    /// <summary>A copy with the key set (replaced in place, or appended).</summary>
    public MapValue With(string key, Value value)
    {
        for (var i = 0; i < Entries.Length; i++)
        {
            if (Entries[i].Key == key)
            {
                return new MapValue(Entries.SetItem(i, KeyValuePair.Create(key, value)));
            }
        }

        return new MapValue(Entries.Add(KeyValuePair.Create(key, value)));
    }
}

/// <summary>An ordered list.</summary>
public sealed record ListValue(ImmutableArray<Value> Items) : Value;

/// <summary>A whole value known only at deploy time (a peer gateway address, a PEM).</summary>
public sealed record Deferred(DeployValue Ref) : Value;

/// <summary>Text with deploy-time values inside it: each part is a string or a <see cref="DeployValue"/>.</summary>
public sealed record Template(ImmutableArray<object> Parts) : Value;
