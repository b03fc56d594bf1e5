using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace MeshStack.Core.Validation.Istio;

/// <summary>
/// The shared name checks of istiod (G-06 to G-16). Each returns null when the value passes, else istiod's complaint.
/// </summary>
internal static partial class HostRules
{
    public static string? Port(long port) => port is >= 1 and <= 65535 ? null : $"port number {port} must be in the range 1..65535";

    /// <summary>DNS-1123 label, upper case accepted (istiod's own regex), at most 63 characters.</summary>
    public static bool IsDns1123Label(string value) => value.Length <= 63 && Label().IsMatch(value);

    /// <summary>A label that may be <c>*</c>, <c>*foo</c> or <c>*-foo</c>.</summary>
    public static bool IsWildcardDns1123Label(string value) => value.Length <= 63 && WildcardLabel().IsMatch(value);

    public static string? PortName(string name) => IsDns1123Label(name) ? null : $"invalid port name: {name}";

    /// <summary>G-10.</summary>
    public static string? Preconditions(string name) => name.Length switch
    {
        > 255 => $"domain name \"{name}\" too long (max 255)",
        0 => "empty domain name not allowed",
        _ => null,
    };

    /// <summary>G-11.</summary>
    public static string? Dns1123Labels(string domain)
    {
        var parts = domain.Split('.');
        var top = parts[^1];
        if (top.Length > 0 && long.TryParse(top, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return $"domain name \"{domain}\" invalid (top level domain \"{top}\" cannot be all-numeric)";
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (i == parts.Length - 1 && parts[i].Length == 0)
            {
                return null;
            }

            if (!IsDns1123Label(parts[i]))
            {
                return $"domain name \"{domain}\" invalid (label \"{parts[i]}\" invalid)";
            }
        }

        return null;
    }

    /// <summary>G-12: no wildcard; a single label passes.</summary>
    public static string? Fqdn(string fqdn) => Preconditions(fqdn) ?? Dns1123Labels(fqdn);

    /// <summary>G-13: only the first label may hold a wildcard.</summary>
    public static string? WildcardDomain(string domain)
    {
        if (Preconditions(domain) is { } pre)
        {
            return pre;
        }

        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        var first = dot < 0 ? domain : domain[..dot];
        if (!IsWildcardDns1123Label(first))
        {
            return $"domain name \"{domain}\" invalid (label \"{first}\" invalid)";
        }

        return dot < 0 ? null : Dns1123Labels(domain[(dot + 1)..]);
    }

    /// <summary>G-14.</summary>
    public static string? PartialWildcard(string host) =>
        host.Contains('*', StringComparison.Ordinal) && host.Length != 1 && !host.StartsWith("*.", StringComparison.Ordinal)
            ? $"partial wildcard \"{host}\" not allowed"
            : null;

    /// <summary>A strict IPv4 (dotted quad, no leading zeros) or IPv6 literal, as Go's netip.ParseAddr reads it.</summary>
    public static bool IsIp(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            var zone = text.IndexOf('%', StringComparison.Ordinal);
            var address = zone < 0 ? text : text[..zone];
            return IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        return Addressing.Ipv4.TryParse(text, out _);
    }

    public static string? IpAddress(string text) => IsIp(text) ? null : $"{text} is not a valid IP";

    /// <summary>G-15: an IP or a CIDR prefix (host bits may be set).</summary>
    public static string? IpSubnet(string subnet)
    {
        if (subnet.Count(c => c == '/') != 1)
        {
            return IpAddress(subnet);
        }

        var slash = subnet.IndexOf('/', StringComparison.Ordinal);
        var address = subnet[..slash];
        var bits = subnet[(slash + 1)..];
        var max = address.Contains(':', StringComparison.Ordinal) ? 128 : 32;
        var ok = !address.Contains('%', StringComparison.Ordinal) && IsIp(address) && bits.Length is > 0 and <= 3 &&
                 (bits.Length == 1 || bits[0] != '0') &&
                 int.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max;
        return ok ? null : $"{subnet} is not a valid CIDR block";
    }

    /// <summary>G-16: Kubernetes-style label keys and values.</summary>
    public static IEnumerable<string> LabelMap(Node labels)
    {
        foreach (var (key, value) in labels.Entries)
        {
            if (TagKey(key) is { } keyError)
            {
                yield return keyError;
            }

            if (!value.IsUnknown && !LabelValue().IsMatch(value.Text))
            {
                yield return $"invalid tag value: \"{value.Text}\"";
            }
        }
    }

    /// <summary>A Kubernetes label or annotation key: an optional DNS prefix and <c>/</c>, then a name of up to 63 characters.</summary>
    public static bool IsQualifiedKey(string key) => TagKey(key) is null;

    private static string? TagKey(string key)
    {
        var match = TagKeyPattern().Match(key);
        if (!match.Success)
        {
            return $"invalid tag key: \"{key}\"";
        }

        if (match.Groups[1].Length > 0 && match.Groups[1].Length - 1 > 253)
        {
            return $"invalid tag key: \"{key}\" (DNS prefix is too long)";
        }

        return match.Groups[2].Length > 63 ? $"invalid tag key: \"{key}\" (name is too long)" : null;
    }

    /// <summary>Istio's host-name overlap (<c>host.Name.Matches</c>): identical, or one wildcard covers the other.</summary>
    public static bool Overlaps(string a, string b)
    {
        var aWild = a.StartsWith('*');
        var bWild = b.StartsWith('*');
        if (aWild && bWild)
        {
            return a.Length < b.Length ? b[1..].EndsWith(a[1..], StringComparison.Ordinal) : a[1..].EndsWith(b[1..], StringComparison.Ordinal);
        }

        if (aWild)
        {
            return b.EndsWith(a[1..], StringComparison.Ordinal);
        }

        return bWild ? a.EndsWith(b[1..], StringComparison.Ordinal) : a == b;
    }

    /// <summary>Istio's <c>host.Name.SubsetOf</c>: <paramref name="a"/> is covered by <paramref name="b"/>.</summary>
    public static bool SubsetOf(string a, string b)
    {
        var aWild = a.StartsWith('*');
        var bWild = b.StartsWith('*');
        if (aWild)
        {
            return bWild && a.Length >= b.Length && a[1..].EndsWith(b[1..], StringComparison.Ordinal);
        }

        return bWild ? a.EndsWith(b[1..], StringComparison.Ordinal) : a == b;
    }

    private const string LabelFormat = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
    private const string QualifiedName = "(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

    [GeneratedRegex("^" + LabelFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"^(\*|(\*|\*-)?" + LabelFormat + @")\z", RegexOptions.CultureInvariant)]
    private static partial Regex WildcardLabel();

    [GeneratedRegex("^(" + LabelFormat + @"(?:\." + LabelFormat + ")*/)?(" + QualifiedName + @")\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagKeyPattern();

    [GeneratedRegex("^(" + QualifiedName + @")?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();
}
