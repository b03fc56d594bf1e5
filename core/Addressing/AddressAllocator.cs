using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Addressing;

/// <summary>
/// Gives every service one virtual address, unique across the federation and never in a reserved range.
/// Order of precedence: a pin, then the previous allocation (so adding or removing services never moves
/// another one), then the lowest free address of the pool, in service-key order.
/// </summary>
public static class AddressAllocator
{
    /// <summary>Allocates. Pins and the pool are assumed validated; previous entries that no longer fit are re-allocated with a warning.</summary>
    public static (AddressTable Table, ImmutableArray<Diagnostic> Diagnostics) Allocate(
        Cidr pool, IReadOnlyList<ServiceSpec> services, AddressTable previous)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(previous);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var result = new Dictionary<string, Ipv4>(services.Count, StringComparer.Ordinal);
        var taken = new HashSet<uint>();

        foreach (var s in services.Where(s => s.PinnedAddress is not null))
        {
            result[s.Key] = s.PinnedAddress!.Value;
            taken.Add(s.PinnedAddress.Value.Value);
        }

        var pending = new List<ServiceSpec>();
        foreach (var s in services.OrderBy(s => s.Key, StringComparer.Ordinal).Where(s => s.PinnedAddress is null))
        {
            if (previous.Addresses.TryGetValue(s.Key, out var old) && Usable(pool, old) && taken.Add(old.Value))
            {
                result[s.Key] = old;
            }
            else
            {
                if (previous.Addresses.TryGetValue(s.Key, out var moved))
                {
                    diagnostics.Add(Codes.PreviousAllocationIgnored.At(
                        $"meshstack:services[{s.Key}]",
                        $"the previous address {moved} of '{s.Key}' is outside the pool {pool}, reserved or now pinned by another service; a new one is allocated"));
                }

                pending.Add(s);
            }
        }

        // Never hand out the pool's network or broadcast address.
        ulong first = pool.PrefixLength < 31 ? pool.First + 1u : pool.First;
        ulong last = pool.PrefixLength < 31 ? pool.Last - 1u : pool.Last;
        var next = first;
        foreach (var s in pending)
        {
            while (next <= last)
            {
                if (ReservedRanges.Find(new Ipv4((uint)next)) is { } reserved)
                {
                    next = (ulong)reserved.Range.Last + 1;  // jump over the whole range
                }
                else if (taken.Contains((uint)next))
                {
                    next++;
                }
                else
                {
                    break;
                }
            }

            if (next > last)
            {
                diagnostics.Add(Codes.PoolTooSmall.At("meshstack:addressPool", $"the pool {pool} has no free address left for '{s.Key}'; use a larger pool"));
                continue;
            }

            result[s.Key] = new Ipv4((uint)next);
            taken.Add((uint)next);
            next++;
        }

        return (new AddressTable(result.ToImmutableSortedDictionary(StringComparer.Ordinal)), diagnostics.ToImmutable());
    }

    /// <summary>How many addresses the pool can hand out (no network or broadcast address, no reserved range).</summary>
    public static ulong UsableCount(Cidr pool)
    {
        var size = pool.Size;
        if (pool.PrefixLength < 31)
        {
            size -= 2;
        }

        foreach (var (range, _) in ReservedRanges.All)
        {
            if (range.Overlaps(pool))
            {
                var first = Math.Max(range.First, pool.First);
                var last = Math.Min(range.Last, pool.Last);
                size -= Math.Min(size, (ulong)last - first + 1);
            }
        }

        return size;
    }

    private static bool Usable(Cidr pool, Ipv4 address) =>
        pool.Contains(address) && ReservedRanges.Find(address) is null &&
        (pool.PrefixLength >= 31 || (address.Value != pool.First && address.Value != pool.Last));
}
