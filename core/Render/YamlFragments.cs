using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>
/// The YAML of subtrees that many documents share, written once and then copied (issue 23). The planner builds one
/// caller-side ServiceEntry or DestinationRule spec for a service and every consumer cluster's object holds that same
/// instance, so most of a big render is the same spec written once per consumer. Thread-safe: the clusters of a render
/// are written in parallel and share one instance.
/// </summary>
/// <remarks>
/// What a subtree looks like depends on the writer's layout state where it starts (indent, column, whitespace and
/// indentation flags, mapping context), so a fragment is kept per (instance, state) and replays the state it ends in.
/// The first sight of an instance only marks it (most subtrees are unique: nothing is copied for them); the second
/// writes it and keeps the bytes; later ones copy them.
/// </remarks>
internal sealed class YamlFragments
{
    private readonly ConcurrentDictionary<Start, Fragment?> fragments = new(StartComparer.Instance);

    /// <summary>The kept fragment of a subtree written from this state; false when this is its first sight (now marked) or another writer is keeping it.</summary>
    public bool TryGet(in Start start, out Fragment? fragment, out bool keep)
    {
        if (fragments.TryGetValue(start, out fragment))
        {
            keep = fragment is null;
            return fragment is not null;
        }

        fragments.TryAdd(start, null);
        keep = false;
        return false;
    }

    /// <summary>Keeps the bytes a subtree wrote from <paramref name="start"/> and the state it ended in.</summary>
    public void Keep(in Start start, Fragment fragment) => fragments[start] = fragment;

    /// <summary>A subtree instance and the writer's layout state where it starts.</summary>
    internal readonly record struct Start(Value Value, int Indent, int Column, bool IsWhitespace, bool IsIndentation, bool MappingContext);

    /// <summary>The UTF-8 a subtree wrote and the layout state it ended in (the indent is always restored).</summary>
    internal sealed record Fragment(byte[] Bytes, int Column, bool IsWhitespace, bool IsIndentation);

    // The instance, not its content: equal-looking values built separately are two fragments, which is only a missed copy.
    private sealed class StartComparer : IEqualityComparer<Start>
    {
        public static readonly StartComparer Instance = new();

        public bool Equals(Start x, Start y) =>
            ReferenceEquals(x.Value, y.Value) && x.Indent == y.Indent && x.Column == y.Column &&
            x.IsWhitespace == y.IsWhitespace && x.IsIndentation == y.IsIndentation && x.MappingContext == y.MappingContext;

        public int GetHashCode(Start s) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(s.Value), s.Indent, s.Column, s.IsWhitespace, s.IsIndentation, s.MappingContext);
    }
}
