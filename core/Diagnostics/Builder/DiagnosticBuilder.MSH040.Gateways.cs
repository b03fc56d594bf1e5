namespace MeshStack.Core.Diagnostics;

// MSH040-MSH046: gateways and routing.
public static partial class DiagnosticBuilder
{
    /// <summary>MSH040: a gateway address that is neither an IP address nor a host name.</summary>
    internal static Diagnostic InvalidGatewayAddress(string path, string text, SourcePosition? position) =>
        At(path, $"'{text}' is neither an IP address nor a host name; use auto, an IP such as 192.0.2.10, or a name such as gw.example.com", position);

    /// <summary>MSH041: a gateway nodePort outside 30000-32767.</summary>
    internal static Diagnostic NodePortOutOfRange(string path, long value, int min, int max, SourcePosition? position) =>
        At(path, OutsideRange(value, min, max), position);

    /// <summary>MSH042: route egress to a consumer cluster without an egress gateway.</summary>
    internal static Diagnostic EgressWithoutGateway(string path, string consumer) =>
        At(path, $"route 'egress' needs an egress gateway in consumer cluster '{consumer}'; set egressGateway: true on it or use route: direct");

    /// <summary>MSH043: a version listed twice.</summary>
    internal static Diagnostic InvalidVersion(string path, string text, SourcePosition? position) => At(path, $"'{text}' is listed twice", position);

    /// <summary>MSH044: globalGateway under the legacy-gateways profile, which already makes that gateway.</summary>
    internal static Diagnostic Gateway15443InLegacy(string path) =>
        At(path, "the legacy-gateways profile already creates the *.global gateway on 15443; a second Gateway for that port breaks cross-cluster traffic, as the guide warns");

    /// <summary>MSH045: a weight outside 0-100.</summary>
    internal static Diagnostic InvalidWeights(string path, long value, int min, int max, SourcePosition? position) =>
        At(path, OutsideRange(value, min, max), position);

    /// <summary>MSH045: a weight for a version the service does not declare; <paramref name="closest"/> is the declared version it may be a typo of.</summary>
    internal static Diagnostic InvalidWeights(string path, string version, string? closest, SourcePosition? position) =>
        At(path, $"'{version}' is not a declared version of this service{DidYouMean(closest)}; declare it under versions or drop its weight", position);

    /// <summary>MSH045: weights that do not add up to 100.</summary>
    internal static Diagnostic InvalidWeights(string path, int sum, SourcePosition? position) =>
        At(path, $"weights add up to {sum}; they must add up to 100", position);

    /// <summary>MSH046: a nodePort gateway whose address is auto.</summary>
    internal static Diagnostic NodePortNeedsAddress(string path, int nodePort) =>
        At(path, $"nodePort {nodePort} needs the address of a node peers can reach, and 'auto' (the LoadBalancer status) names no node; set address to a node's IP or host name, e.g. address: 192.0.2.10");
}
