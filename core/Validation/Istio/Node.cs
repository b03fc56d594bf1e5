using System.Collections.Immutable;
using System.Globalization;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Validation.Istio;

/// <summary>
/// One field as istiod decodes it (proto3): an absent field reads as its zero value ("", 0, false, no message).
/// <see cref="Deferred"/> and <see cref="Template"/> values are only known at deploy time: <see cref="IsUnknown"/>,
/// and every rule skips what it cannot know instead of rejecting it.
/// </summary>
internal readonly record struct Node(Value? Raw)
{
    /// <summary>The key is present (a proto message is non-nil when its key holds a map, even an empty one).</summary>
    public bool IsSet => Raw is not null;

    /// <summary>A deploy-time value: cannot be checked at plan time.</summary>
    public bool IsUnknown => Raw is Deferred or Template;

    /// <summary>A message (map) is present.</summary>
    public bool IsMessage => Raw is MapValue;

    public Node this[string key] => new(Raw is MapValue map ? map[key] : null);

    /// <summary>The text, or "" when absent, unknown or not a scalar.</summary>
    public string Text => Raw switch
    {
        Scalar { Content: string s } => s,
        Scalar { Content: long n } => n.ToString(CultureInfo.InvariantCulture),
        Scalar { Content: bool b } => b ? "true" : "false",
        Scalar { Content: double d } => d.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>True for a known, non-empty string (Go's <c>s != ""</c>).</summary>
    public bool HasText => Text.Length > 0;

    /// <summary>The whole number, or 0.</summary>
    public long Number => Raw switch
    {
        Scalar { Content: long n } => n,
        Scalar { Content: double d } => (long)d,
        Scalar { Content: string s } when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ => 0,
    };

    /// <summary>The number as a double, or 0.</summary>
    public double Real => Raw switch
    {
        Scalar { Content: long n } => n,
        Scalar { Content: double d } => d,
        Scalar { Content: string s } when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => 0,
    };

    /// <summary>True for <c>true</c>.</summary>
    public bool Flag => Raw is Scalar { Content: true } || (Raw is Scalar { Content: string s } && s == "true");

    /// <summary>The items of a list (empty when absent).</summary>
    public ImmutableArray<Node> Items => Raw is ListValue list ? list.Items.Select(i => new Node(i)).ToImmutableArray() : [];

    /// <summary>The entries of a map (empty when absent).</summary>
    public ImmutableArray<(string Key, Node Value)> Entries =>
        Raw is MapValue map ? map.Entries.Select(e => (e.Key, new Node(e.Value))).ToImmutableArray() : [];

    /// <summary>The number of list items or map entries.</summary>
    public int Count => Raw switch
    {
        ListValue list => list.Items.Length,
        MapValue map => map.Entries.Length,
        _ => 0,
    };
}
