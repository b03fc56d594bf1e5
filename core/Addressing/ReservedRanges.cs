using System.Collections.Immutable;

namespace MeshStack.Core.Addressing;

/// <summary>Ranges a virtual service address must never come from.</summary>
internal static class ReservedRanges
{
    /// <summary>The ranges, each with the reason users see in diagnostics.</summary>
    public static ImmutableArray<(Cidr Range, string Reason)> All { get; } =
    [
        (Parse("127.0.0.0/8"), "loopback"),
        (Parse("224.0.0.0/4"), "multicast"),
        (Parse("240.240.0.0/16"), "Istio's own automatic address allocation"),
    ];

    /// <summary>The reserved range holding the address, if any.</summary>
    public static (Cidr Range, string Reason)? Find(Ipv4 address)
    {
        foreach (var r in All)
        {
            if (r.Range.Contains(address))
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>The first reserved range the prefix overlaps, if any.</summary>
    public static (Cidr Range, string Reason)? FindOverlap(Cidr pool)
    {
        foreach (var r in All)
        {
            if (r.Range.Overlaps(pool))
            {
                return r;
            }
        }

        return null;
    }

    private static Cidr Parse(string text) => Cidr.TryParse(text, out var c, out _) ? c : throw new InvalidOperationException(text);
}
