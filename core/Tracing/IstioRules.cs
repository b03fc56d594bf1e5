using System.Collections.Immutable;

namespace MeshStack.Core.Tracing;

/// <summary>
/// The rules of istiod and Envoy the tracer applies, one method per rule, each naming the upstream source it models
/// (istio/istio at 1.30.3 unless a 1.7.8 path is given).
/// </summary>
internal static class IstioRules
{
    /// <summary>
    /// The SNI a sidecar sends with Istio mTLS is its cluster's name, <c>outbound_.PORT_.SUBSET_.HOST</c>
    /// (pilot/pkg/model/service.go, BuildDNSSrvSubsetKey; pilot/pkg/networking/core/cluster_tls.go sets SNI to the
    /// cluster name for ISTIO_MUTUAL).
    /// </summary>
    public static string Sni(int port, string? subset, string host) => $"outbound_.{port}_.{subset}_.{host}";

    /// <summary>
    /// A Gateway host matches a name exactly or by a leading <c>*.</c> wildcard (pkg/config/host/name.go, Matches).
    /// </summary>
    public static bool HostMatches(string pattern, string host) =>
        pattern == "*" || pattern == host || (pattern.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(pattern[1..], StringComparison.Ordinal));

    /// <summary>
    /// The server that passes a connection for <paramref name="host"/> through by SNI: a server of a Gateway selecting
    /// the proxy, on port 15443, with TLS mode AUTO_PASSTHROUGH and a matching host (pilot/pkg/networking/core/gateway.go,
    /// buildGatewayListeners: AUTO_PASSTHROUGH servers become SNI-DNAT filter chains).
    /// </summary>
    public static GatewayServerModel? PassthroughServer(IEnumerable<GatewayServerModel> servers, string selector, int port, string host) =>
        servers.FirstOrDefault(s => s.Selector == selector && s.Port == port && s.TlsMode == "AUTO_PASSTHROUGH" && s.Hosts.Any(h => HostMatches(h, host)));

    /// <summary>
    /// The port of a pod endpoint of a ServiceEntry that selects pods (<c>workloadSelector</c>): the pod's container port
    /// named like the ServiceEntry port, else the ServiceEntry port's <c>targetPort</c>, else its number
    /// (pilot/pkg/serviceregistry/serviceentry/conversion.go, convertWorkloadInstanceToServiceInstance; the pod's named
    /// TCP ports, first one wins: pilot/pkg/serviceregistry/kube/controller/pod.go, getPortMap).
    /// </summary>
    public static int SelectedPodPort(IReadOnlyDictionary<string, int> podNamedPorts, string portName, int? targetPort, int number) =>
        podNamedPorts.TryGetValue(portName, out var named) && named > 0 ? named
        : targetPort is > 0 ? targetPort.Value
        : number;

    /// <summary>
    /// An endpoint belongs to a subset when the subset's labels are a subset of the endpoint's
    /// (pilot/pkg/xds/endpoints/endpoint_builder.go, <c>b.subsetLabels.SubsetOf(ep.Labels)</c>).
    /// </summary>
    public static bool InSubset(ImmutableDictionary<string, string> subsetLabels, Endpoint endpoint)
    {
        if (subsetLabels.IsEmpty)
        {
            return true;
        }

        foreach (var l in subsetLabels)
        {
            if (!endpoint.Labels.TryGetValue(l.Key, out var v) || v != l.Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc cref="InSubset(ImmutableDictionary{string, string}, Endpoint)"/>
    public static bool InSubset(ReadOnlySpan<KeyValuePair<string, string>> subsetLabels, Endpoint endpoint)
    {
        foreach (var l in subsetLabels)
        {
            if (!endpoint.Labels.TryGetValue(l.Key, out var v) || v != l.Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The TLS mode a DestinationRule sets for a subset: the top-level policy for the whole service, the subset's own
    /// policy for a subset (null when it has none) (pilot/pkg/xds/endpoints/mtls_checker.go, tlsModeForDestinationRule).
    /// </summary>
    public static string? RuleTlsMode(DestinationRuleModel? rule, string? subset) =>
        rule is null ? null
        : subset is null ? rule.TlsMode
        : SubsetTlsMode(rule, subset);

    // The first subset of that name's own TLS mode (none: null).
    private static string? SubsetTlsMode(DestinationRuleModel rule, string subset)
    {
        foreach (var s in rule.Subsets)
        {
            if (s.Name == subset)
            {
                return s.TlsMode;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether istiod marks an endpoint mTLS: the DestinationRule's mode when it sets one, else the endpoint's own TLS
    /// mode must be <c>istio</c> (pilot/pkg/xds/endpoints/mtls_checker.go, checkMtlsEnabled; PeerAuthentication is not
    /// modelled: MeshStack writes none).
    /// </summary>
    public static bool MtlsEnabled(DestinationRuleModel? rule, string? subset, Endpoint endpoint) =>
        RuleTlsMode(rule, subset) is { } mode ? mode == "ISTIO_MUTUAL" : endpoint.TlsMode == Routing.RoutingPlanner.TlsModeIstio;

    /// <summary>
    /// Whether the caller's sidecar opens Istio mTLS to an endpoint: a subset cluster takes the subset's TLS over the
    /// top-level one (pilot/pkg/networking/util/util.go, MergeTrafficPolicy, used by cluster_builder.go buildSubsetCluster); without any, auto mTLS sends
    /// mTLS to endpoints labelled <c>istio</c> (cluster_tls.go, buildAutoMtlsSettings / transport socket match).
    /// </summary>
    public static bool SendsIstioMutual(DestinationRuleModel? rule, string? subset, Endpoint endpoint)
    {
        var mode = RuleTlsMode(rule, subset) ?? rule?.TlsMode;
        return mode is not null ? mode == "ISTIO_MUTUAL" : endpoint.TlsMode == Routing.RoutingPlanner.TlsModeIstio;
    }

    /// <summary>
    /// The networks a proxy sees (null: every network) from its <c>REQUESTED_NETWORK_VIEW</c> metadata, a comma-separated
    /// StringList split as is, empty items kept (pilot/pkg/model/context.go@1.6.14:268-275, StringList.UnmarshalJSON):
    /// <list type="bullet">
    /// <item>from 1.7: the requested networks plus the unnamed one; no request, every network
    /// (pilot/pkg/model/proxy_view.go@1.30.3 newProxyView; pilot/pkg/model/context.go@1.7.8:768-783 GetNetworkView);</item>
    /// <item>1.6: exactly the requested networks, the unnamed one only when an empty item requests it; no request, only
    /// the unnamed network (pilot/pkg/model/context.go@1.6.14:747-766 GetNetworkView).</item>
    /// </list>
    /// </summary>
    public static ImmutableHashSet<string>? RequestedView(string? requested, Model.IstioVersion version)
    {
        var items = string.IsNullOrEmpty(requested) ? [] : requested.Split(',');
        if (version < new Model.IstioVersion(1, 7, 0))
        {
            return items.Length == 0 ? [""] : items.ToImmutableHashSet(StringComparer.Ordinal);
        }

        return items.Length == 0 ? null : items.Append("").ToImmutableHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether a network is in a view from <see cref="RequestedView"/> (null: every network).</summary>
    public static bool Visible(ImmutableHashSet<string>? view, string network) => view is null || view.Contains(network);

    /// <summary>
    /// Whether the proxy's network view filters a cluster's endpoints. From 1.8 (and on 1.30.3) every endpoint passes
    /// through it (pilot/pkg/xds/endpoints/ep_filters.go, proxy_view.go). Before 1.8 only the endpoints of DNS clusters do
    /// (pilot/pkg/networking/core/v1alpha3/cluster_builder.go@1.7.8:192-215 buildLocalityLbEndpoints, cluster.go@1.6.14:247-271):
    /// EDS clusters (STATIC resolution, Kubernetes services) check the view only for an endpoint on another network that has
    /// a gateway (pilot/pkg/xds/ep_filters.go@1.7.8:70, canViewNetwork; 1.6.14 not at all), and without meshNetworks no
    /// network has one.
    /// </summary>
    public static bool ViewFilters(Model.IstioVersion version, Plan.Value? resolution) =>
        version >= new Model.IstioVersion(1, 8, 0) || PlanRead.Text(resolution) == "DNS";

    /// <summary>
    /// Split horizon: an endpoint is sent to directly when the proxy is on its network (or either network is unset) or
    /// when no gateway is known for its network; otherwise it is replaced by that network's gateway, and only if it is
    /// mTLS (pilot/pkg/xds/endpoints/ep_filters.go, EndpointsByNetworkFilter; 1.7.8:
    /// pilot/pkg/xds/ep_filters.go; 1.6.14: pilot/pkg/proxy/envoy/v2/ep_filters.go). Returns null when the endpoint is dropped.
    /// </summary>
    public static NetworkDecision ByNetwork(string proxyNetwork, ImmutableHashSet<string> networksWithGateway, Endpoint endpoint, bool mtls)
    {
        if (endpoint.Network.Length == 0 || proxyNetwork.Length == 0 || endpoint.Network == proxyNetwork || !networksWithGateway.Contains(endpoint.Network))
        {
            return NetworkDecision.Direct;
        }

        return mtls ? NetworkDecision.ViaNetworkGateway : NetworkDecision.Dropped;
    }
}

/// <summary>What split-horizon EDS does with an endpoint.</summary>
internal enum NetworkDecision
{
    /// <summary>Sent to as is.</summary>
    Direct,

    /// <summary>Replaced by the gateway of its network.</summary>
    ViaNetworkGateway,

    /// <summary>Not sent to.</summary>
    Dropped,
}
