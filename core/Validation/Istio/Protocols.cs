namespace MeshStack.Core.Validation.Istio;

/// <summary>Istio's port protocol names and families (G-08, G-09).</summary>
internal static class Protocols
{
    /// <summary>The canonical (upper-case) protocol, or null when Istio does not know it (an empty name is unknown too).</summary>
    public static string? Parse(string name) => name.ToUpperInvariant() switch
    {
        "TCP" or "UDP" or "GRPC" or "GRPC-WEB" or "HTTP" or "HTTP_PROXY" or "HTTP2" or "HTTPS" or "TLS" or "MONGO" or "REDIS" or "MYSQL" =>
            name.ToUpperInvariant(),
        _ => null,
    };

    public static bool IsHttp(string name) => Parse(name) is "HTTP" or "HTTP2" or "HTTP_PROXY" or "GRPC" or "GRPC-WEB";

    public static bool IsTls(string name) => Parse(name) is "HTTPS" or "TLS";

    public static bool IsTcp(string name) => Parse(name) is "TCP" or "HTTPS" or "TLS" or "MONGO" or "REDIS" or "MYSQL";
}
