using System.Collections.Immutable;
using CsCheck;
using MeshStack.Core.Addressing;
using MeshStack.Core.Model;
using static MeshStack.Core.Tests.Addressing.AllocatorServices;

namespace MeshStack.Core.Tests.Addressing;

/// <summary>Invariants of the allocator under random federations and random add/remove sequences.</summary>
public class AddressAllocatorPropertyTests
{
    // Pools chosen to straddle the reserved ranges, so skipping them is exercised.
    private static readonly string[] Pools = ["240.0.0.0/22", "240.240.0.0/15", "224.0.0.0/3", "126.0.0.0/7", "10.0.0.0/24"];

    private static readonly Gen<Cidr> GenPool = Gen.Int[0, Pools.Length - 1].Select(i => Parse(Pools[i]));

    private static readonly Gen<ImmutableArray<ServiceSpec>> GenServices =
        Gen.Int[0, 200].HashSet[0, 120].Select(ids => ids.Order().Select(i => Service($"s{i}")).ToImmutableArray());

    [Fact]
    public void Every_service_gets_a_unique_address_inside_the_pool_and_outside_reserved_ranges()
    {
        Gen.Select(GenPool, GenServices).Sample((pool, services) =>
        {
            var (table, diagnostics) = AddressAllocator.Allocate(pool, services, AddressTable.Empty);
            Assert.Empty(diagnostics);
            Assert.Equal(services.Length, table.Addresses.Count);
            Assert.Equal(table.Addresses.Count, table.Addresses.Values.Distinct().Count());
            foreach (var address in table.Addresses.Values)
            {
                Assert.True(pool.Contains(address), $"{address} outside {pool}");
                Assert.Null(ReservedRanges.Find(address));
                Assert.NotEqual(pool.First, address.Value);
                Assert.NotEqual(pool.Last, address.Value);
            }
        }, iter: 300, seed: "0000MeshStack");
    }

    [Fact]
    public void Adding_or_removing_services_never_moves_another_service()
    {
        var steps = Gen.Select(Gen.Bool, Gen.Int[0, 300]).Array[1, 40];
        Gen.Select(GenPool, GenServices, steps).Sample((pool, initial, operations) =>
        {
            var current = initial.ToDictionary(s => s.Key);
            var (previous, _) = AddressAllocator.Allocate(pool, current.Values.ToList(), AddressTable.Empty);
            foreach (var (add, id) in operations)
            {
                var service = Service($"s{id}");
                if (add && current.Count < 120)
                {
                    current[service.Key] = service;
                }
                else
                {
                    current.Remove(service.Key);
                }

                var (next, diagnostics) = AddressAllocator.Allocate(pool, current.Values.OrderBy(s => s.Key, StringComparer.Ordinal).ToList(), previous);
                Assert.DoesNotContain(diagnostics, d => d.IsError);  // MSH101 may warn when the small pools fill with reservations
                foreach (var (key, address) in next.Addresses)
                {
                    if (previous.Addresses.TryGetValue(key, out var before))
                    {
                        Assert.Equal(before, address);
                    }
                }

                Assert.Equal(next.Addresses.Count, next.Addresses.Values.Distinct().Count());
                previous = next;
            }
        }, iter: 100, seed: "0000MeshStack");
    }

    [Fact]
    public void Pins_are_honoured_and_never_handed_to_another_service()
    {
        var pool = Parse("240.0.0.0/24");
        Gen.Select(Gen.Int[1, 254], GenServices).Sample((pinnedHost, services) =>
        {
            var pin = new Ipv4(pool.First + (uint)pinnedHost);
            var pinned = Service("pinned") with { PinnedAddress = pin };
            var all = services.Take(100).Append(pinned).ToList();
            var (table, _) = AddressAllocator.Allocate(pool, all, AddressTable.Empty);
            Assert.Equal(pin, table[pinned.Key]);
            Assert.Single(table.Addresses, kv => kv.Value == pin);
        }, iter: 200, seed: "0000MeshStack");
    }

    [Fact]
    public void The_input_order_of_services_does_not_change_the_allocation()
    {
        Gen.Select(GenPool, GenServices, Gen.Int).Sample((pool, services, seed) =>
        {
            var shuffled = services.OrderBy(s => HashCode.Combine(s.Key, seed)).ToList();
            var (a, _) = AddressAllocator.Allocate(pool, services, AddressTable.Empty);
            var (b, _) = AddressAllocator.Allocate(pool, shuffled, AddressTable.Empty);
            Assert.Equal(a.ToJson(), b.ToJson());
        }, iter: 200, seed: "0000MeshStack");
    }

    [Fact]
    public void A_previous_address_that_left_the_pool_is_replaced_with_a_warning()
    {
        var pool = Parse("240.0.0.0/24");
        var previous = new AddressTable(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("a.bar", new Ipv4(0xF0000105))]));
        var (table, diagnostics) = AddressAllocator.Allocate(pool, [Service("a")], previous);
        Assert.Equal("240.0.0.1", table["a.bar"].ToString());
        Assert.Equal("MSH037", Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void A_full_pool_reports_MSH032_instead_of_reusing_an_address()
    {
        var pool = Parse("240.0.0.0/30");
        var (table, diagnostics) = AddressAllocator.Allocate(pool, [Service("a"), Service("b"), Service("c")], AddressTable.Empty);
        Assert.Equal(2, table.Addresses.Count);
        Assert.Equal("MSH032", Assert.Single(diagnostics).Code);
    }

    [Theory]
    [InlineData("240.0.0.0/16", 65534UL)]
    [InlineData("240.240.0.0/15", 65534UL)]
    [InlineData("126.0.0.0/7", 16777216UL - 2)]
    public void Usable_count_excludes_network_broadcast_and_reserved_addresses(string pool, ulong expected) =>
        Assert.Equal(expected, AddressAllocator.UsableCount(Parse(pool)));

    private static Cidr Parse(string text) => Cidr.TryParse(text, out var c, out var e) ? c : throw new ArgumentException(e);
}
