namespace MeshStack.Core.Diagnostics;

// MSH020-MSH025: ports and service accounts.
public static partial class DiagnosticBuilder
{
    /// <summary>MSH020: a service without ports.</summary>
    internal static Diagnostic NoPorts(string path, SourcePosition? position) =>
        At(path, "a service needs at least one port, e.g. ports: [{ name: http1, number: 8000, protocol: http }]", position);

    /// <summary>MSH021: a port number or targetPort outside 1-65535.</summary>
    internal static Diagnostic PortOutOfRange(string path, long value, int min, int max, SourcePosition? position) =>
        At(path, OutsideRange(value, min, max), position);

    /// <summary>MSH022: a port name used twice in one service.</summary>
    internal static Diagnostic DuplicatePort(string path, string name, SourcePosition? position) =>
        At(path, $"the port name '{name}' is used twice in this service", position);

    /// <summary>MSH022: a port number used twice in one service.</summary>
    internal static Diagnostic DuplicatePort(string path, int number, SourcePosition? position) =>
        At(path, $"the port number {number} is used twice in this service", position);

    /// <summary>MSH023: a protocol Istio does not know; <paramref name="known"/> are the ones to suggest.</summary>
    internal static Diagnostic UnknownProtocol(string path, string protocol, IEnumerable<string> known, string? closest, SourcePosition? position) =>
        At(path, $"'{protocol}' is not an Istio protocol; use one of {string.Join(", ", known)}{DidYouMean(closest)}", position);

    /// <summary>MSH024: a UDP port, which no 15443 gateway carries.</summary>
    internal static Diagnostic UdpPort(string path, string protocol, SourcePosition? position) =>
        At(path, $"'{protocol}': cross-cluster traffic is mTLS through the 15443 gateways, which route TLS by SNI (AUTO_PASSTHROUGH) and never carry UDP, and istiod builds no cluster for a UDP port; share only TCP-based ports", position);

    /// <summary>MSH025: a service account that is not a DNS-1123 subdomain.</summary>
    internal static Diagnostic InvalidServiceAccount(string path, string account, SourcePosition? position) =>
        At(path, $"'{account}' is not a ServiceAccount name (a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters); write the serviceAccountName the service's pods run as", position);
}
