using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Config;

/// <summary>
/// A configuration value as written, before it means anything: the one tree that both Pulumi's JSON config
/// and the CLI's YAML stack file are read into, so one reader serves both.
/// </summary>
public abstract record ConfigNode
{
    /// <summary>Where the value starts in its file, when known.</summary>
    public SourcePosition? Position { get; init; }

    /// <summary>A short description of the node's shape for "wrong type" messages.</summary>
    public abstract string Describe();
}

/// <summary>A mapping, in the order it was written. Keys are unique (the loaders report duplicates).</summary>
public sealed record ConfigMap(ImmutableArray<ConfigEntry> Entries) : ConfigNode
{
    /// <summary>The value of a key, or null.</summary>
    public ConfigNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;

    /// <inheritdoc />
    public override string Describe() => "a mapping";
}

/// <summary>One key of a mapping.</summary>
public sealed record ConfigEntry(string Key, ConfigNode Value, SourcePosition? KeyPosition);

/// <summary>A sequence.</summary>
public sealed record ConfigList(ImmutableArray<ConfigNode> Items) : ConfigNode
{
    /// <inheritdoc />
    public override string Describe() => "a list";
}

/// <summary>How a scalar was written; decides which types it may be read as.</summary>
public enum ScalarStyle
{
    /// <summary>An unquoted YAML scalar: may be read as text, number or boolean.</summary>
    Plain,

    /// <summary>A quoted YAML scalar or a JSON string.</summary>
    Quoted,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>A JSON boolean.</summary>
    Boolean,

    /// <summary>null, ~ or an empty value.</summary>
    Null,
}

/// <summary>A single value.</summary>
public sealed record ConfigScalar(string Text, ScalarStyle Style) : ConfigNode
{
    /// <summary>True for null, ~ and empty values.</summary>
    public bool IsNull => Style == ScalarStyle.Null;

    /// <inheritdoc />
    public override string Describe() => IsNull ? "null" : $"'{Text}'";
}

/// <summary>
/// A value a program gives as a Pulumi input that is not known yet (an output of another resource): present, and
/// known only at deploy time.
/// </summary>
public sealed record ConfigDeferred : ConfigNode
{
    /// <inheritdoc />
    public override string Describe() => "a value known only at deploy time";
}

/// <summary>
/// A Pulumi secret as it sits in a stack file (<c>secure: v1:…</c>): present, but only Pulumi can decrypt it.
/// </summary>
public sealed record ConfigSecret : ConfigNode
{
    /// <inheritdoc />
    public override string Describe() => "an encrypted secret";
}
