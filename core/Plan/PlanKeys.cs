namespace MeshStack.Core.Plan;

/// <summary>
/// Compares plan items by <see cref="PlanItem.Key"/> (<c>Kind/namespace/name</c>, ordinal) without building the key
/// string: the key is read as the parts it joins. Sorting a 50 × 2,000 plan built 135,000 key strings (issue 23).
/// </summary>
internal static class PlanKeys
{
    /// <summary>By stage, then by key, as <see cref="FederationPlanner.Order"/> sorts.</summary>
    public static IComparer<PlanItem> ByStageThenKey { get; } = Comparer<PlanItem>.Create(static (a, b) =>
        a.Stage != b.Stage ? ((int)a.Stage).CompareTo((int)b.Stage) : Compare(Parts.Of(a), Parts.Of(b)));

    /// <summary>Equal keys.</summary>
    public static IEqualityComparer<PlanItem> SameKey { get; } = new KeyEquality();

    /// <summary>The sign of <c>string.CompareOrdinal(a.Key, b.Key)</c>.</summary>
    public static int CompareKeys(PlanItem a, PlanItem b) => Compare(Parts.Of(a), Parts.Of(b));

    private static int Compare(Parts a, Parts b)
    {
        // The usual case: same kind and namespace, so the keys differ only after the common "Kind/namespace/".
        if (a.Name is not null && b.Name is not null && string.Equals(a.First, b.First, StringComparison.Ordinal) && string.Equals(a.Namespace, b.Namespace, StringComparison.Ordinal))
        {
            return string.CompareOrdinal(a.Name, b.Name);
        }

        var (ai, bi) = (0, 0);
        var ra = a.Segment(0);
        var rb = b.Segment(0);
        while (true)
        {
            while (ra.IsEmpty && ai < a.Segments - 1)
            {
                ra = a.Segment(++ai);
            }

            while (rb.IsEmpty && bi < b.Segments - 1)
            {
                rb = b.Segment(++bi);
            }

            if (ra.IsEmpty || rb.IsEmpty)
            {
                // One key is a prefix of the other: the shorter sorts first.
                return ra.IsEmpty ? (rb.IsEmpty ? 0 : -1) : 1;
            }

            var n = Math.Min(ra.Length, rb.Length);
            var c = ra[..n].SequenceCompareTo(rb[..n]);
            if (c != 0)
            {
                return c;
            }

            ra = ra[n..];
            rb = rb[n..];
        }
    }

    /// <summary>
    /// A key as parts: <c>First/Namespace/Name</c>, or the whole key in <see cref="First"/> (and no name) for an item
    /// of a kind this class does not know.
    /// </summary>
    private readonly record struct Parts(string First, string? Namespace, string? Name)
    {
        public static Parts Of(PlanItem item) => item switch
        {
            PlannedObject o => new(o.Kind, o.Namespace ?? "-", o.Name),
            HelmRelease r => new("HelmRelease", r.Namespace, r.Name),
            _ => new(item.Key, null, null),
        };

        public int Segments => Name is null ? 1 : 5;

        public ReadOnlySpan<char> Segment(int index) => index switch
        {
            0 => First,
            2 => Namespace,
            4 => Name,
            _ => "/",
        };

        /// <summary>The key's text after its last '/': equal keys have equal tails, however their parts split them.</summary>
        public ReadOnlySpan<char> Tail()
        {
            var last = Name ?? First;
            return last.AsSpan(last.LastIndexOf('/') + 1);
        }
    }

    private sealed class KeyEquality : IEqualityComparer<PlanItem>
    {
        public bool Equals(PlanItem? x, PlanItem? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && Compare(Parts.Of(x), Parts.Of(y)) == 0);

        public int GetHashCode(PlanItem obj) => string.GetHashCode(Parts.Of(obj).Tail(), StringComparison.Ordinal);
    }
}
