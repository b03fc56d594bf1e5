using System.Collections.Immutable;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Routing;

/// <summary>
/// What a home cluster needs so that its gateway turns a caller's SNI
/// (<c>outbound_.PORT_.SUBSET_.NAME.NS.global</c>) into mTLS endpoints of the service's pods.
/// </summary>
/// <remarks>
/// The gateway's AUTO_PASSTHROUGH server routes each SNI to the cluster of that name, which exists only for a
/// service it knows and, for a subset, only when a DestinationRule for that host defines the subset
/// (pilot/pkg/networking/core/cluster_builder.go, buildSubsetCluster); its endpoints are kept only when they match
/// the subset labels and, on current Istio, only when they are mTLS (pilot/pkg/xds/endpoints/endpoint_builder.go,
/// EndpointsWithMTLSFilter for IsDNSSrvSubsetKey clusters).
/// <list type="bullet">
/// <item>multi-primary: the host is <c>NAME.NS.global</c> itself. MeshStack writes it as a ServiceEntry in the
/// service's namespace whose <c>workloadSelector</c> selects the service's pods (<c>app: NAME</c>), so its endpoints
/// are the injected pods with their own labels: <c>version</c> for subsets and <c>security.istio.io/tlsMode: istio</c>
/// for mTLS. An endpoint naming <c>NAME.NS.svc.cluster.local</c> would carry no labels and TLS mode <c>disabled</c>
/// (pilot/pkg/serviceregistry/serviceentry/conversion.go, getTLSModeFromWorkloadEntry).</item>
/// <item>legacy-gateways: the profile's filter rewrites <c>.global</c> to <c>.svc.cluster.local</c>
/// (tcp_cluster_rewrite in the upstream multicluster overlay), so subsets go on <c>NAME.NS.svc.cluster.local</c>.</item>
/// </list>
/// </remarks>
internal static class HomeRouting
{
    /// <summary>The pod label the owner-side ServiceEntry selects on: Istio's <c>app</c> convention.</summary>
    public const string AppLabel = "app";

    /// <summary>
    /// The owner-side entry's ports: a declared <c>targetPort</c> is where the selected pods listen; istiod uses it unless
    /// a pod names a container port like the entry's port (pilot/pkg/serviceregistry/serviceentry/conversion.go,
    /// convertWorkloadInstanceToServiceInstance), and falls back to the port number.
    /// </summary>
    private static ListValue OwnerPorts(ServiceSpec service) =>
        Value.List(service.Ports.Select(p => (Value)Value.Map(("name", p.Name), ("number", p.Number), ("protocol", p.Protocol), ("targetPort", p.TargetPort is { } t ? (Value)t : null))));

    /// <summary>
    /// The objects every home cluster of <paramref name="service"/> gets: they do not depend on the home, so every home
    /// holds the same instances, with no cluster (<see cref="RoutingPlanner.Shared"/>; issue 23).
    /// </summary>
    public static ImmutableArray<PlannedObject> Plan(string api, PlanContext context, ServiceSpec service)
    {
        var objects = ImmutableArray.CreateBuilder<PlannedObject>(2);
        var multiPrimary = context.Spec.Profile == Profile.MultiPrimary;
        if (multiPrimary)
        {
            objects.Add(RoutingPlanner.Shared(api, "ServiceEntry", service.GlobalHost, Value.Map(
                ("hosts", Value.List(service.GlobalHost)),
                ("location", "MESH_INTERNAL"),
                ("ports", OwnerPorts(service)),
                ("resolution", "STATIC"),
                ("addresses", Value.List(context.Addresses[service.Key].ToString())),
                ("workloadSelector", Value.Map(("labels", Value.Map((AppLabel, service.Name)))))), service.Namespace));
        }

        if (!service.Versions.IsEmpty)
        {
            var host = multiPrimary ? service.GlobalHost : service.LocalHost;
            objects.Add(RoutingPlanner.Shared(api, "DestinationRule", host, Value.Map(
                ("host", host),
                ("trafficPolicy", multiPrimary ? RoutingPlanner.IstioMutual() : null),
                ("subsets", RoutingPlanner.VersionSubsets(service)))));
        }

        return objects.ToImmutable();
    }
}
