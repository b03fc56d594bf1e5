using System.Text.RegularExpressions;

namespace MeshStack.Core.Config;

/// <summary>Kubernetes and DNS name rules.</summary>
public static partial class Names
{
    /// <summary>A DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63 characters.</summary>
    public static bool IsDns1123Label(string? text) => text is { Length: > 0 and <= 63 } && Label().IsMatch(text);

    /// <summary>A DNS host name: dot-separated DNS-1123 labels, at most 253 characters, last label not all digits.</summary>
    public static bool IsHostname(string? text)
    {
        if (text is null || text.Length is 0 or > 253)
        {
            return false;
        }

        var labels = text.TrimEnd('.').Split('.');
        return labels.All(l => IsDns1123Label(l.ToLowerInvariant())) && !labels[^1].All(char.IsAsciiDigit);
    }

    /// <summary>An IPv4 or IPv6 literal.</summary>
    public static bool IsIpAddress(string? text) =>
        text is not null && (Addressing.Ipv4.TryParse(text, out _) ||
                             (text.Contains(':', StringComparison.Ordinal) && System.Net.IPAddress.TryParse(text, out _)));

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
