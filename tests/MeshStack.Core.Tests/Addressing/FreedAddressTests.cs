using MeshStack.Core.Addressing;
using static MeshStack.Core.Tests.Addressing.AllocatorServices;

namespace MeshStack.Core.Tests.Addressing;

/// <summary>A freed address stays reserved for a while, so a new service never takes it while others are free (issue 14).</summary>
public class FreedAddressTests
{
    private static readonly Cidr Pool = Cidr.TryParse("240.0.0.0/29", out var c, out _) ? c : throw new InvalidOperationException();
    private static readonly DateOnly Day = new(2026, 12, 1);

    [Fact]
    public void A_new_service_does_not_take_the_address_of_one_that_just_left()
    {
        var (before, _) = AddressAllocator.Allocate(Pool, [Service("a"), Service("b")], AddressTable.Empty, Day);
        var (after, diagnostics) = AddressAllocator.Allocate(Pool, [Service("b"), Service("c")], before, Day);
        Assert.Empty(diagnostics);
        Assert.Equal("240.0.0.1", before["a.bar"].ToString());
        Assert.Equal("240.0.0.3", after["c.bar"].ToString());
        Assert.Equal([new FreedAddress(before["a.bar"], "a.bar", Day)], after.Freed.ToArray());
    }

    [Fact]
    public void The_reservation_ends_after_the_documented_number_of_days()
    {
        var (before, _) = AddressAllocator.Allocate(Pool, [Service("a")], AddressTable.Empty, Day);
        var (freed, _) = AddressAllocator.Allocate(Pool, [], before, Day);
        var (stillReserved, _) = AddressAllocator.Allocate(Pool, [Service("c")], freed, Day.AddDays(AddressAllocator.ReservationDays - 1));
        var (expired, _) = AddressAllocator.Allocate(Pool, [Service("c")], freed, Day.AddDays(AddressAllocator.ReservationDays));
        Assert.Equal("240.0.0.2", stillReserved["c.bar"].ToString());
        Assert.Equal("240.0.0.1", expired["c.bar"].ToString());
        Assert.Empty(expired.Freed);
    }

    [Fact]
    public void A_service_that_comes_back_gets_its_address_back()
    {
        var (before, _) = AddressAllocator.Allocate(Pool, [Service("a"), Service("b")], AddressTable.Empty, Day);
        var (gone, _) = AddressAllocator.Allocate(Pool, [Service("b")], before, Day);
        var (back, _) = AddressAllocator.Allocate(Pool, [Service("b"), Service("z"), Service("a")], gone, Day.AddDays(3));
        Assert.Equal(before["a.bar"], back["a.bar"]);
        Assert.Empty(back.Freed);
    }

    [Fact]
    public void A_full_pool_hands_out_the_oldest_freed_address_with_a_warning()
    {
        var six = new[] { "a", "b", "c", "d", "e", "f" }.Select(Service).ToList();
        var (before, _) = AddressAllocator.Allocate(Pool, six, AddressTable.Empty, Day);
        var (freed, _) = AddressAllocator.Allocate(Pool, six.Skip(1).ToList(), before, Day);
        var (full, diagnostics) = AddressAllocator.Allocate(Pool, six.Skip(1).Append(Service("g")).ToList(), freed, Day.AddDays(1));
        Assert.Equal(before["a.bar"], full["g.bar"]);
        Assert.Equal("MSH101", Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void Without_a_date_a_freed_address_never_expires_and_a_no_op_run_changes_nothing()
    {
        var (before, _) = AddressAllocator.Allocate(Pool, [Service("a"), Service("b")], AddressTable.Empty);
        var (freed, _) = AddressAllocator.Allocate(Pool, [Service("b")], before);
        var (again, _) = AddressAllocator.Allocate(Pool, [Service("b")], freed);
        Assert.Equal([new FreedAddress(before["a.bar"], "a.bar", null)], again.Freed.ToArray());
        Assert.Equal(freed.ToJson(), again.ToJson());
    }
}
