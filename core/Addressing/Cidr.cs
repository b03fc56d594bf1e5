using System.Globalization;

namespace MeshStack.Core.Addressing;

/// <summary>An IPv4 prefix such as 240.0.0.0/16. Host bits must be zero.</summary>
public readonly record struct Cidr
{
    // Internal so every Cidr outside core comes from TryParse, which checks that the host bits are zero.
    internal Cidr(Ipv4 network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
    }

    /// <summary>The network address (host bits zero).</summary>
    public Ipv4 Network { get; }

    /// <summary>The prefix length, 0 to 32.</summary>
    public int PrefixLength { get; }

    /// <summary>The first address.</summary>
    public uint First => Network.Value;

    /// <summary>The last address. (A shift by 32 is a shift by 0 in C#, so /32 needs its own case.)</summary>
    public uint Last => PrefixLength switch
    {
        0 => uint.MaxValue,
        32 => Network.Value,
        _ => Network.Value | (uint.MaxValue >> PrefixLength),
    };

    /// <summary>How many addresses the prefix holds.</summary>
    public ulong Size => 1UL << (32 - PrefixLength);

    /// <summary>Parses "a.b.c.d/n". The error explains what is wrong.</summary>
    public static bool TryParse(string? text, out Cidr cidr, out string error)
    {
        cidr = default;
        error = "";
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash < 0)
        {
            error = "expected an IPv4 prefix such as 240.0.0.0/16";
            return false;
        }

        if (!Ipv4.TryParse(text[..slash], out var network))
        {
            error = $"'{text[..slash]}' is not an IPv4 address";
            return false;
        }

        if (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > 32)
        {
            error = $"'{text[(slash + 1)..]}' is not a prefix length between 0 and 32";
            return false;
        }

        var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
        if ((network.Value & ~mask) != 0)
        {
            error = $"host bits are set; did you mean {new Ipv4(network.Value & mask)}/{length}?";
            return false;
        }

        cidr = new Cidr(network, length);
        return true;
    }

    /// <summary>True when the address lies in the prefix.</summary>
    public bool Contains(Ipv4 address) => address.Value >= First && address.Value <= Last;

    /// <summary>True when the two prefixes share an address.</summary>
    public bool Overlaps(Cidr other) => First <= other.Last && other.First <= Last;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Network}/{PrefixLength}");
}
