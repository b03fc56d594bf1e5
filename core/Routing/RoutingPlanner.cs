using System.Collections.Immutable;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Routing;

/// <summary>
/// Cross-cluster routing: in each consumer cluster a <c>NAME.NS.global</c> ServiceEntry per remote service
/// (one endpoint per home gateway), DestinationRules for versions, opt-in weighted VirtualServices; and for the
/// multi-primary profile the <c>*.global</c> Gateway and DestinationRule in every cluster plus the owner-side
/// ServiceEntries in each home cluster.
/// </summary>
internal static class RoutingPlanner
{
    /// <summary>Current Istio (1.22+): the stored version of the networking CRDs.</summary>
    public const string IstioNetworking = "networking.istio.io/v1";

    /// <summary>Istio 1.6-1.8 and the classic guide: v1 does not exist there, the guide writes v1alpha3.</summary>
    public const string IstioNetworkingLegacy = "networking.istio.io/v1alpha3";

    public const string GlobalGatewayName = "meshstack-global-gateway";
    public const string GlobalMtlsName = "meshstack-global-mtls";
    public const string EastWestSelector = "eastwestgateway";
    public const string EgressServiceHost = "istio-egressgateway.istio-system.svc.cluster.local";

    /// <summary>The networking apiVersion the profile's Istio serves.</summary>
    public static string NetworkingApiVersion(Profile profile) =>
        profile == Profile.LegacyGateways ? IstioNetworkingLegacy : IstioNetworking;

    /// <summary>Routing items for every cluster (every cluster has an entry, possibly empty).</summary>
    public static Dictionary<string, List<PlanItem>> PlanAll(PlanContext context)
    {
        var result = context.Spec.Clusters.ToDictionary(c => c.Name, _ => new List<PlanItem>(), StringComparer.Ordinal);
        if (!context.Spec.PlansGlobalNames)
        {
            // discovery: endpoints. Services keep their NAME.NS.svc.cluster.local names everywhere (EndpointDiscoveryPlanner).
            return result;
        }

        var api = NetworkingApiVersion(context.Spec.Profile);
        if (context.Spec.Profile == Profile.MultiPrimary)
        {
            foreach (var cluster in context.Spec.Clusters)
            {
                result[cluster.Name].Add(GlobalGateway(api, cluster));
                result[cluster.Name].Add(GlobalMtls(api, cluster));
            }
        }

        var clusters = context.Spec.Clusters.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var service in context.Spec.Services)
        {
            // Values are immutable, so what does not depend on the consumer is built once and shared by every consumer.
            var homes = service.HomeClusters.Select(context.Cluster).ToImmutableArray();
            var directSpec = service.Route == RouteMode.Direct ? CallerServiceEntrySpec(context, service, homes, consumer: null) : null;
            var versionSpec = service.Versions.IsEmpty ? null : VersionRuleSpec(service);
            var weightSpec = service.Weights.IsEmpty ? null : WeightedRouteSpec(service);
            foreach (var consumer in service.Consumers)
            {
                var items = result[consumer];
                items.Add(Routing(api, consumer, "ServiceEntry", service.GlobalHost, directSpec ?? CallerServiceEntrySpec(context, service, homes, clusters[consumer])));
                if (versionSpec is not null)
                {
                    items.Add(Routing(api, consumer, "DestinationRule", service.GlobalHost, versionSpec));
                }

                if (weightSpec is not null)
                {
                    items.Add(Routing(api, consumer, "VirtualService", service.GlobalHost, weightSpec));
                }
            }

            if (context.Spec.Profile == Profile.MultiPrimary)
            {
                foreach (var home in service.HomeClusters)
                {
                    result[home].Add(OwnerServiceEntry(api, context, service, home));
                }
            }
        }

        return result;
    }

    private static PlannedObject Routing(string api, string cluster, string kind, string name, MapValue spec) =>
        K8s.Object(cluster, Stage.MeshConfig, Concern.Routing, api, kind, K8s.IstioSystem, name, Value.Map(("spec", spec)));

    /// <summary>Accepts mTLS from other clusters on 15443 and passes it through by SNI.</summary>
    private static PlannedObject GlobalGateway(string api, ClusterSpec cluster) =>
        Routing(api, cluster.Name, "Gateway", GlobalGatewayName, Value.Map(
            ("selector", Value.Map(("istio", EastWestSelector))),
            ("servers", Value.List(Value.Map(
                ("port", Value.Map(("number", WellKnownPorts.CrossNetwork), ("name", "tls"), ("protocol", "TLS"))),
                ("tls", Value.Map(("mode", "AUTO_PASSTHROUGH"))),
                ("hosts", Value.List("*.global")))))));

    /// <summary>Sidecars use Istio mTLS towards every *.global name.</summary>
    private static PlannedObject GlobalMtls(string api, ClusterSpec cluster) =>
        Routing(api, cluster.Name, "DestinationRule", GlobalMtlsName, Value.Map(
            ("host", "*.global"),
            ("trafficPolicy", IstioMutual())));

    private static MapValue IstioMutual() => Value.Map(("tls", Value.Map(("mode", "ISTIO_MUTUAL"))));

    /// <summary>The caller-side ServiceEntry spec; <paramref name="consumer"/> is only read for egress routing.</summary>
    private static MapValue CallerServiceEntrySpec(PlanContext context, ServiceSpec service, ImmutableArray<ClusterSpec> homes, ClusterSpec? consumer)
    {
        var egress = service.Route == RouteMode.Egress;
        Value resolution = "DNS";
        Value egressAddress = EgressServiceHost;
        if (egress)
        {
            var remotes = string.Join(',', homes.Select(h => h.Name));
            if (homes.Any(h => h.Gateway.Address is GatewayAddress.Auto))
            {
                resolution = new Deferred(new ResolutionFor(remotes));
                egressAddress = new Deferred(new EgressEndpointFor(consumer!.Name, remotes));
            }
            else if (homes.All(h => h.Gateway.Address is GatewayAddress.Ip))
            {
                resolution = "STATIC";
                egressAddress = new Deferred(new EgressGatewayIpOf(consumer!.Name));
            }
        }

        var versions = service.Versions.IsEmpty ? [null] : service.Versions.Select(v => (string?)v).ToImmutableArray();
        var endpoints = new List<Value>();
        foreach (var version in versions)
        {
            foreach (var home in homes)
            {
                endpoints.Add(Value.Map(
                    ("address", PlanContext.GatewayAddressOf(home)),
                    ("ports", PortMap(service, home.Gateway.PeerPort)),
                    ("labels", Labels(("cluster", home.Name), ("version", version))),
                    ("locality", home.Locality is null ? null : (Value)home.Locality),
                    ("network", egress ? (Value)"external" : null)));
            }

            if (egress)
            {
                endpoints.Add(Value.Map(
                    ("address", egressAddress),
                    ("ports", PortMap(service, WellKnownPorts.CrossNetwork)),
                    ("labels", version is null ? null : Labels(("version", version)))));
            }
        }

        return Value.Map(
            ("hosts", Value.List(service.GlobalHost)),
            ("location", "MESH_INTERNAL"),
            ("ports", Ports(service)),
            ("resolution", resolution),
            ("addresses", Value.List(context.Addresses[service.Key].ToString())),
            ("endpoints", Value.List(endpoints)));
    }

    /// <summary>In a home cluster, NAME.NS.global resolves to the local Service, so the gateway's SNI routes land on it.</summary>
    private static PlannedObject OwnerServiceEntry(string api, PlanContext context, ServiceSpec service, string home) =>
        Routing(api, home, "ServiceEntry", service.GlobalHost, Value.Map(
            ("hosts", Value.List(service.GlobalHost)),
            ("location", "MESH_INTERNAL"),
            ("ports", Ports(service)),
            ("resolution", "DNS"),
            ("addresses", Value.List(context.Addresses[service.Key].ToString())),
            ("endpoints", Value.List(Value.Map(("address", service.LocalHost))))));

    private static MapValue VersionRuleSpec(ServiceSpec service) =>
        Value.Map(
            ("host", service.GlobalHost),
            ("trafficPolicy", IstioMutual()),
            ("subsets", Value.List(service.Versions.Select(v => (Value)Value.Map(("name", (Value)v), ("labels", Labels(("version", v))))))));

    private static MapValue WeightedRouteSpec(ServiceSpec service)
    {
        var routes = Value.List(service.Weights.Select(w => (Value)Value.Map(
            ("destination", Value.Map(("host", service.GlobalHost), ("subset", w.Version))),
            ("weight", w.Weight))));
        var http = service.Ports.Any(p => IsHttp(p.Protocol));
        return Value.Map(
            ("hosts", Value.List(service.GlobalHost)),
            (http ? "http" : "tcp", Value.List(Value.Map(("route", routes)))));
    }

    private static bool IsHttp(string protocol) =>
        protocol.ToUpperInvariant() is "HTTP" or "HTTP2" or "HTTP_PROXY" or "GRPC" or "GRPC-WEB";

    private static ListValue Ports(ServiceSpec service) =>
        Value.List(service.Ports.Select(p => (Value)Value.Map(("name", p.Name), ("number", p.Number), ("protocol", p.Protocol))));

    private static MapValue PortMap(ServiceSpec service, int port) =>
        Value.Map(service.Ports.Select(p => (p.Name, (Value?)port)).ToArray());

    private static MapValue? Labels(params (string Key, string? Value)[] labels)
    {
        var present = labels.Where(l => l.Value is not null).Select(l => (l.Key, (Value?)l.Value!)).ToArray();
        return present.Length == 0 ? null : Value.Map(present);
    }
}
