using MeshStack.Core.Model;

namespace MeshStack.Core.Diagnostics;

// MSH188-MSH197: what istiod reads of gateway addresses, and smaller checks (issue 21).
public static partial class DiagnosticBuilder
{
    /// <summary>MSH188: an addressRequest on a gateway a load balancer does not address (a nodePort, a host name, or auto).</summary>
    internal static Diagnostic AddressRequestNotApplicable(string path, string asked, bool nodePort, bool hostname, SourcePosition? position)
    {
        var why = nodePort ? "a nodePort gateway is reached at a node's address, which no load balancer assigns"
            : hostname ? "a load balancer is asked for an IP address, never a host name"
            : "with address auto the load balancer picks the address; give an IP address to request it";
        return At(path, $"'{asked}': {why}; remove addressRequest or write addressRequest: none", position);
    }

    /// <summary>MSH189: an addressAnnotation given without addressRequest: annotation, or that is not a Kubernetes annotation key.</summary>
    internal static Diagnostic AddressAnnotationInvalid(string path, string annotation, bool withoutRequest, SourcePosition? position) => At(path, withoutRequest
        ? $"'{annotation}' is used only with addressRequest: annotation"
        : $"'{annotation}' is not an annotation key (an optional DNS prefix and '/', then up to 63 letters, digits, '-', '_', '.'), e.g. {GatewaySpec.DefaultRequestAnnotation}", position);

    /// <summary>MSH190: a cluster network named 'external'.</summary>
    internal static Diagnostic NetworkNamedExternal(string path, string network, string? cluster, SourcePosition? position) =>
        At(path, $"'{network}': MeshStack puts remote gateways behind an egress gateway on network '{network}' and hides it from sidecars, so this cluster's own pods would be unreachable; name the network differently (network: {cluster}-net)", position);

    /// <summary>MSH191: the pool overlaps a <paramref name="range"/> clusters commonly use for <paramref name="use"/>.</summary>
    internal static Diagnostic AddressPoolOverlapsClusterRange(Addressing.Cidr pool, string range, string use) =>
        At("meshstack:addressPool", $"{pool} overlaps {range} ({use}): a virtual address that is also a real address in a cluster takes that traffic; prefer the class E default 240.0.0.0/16");

    /// <summary>MSH192: a service port in Istio's reserved range <paramref name="first"/>-<paramref name="last"/>.</summary>
    internal static Diagnostic PortInIstioRange(string path, int number, int first, int last, SourcePosition? position) =>
        At(path, $"{number}: Istio's proxies claim {first}-{last} for themselves (15001/15006 capture traffic, 15021 and 15090 are the status and metrics listeners a service port of that number conflicts with: pilot/pkg/model/context.go@1.30.3:850-874; istio.io 'Ports used by Istio'), so traffic to it may never reach the application; use another port", position);

    /// <summary>MSH193: the Istio version is older than the deployed one.</summary>
    internal static Diagnostic IstioDowngrade(IstioVersion version, IstioVersion deployed) =>
        At("meshstack:istio.version", $"'{version}' is older than the deployed {deployed}: Istio supports upgrades only, and the CRDs, webhooks and mesh config of {deployed} stay behind; install the older release as a canary revision instead, or keep {deployed}");

    /// <summary>MSH194: a trace filter (the values of --from, --to and --version; null when not given) that matches no path.</summary>
    public static Diagnostic TraceFilterMatchesNothing(string? from, string? to, string? version)
    {
        var given = new[] { ("--from", from), ("--to", to), ("--version", version) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1} {p.Item2}").ToList();
        var filter = given.Count == 0 ? "(the stack plans no route)" : string.Join(" ", given);
        return At("", $"no path matches {filter}; run 'meshstack trace' without filters to list every path");
    }

    /// <summary>MSH195: a service in a namespace istiod never injects.</summary>
    internal static Diagnostic NamespaceNeverInjected(string path, string ns) =>
        At(path, $"'{ns}': istiod's sidecar injector skips this namespace whatever its labels, so the service's pods would run without a sidecar and no cross-cluster call would reach them; move the service to an application namespace");

    /// <summary>MSH196: two clusters give the same gateway address and port.</summary>
    internal static Diagnostic GatewayAddressShared(string path, string address, int port, string other, string cluster) =>
        At(path, $"'{address}' port {port} is also cluster '{other}'s gateway address: one address reaches one gateway, and a gateway routes only to its own cluster's services, so every call meant for '{cluster}' would die at '{other}'s gateway; give each cluster its own address");

    /// <summary>MSH197: addressRequest: externalIPs under the legacy-gateways profile.</summary>
    internal static Diagnostic ExternalIpsRequestInLegacy(string path) =>
        At(path, "'externalIPs': the Istio 1.6/1.7 gateway chart writes no spec.externalIPs, so the address would never be set; use loadBalancerIP or annotation");
}
