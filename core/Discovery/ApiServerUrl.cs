using System.Net;

namespace MeshStack.Core.Discovery;

/// <summary>What MeshStack accepts as <c>clusters[].apiServer</c>: an absolute https URL of a host, as a kubeconfig's <c>server</c>.</summary>
internal static class ApiServerUrl
{
    /// <summary>True for <c>https://HOST[:PORT][/PATH]</c> without user info, query or fragment; <paramref name="host"/> is the host.</summary>
    public static bool TryParse(string text, out string host)
    {
        host = "";
        if (string.IsNullOrWhiteSpace(text) || text.Any(char.IsWhiteSpace)
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return false;
        }

        host = uri.Host.Trim('[', ']');
        return uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || Config.Names.IsHostname(host);
    }

    /// <summary>True for localhost and loopback addresses (istioctl warns about the same two).</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
