using MeshStack.Core.Addressing;

namespace MeshStack.Core.Diagnostics;

// MSH030-MSH037: virtual addresses and the address pool.
public static partial class DiagnosticBuilder
{
    /// <summary>MSH030: the pool is not an IPv4 CIDR; <paramref name="parseError"/> is what <see cref="Cidr.TryParse"/> says (the value type words its own error, STYLE rule 6).</summary>
    internal static Diagnostic InvalidPool(string path, string text, string parseError, SourcePosition? position) => At(path, $"'{text}': {parseError}", position);

    /// <summary>MSH031: the pool overlaps the reserved <paramref name="range"/> (<paramref name="reservedFor"/> names its use: loopback, multicast…); <paramref name="example"/> is a pool to suggest.</summary>
    internal static Diagnostic PoolOverlapsReserved(string path, string text, Cidr range, string reservedFor, string example, SourcePosition? position) =>
        At(path, $"'{text}' overlaps {range} ({reservedFor}); choose a pool such as {example}", position);

    /// <summary>MSH032: the pool has fewer usable addresses than there are services.</summary>
    internal static Diagnostic PoolTooSmall(Cidr pool, ulong usable, int services) =>
        At("meshstack:addressPool", $"the pool {pool} holds {usable} usable addresses but there are {services} services; use a larger prefix");

    /// <summary>MSH032: the allocator found no free address for <paramref name="service"/>.</summary>
    internal static Diagnostic PoolTooSmall(Cidr pool, string service) =>
        At("meshstack:addressPool", $"the pool {pool} has no free address left for '{service}'; use a larger pool");

    /// <summary>MSH033: a pinned address is not IPv4.</summary>
    internal static Diagnostic InvalidAddress(string path, string text, SourcePosition? position) =>
        At(path, $"'{text}' is not an IPv4 address such as 240.0.0.2", position);

    /// <summary>MSH034: a pinned address outside the pool.</summary>
    internal static Diagnostic AddressOutsidePool(string path, Ipv4 address, Cidr pool) => At(path, $"'{address}' is outside the address pool {pool}");

    /// <summary>MSH035: a pinned address in the reserved <paramref name="range"/> (<paramref name="reservedFor"/> names its use).</summary>
    internal static Diagnostic AddressReserved(string path, Ipv4 address, Cidr range, string reservedFor, Cidr pool) =>
        At(path, $"'{address}' is in {range} ({reservedFor}); pick an address from {pool}");

    /// <summary>MSH036: an address pinned by two services; <paramref name="other"/> is the first one's config path.</summary>
    internal static Diagnostic AddressPinnedTwice(string path, Ipv4 address, string other) =>
        At(path, $"'{address}' is already pinned by {other}; virtual addresses must be unique");

    /// <summary>MSH037: a service's previous address cannot be kept.</summary>
    internal static Diagnostic PreviousAllocationIgnored(string service, Ipv4 previous, Cidr pool) =>
        At($"meshstack:services[{service}]", $"the previous address {previous} of '{service}' is outside the pool {pool}, reserved or now pinned by another service; a new one is allocated");
}
