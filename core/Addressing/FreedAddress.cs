namespace MeshStack.Core.Addressing;

/// <summary>
/// An address whose service left the federation. It stays reserved for <see cref="AddressAllocator.ReservationDays"/>
/// days after <see cref="FreedOn"/> (clients and DNS caches may still hold it); a new service gets it only when the
/// pool has no other free address, and the same service key gets it back if it returns.
/// </summary>
/// <param name="Address">The freed virtual address.</param>
/// <param name="Service">The service key (<c>NAME.NS</c>) that held it.</param>
/// <param name="FreedOn">The day of the run that freed it; null when that run did not know the date (never expires by date).</param>
public sealed record FreedAddress(Ipv4 Address, string Service, DateOnly? FreedOn);
