using System.Collections.Immutable;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Routing;

/// <summary>
/// The egress variant, so that every connection goes sidecar → local egress gateway → remote gateway → pod, mTLS
/// end to end (the sidecar's TLS passes through both gateways untouched):
/// <list type="number">
/// <item>The caller's ServiceEntry has the remote gateways on network <c>external</c> and the local egress gateway on
/// the consumer's own network, all labelled mTLS.</item>
/// <item>Sidecars see only the cluster networks: istiod's mesh-wide <c>proxyMetadata</c> sets
/// <c>ISTIO_META_REQUESTED_NETWORK_VIEW</c> to every cluster network, so an <c>external</c> endpoint is invisible to
/// them (pilot/pkg/model/proxy_view.go: a view holds the requested networks plus the undefined one;
/// pilot/pkg/xds/endpoints/ep_filters.go skips endpoints the view hides). Without a view a sidecar sees every network,
/// and an <c>external</c> endpoint, having no network gateway, counts as directly reachable — the bypass.</item>
/// <item>The egress gateway's own <c>ISTIO_META_REQUESTED_NETWORK_VIEW=external</c> (an environment variable, which
/// wins over proxyMetadata: pkg/bootstrap/config.go, GetNodeMetaData) hides the egress endpoint from itself, so it
/// sends only to remote gateways. On 1.6.3-1.7.8 the chart appends the mesh-wide value after it, so MeshStack also
/// writes the view as <c>ISTIO_METAJSON_*</c> JSON, which the agent merges last (<see cref="Istio.LegacyGatewaysInstall"/>).</item>
/// <item>The egress gateway listens on 15443 through <see cref="RoutingPlanner.EgressGatewayName"/> (AUTO_PASSTHROUGH,
/// <c>*.global</c>): neither chart makes one (1.7.8 only with <c>gateways.istio-egressgateway.zvpn.enabled</c>,
/// manifests/charts/gateways/istio-egress/templates/preconfigured.yaml; 1.30's gateway chart none).</item>
/// </list>
/// </summary>
internal static class EgressRouting
{
    /// <summary>True when the cluster calls at least one service through its egress gateway.</summary>
    public static bool UsedBy(MeshSpec spec, string cluster) =>
        spec.Services.Any(s => s.Route == RouteMode.Egress && s.Consumers.Contains(cluster));

    /// <summary>The 15443 listener of the consumer's egress gateway.</summary>
    public static PlannedObject Gateway(string api, ClusterSpec cluster) =>
        RoutingPlanner.Routing(api, cluster.Name, "Gateway", RoutingPlanner.EgressGatewayName, RoutingPlanner.AutoPassthrough(RoutingPlanner.EgressSelector));

    /// <summary>
    /// The network view of the cluster's sidecars when it uses egress routing: every cluster network of the federation
    /// (never <c>external</c>), comma-separated; null when the cluster uses no egress routing.
    /// </summary>
    public static string? SidecarView(MeshSpec spec, ClusterSpec cluster) =>
        UsedBy(spec, cluster.Name) ? string.Join(',', spec.Clusters.Select(c => c.Network).Distinct().Order(StringComparer.Ordinal)) : null;

    /// <summary>
    /// Resolution and egress endpoint. A host-name gateway written in the stack file forces DNS (istiod refuses a
    /// host-name endpoint under STATIC) whatever the <c>auto</c> ones turn out to be; every gateway an IP gives STATIC
    /// with the egress gateway's ClusterIP; otherwise only the <c>auto</c> gateways decide, at deploy time.
    /// The legacy profile always resolves by DNS: before 1.8 the network view filters only DNS clusters
    /// (pilot/pkg/networking/core/v1alpha3/cluster_builder.go@1.7.8:192-195; EDS clusters check it only for networks with
    /// a gateway, pilot/pkg/xds/ep_filters.go@1.7.8:70, and without meshNetworks there is none), so under STATIC the
    /// sidecars would see the remote gateways beside the egress gateway and send part of the traffic past it. A DNS
    /// cluster takes IP endpoints as they are.
    /// </summary>
    public static (Value Resolution, Value EgressAddress) Resolution(ImmutableArray<ClusterSpec> homes, ClusterSpec consumer, Profile profile)
    {
        if (profile == Profile.LegacyGateways || homes.Any(h => h.Gateway.Address is GatewayAddress.Hostname))
        {
            return ("DNS", RoutingPlanner.EgressServiceHost);
        }

        if (homes.All(h => h.Gateway.Address is GatewayAddress.Ip))
        {
            return ("STATIC", new Deferred(new EgressGatewayIpOf(consumer.Name)));
        }

        var autos = string.Join(',', homes.Where(h => h.Gateway.Address is GatewayAddress.Auto).Select(h => h.Name));
        return (new Deferred(new ResolutionFor(autos)), new Deferred(new EgressEndpointFor(consumer.Name, autos)));
    }
}
