using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>
/// The written bytes of subtrees that many documents share, kept per (instance, writer state) so a writer copies them
/// instead of writing the same subtree again (issue 23). The planner builds one caller-side ServiceEntry or
/// DestinationRule spec for a service and every consumer cluster's object holds that same instance, so most of a big
/// render or plan is one spec written once per consumer. Thread-safe: the clusters of a render are written in parallel.
/// </summary>
/// <remarks>
/// The protocol: the first sight of an instance only marks it (most subtrees are unique, and nothing is copied for
/// them); the second sight writes it and keeps the fragment; later sights copy it. Keys are the instance, not its
/// content: equal-looking values built separately are two fragments, which is only a missed copy.
/// </remarks>
/// <typeparam name="TState">What the subtree's bytes depend on besides the subtree (YAML: the layout; JSON: the depth).</typeparam>
/// <typeparam name="TFragment">What a writer keeps: the bytes, and for YAML the layout they end in.</typeparam>
internal abstract class FragmentTable<TState, TFragment>
    where TState : struct, IEquatable<TState>
    where TFragment : class
{
    private readonly ConcurrentDictionary<(Value Value, TState State), TFragment?> fragments = new(InstanceComparer.Instance);

    /// <summary>Whether a value is worth a fragment: a non-empty map or list (a scalar is as cheap to write as to copy).</summary>
    public static bool Shareable(Value value) => value is MapValue { Entries.IsEmpty: false } or ListValue { Items.IsEmpty: false };

    /// <summary>
    /// Looks a subtree up: true with its fragment when one is kept; false with <paramref name="keep"/> on its second
    /// sight (the caller writes it and calls <see cref="Keep"/>), or without on its first (now marked).
    /// </summary>
    public bool TryGet(Value value, in TState state, out TFragment? fragment, out bool keep)
    {
        if (fragments.TryGetValue((value, state), out fragment))
        {
            keep = fragment is null;
            return fragment is not null;
        }

        fragments.TryAdd((value, state), null);
        keep = false;
        return false;
    }

    /// <summary>Keeps what a subtree wrote from <paramref name="state"/>.</summary>
    public void Keep(Value value, in TState state, TFragment fragment) => fragments[(value, state)] = fragment;

    private sealed class InstanceComparer : IEqualityComparer<(Value Value, TState State)>
    {
        public static readonly InstanceComparer Instance = new();

        public bool Equals((Value Value, TState State) x, (Value Value, TState State) y) =>
            ReferenceEquals(x.Value, y.Value) && x.State.Equals(y.State);

        public int GetHashCode((Value Value, TState State) key) => HashCode.Combine(RuntimeHelpers.GetHashCode(key.Value), key.State);
    }
}
