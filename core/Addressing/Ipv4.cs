using System.Globalization;

namespace MeshStack.Core.Addressing;

/// <summary>An IPv4 address as a number, so ranges and ordering are plain arithmetic.</summary>
public readonly record struct Ipv4(uint Value) : IComparable<Ipv4>
{
    /// <summary>Parses dotted-quad text strictly (four decimal octets, no leading zeros beyond "0").</summary>
    public static bool TryParse(string? text, out Ipv4 address)
    {
        address = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        uint value = 0;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') ||
                !uint.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet) || octet > 255)
            {
                return false;
            }

            value = (value << 8) | octet;
        }

        address = new Ipv4(value);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(Ipv4 other) => Value.CompareTo(other.Value);

    /// <summary>Compares.</summary>
    public static bool operator <(Ipv4 a, Ipv4 b) => a.CompareTo(b) < 0;

    /// <summary>Compares.</summary>
    public static bool operator >(Ipv4 a, Ipv4 b) => a.CompareTo(b) > 0;

    /// <summary>Compares.</summary>
    public static bool operator <=(Ipv4 a, Ipv4 b) => a.CompareTo(b) <= 0;

    /// <summary>Compares.</summary>
    public static bool operator >=(Ipv4 a, Ipv4 b) => a.CompareTo(b) >= 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value >> 24}.{(Value >> 16) & 255}.{(Value >> 8) & 255}.{Value & 255}");
}
