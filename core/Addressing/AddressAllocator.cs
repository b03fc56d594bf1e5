using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Addressing;

/// <summary>
/// Gives every service one virtual address, unique across the federation and never in a reserved range.
/// Order of precedence: a pin, then the previous allocation (so adding or removing services never moves
/// another one), then the lowest free address of the pool, in service-key order.
/// </summary>
internal static class AddressAllocator
{
    /// <summary>
    /// How long a freed address stays reserved: 30 days after the run that freed it. Long beyond DNS TTLs and
    /// connection pools, short enough that a busy pool gets its addresses back.
    /// </summary>
    public const int ReservationDays = 30;

    /// <summary>
    /// Allocates. Pins and the pool are assumed validated; previous entries that no longer fit are re-allocated with
    /// a warning. Addresses of services that left are kept reserved (<see cref="AddressTable.Freed"/>) for
    /// <see cref="ReservationDays"/> days after <paramref name="today"/>; without a date they never expire, and are
    /// handed out only when the pool has no other free address.
    /// </summary>
    public static (AddressTable Table, ImmutableArray<Diagnostic> Diagnostics) Allocate(
        Cidr pool, IReadOnlyList<ServiceSpec> services, AddressTable previous, DateOnly? today = null)
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
                    diagnostics.Add(DiagnosticBuilder.PreviousAllocationIgnored(s.Key, moved, pool));
                }

                pending.Add(s);
            }
        }

        var reserved = Reservations(pool, services, previous, taken, today);

        // A service that comes back gets its old address back.
        foreach (var s in pending.ToList())
        {
            if (reserved.Values.FirstOrDefault(f => f.Service == s.Key) is { } own)
            {
                result[s.Key] = own.Address;
                taken.Add(own.Address.Value);
                reserved.Remove(own.Address.Value);
                pending.Remove(s);
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
                if (ReservedRanges.Find(new Ipv4((uint)next)) is { } range)
                {
                    next = (ulong)range.Range.Last + 1;  // jump over the whole range
                }
                else if (taken.Contains((uint)next) || reserved.ContainsKey((uint)next))
                {
                    next++;
                }
                else
                {
                    break;
                }
            }

            if (next <= last)
            {
                result[s.Key] = new Ipv4((uint)next);
                taken.Add((uint)next);
                next++;
            }
            else if (reserved.Values.OrderBy(f => f.FreedOn ?? DateOnly.MinValue).ThenBy(f => f.Address).FirstOrDefault() is { } oldest)
            {
                result[s.Key] = oldest.Address;
                taken.Add(oldest.Address.Value);
                reserved.Remove(oldest.Address.Value);
                diagnostics.Add(DiagnosticBuilder.FreedAddressReused(s.Key, oldest, pool));
            }
            else
            {
                diagnostics.Add(DiagnosticBuilder.PoolTooSmall(pool, s.Key));
            }
        }

        var table = new AddressTable(result.ToImmutableSortedDictionary(StringComparer.Ordinal))
        {
            Freed = reserved.Values.OrderBy(f => f.Address).ToImmutableArray(),
        };
        return (table, diagnostics.ToImmutable());
    }

    // Addresses still reserved: earlier reservations that have not expired, plus the addresses of services that left now.
    private static Dictionary<uint, FreedAddress> Reservations(Cidr pool, IReadOnlyList<ServiceSpec> services, AddressTable previous, HashSet<uint> taken, DateOnly? today)
    {
        var current = services.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var left = previous.Addresses.Where(kv => !current.Contains(kv.Key)).Select(kv => new FreedAddress(kv.Value, kv.Key, today));
        var earlier = previous.Freed.IsDefault ? [] : previous.Freed.Where(f => !(today is { } t && f.FreedOn is { } d && t.DayNumber - d.DayNumber >= ReservationDays));
        var reserved = new Dictionary<uint, FreedAddress>();
        foreach (var f in left.Concat(earlier))
        {
            if (Usable(pool, f.Address) && !taken.Contains(f.Address.Value))
            {
                reserved.TryAdd(f.Address.Value, f);
            }
        }

        return reserved;
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
