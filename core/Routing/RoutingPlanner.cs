using System.Collections.Immutable;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Routing;

/// <summary>
/// Cross-cluster routing: in each consumer cluster a <c>NAME.NS.global</c> ServiceEntry per remote service
/// (one endpoint per home gateway), a DestinationRule for versions and multi-home failover, opt-in weighted
/// VirtualServices, and for egress routing the egress gateway's 15443 listener; in each home cluster what the
/// home gateway needs to turn the caller's SNI into the service's pods (<see cref="HomeRouting"/>).
/// What istiod and Envoy then do with these objects is checked by <see cref="Tracing.PathTracer"/>.
/// </summary>
internal static class RoutingPlanner
{
    /// <summary>Current Istio (1.22+): the stored version of the networking CRDs.</summary>
    public const string IstioNetworking = "networking.istio.io/v1";

    /// <summary>Istio 1.6-1.8 and the classic guide: v1 does not exist there, the guide writes v1alpha3.</summary>
    public const string IstioNetworkingLegacy = "networking.istio.io/v1alpha3";

    public const string GlobalGatewayName = "meshstack-global-gateway";
    public const string GlobalMtlsName = "meshstack-global-mtls";
    public const string EgressGatewayName = "meshstack-egress-gateway";
    public const string EastWestSelector = "eastwestgateway";
    public const string EgressSelector = "egressgateway";
    public const string EgressServiceHost = "istio-egressgateway.istio-system.svc.cluster.local";

    /// <summary>
    /// The label istiod reads an endpoint's TLS mode from (<c>security.istio.io/tlsMode</c>; without it a
    /// ServiceEntry endpoint is <c>disabled</c>: pilot/pkg/serviceregistry/serviceentry/conversion.go, getTLSModeFromWorkloadEntry).
    /// </summary>
    public const string TlsModeLabel = "security.istio.io/tlsMode";

    /// <summary>The value the sidecar injector puts on every injected pod, and istiod's "mTLS" endpoint mode.</summary>
    public const string TlsModeIstio = "istio";

    /// <summary>The network remote gateway endpoints carry in the egress variant (the name the guide uses).</summary>
    public const string ExternalNetwork = "external";

    /// <summary>The networking apiVersion the profile's Istio serves.</summary>
    public static string NetworkingApiVersion(Profile profile) =>
        profile == Profile.LegacyGateways ? IstioNetworkingLegacy : IstioNetworking;

    /// <summary>
    /// Routing items for every cluster (every cluster has an entry, possibly empty). An object whose manifest does not
    /// depend on the cluster is one instance, made by <see cref="Shared"/> with no cluster, in the list of every cluster
    /// that holds it; <see cref="FederationPlanner.Order"/> puts it into each.
    /// </summary>
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

        foreach (var cluster in context.Spec.Clusters.Where(c => EgressRouting.UsedBy(context.Spec, c.Name)))
        {
            result[cluster.Name].Add(EgressRouting.Gateway(api, cluster));
        }

        var clusters = context.Spec.Clusters.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var service in context.Spec.Services)
        {
            // Values are immutable, so what does not depend on the consumer is built once and shared by every consumer:
            // the whole object (issue 23), which FederationPlanner.Order copies into each consumer with its dependencies.
            var homes = service.HomeClusters.Select(context.Cluster).ToImmutableArray();
            var host = service.GlobalHost;
            var directEntry = service.Route == RouteMode.Direct ? Shared(api, "ServiceEntry", host, CallerServiceEntrySpec(context, service, homes, consumer: null)) : null;
            var rule = NeedsCallerRule(service) ? Shared(api, "DestinationRule", host, CallerRuleSpec(service)) : null;
            var weights = service.Weights.IsEmpty ? null : Shared(api, "VirtualService", host, WeightedRouteSpec(service));
            foreach (var consumer in service.Consumers)
            {
                var items = result[consumer];
                items.Add(directEntry ?? Routing(api, consumer, "ServiceEntry", host, CallerServiceEntrySpec(context, service, homes, clusters[consumer])));
                if (rule is not null)
                {
                    items.Add(rule);
                }

                if (weights is not null)
                {
                    items.Add(weights);
                }
            }

            var owned = HomeRouting.Plan(api, context, service);
            foreach (var home in service.HomeClusters)
            {
                result[home].AddRange(owned);
            }
        }

        return result;
    }

    internal static PlannedObject Routing(string api, string cluster, string kind, string name, MapValue spec, string ns = KubeObjects.IstioSystem) =>
        KubeObjects.Object(cluster, Stage.MeshConfig, Concern.Routing, api, kind, ns, name, Value.Map(("spec", spec)));

    /// <summary>An object whose manifest does not depend on the cluster, for every cluster that holds it: its cluster is left empty.</summary>
    internal static PlannedObject Shared(string api, string kind, string name, MapValue spec, string ns = KubeObjects.IstioSystem) =>
        Routing(api, cluster: "", kind, name, spec, ns);

    /// <summary>Accepts mTLS from other clusters on 15443 and passes it through by SNI.</summary>
    private static PlannedObject GlobalGateway(string api, ClusterSpec cluster) =>
        Routing(api, cluster.Name, "Gateway", GlobalGatewayName, AutoPassthrough(EastWestSelector));

    /// <summary>A Gateway that passes mTLS for every <c>*.global</c> SNI through on 15443.</summary>
    internal static MapValue AutoPassthrough(string selector) => Value.Map(
        ("selector", Value.Map(("istio", selector))),
        ("servers", Value.List(Value.Map(
            ("port", Value.Map(("number", WellKnownPorts.CrossNetwork), ("name", "tls"), ("protocol", "TLS"))),
            ("tls", Value.Map(("mode", "AUTO_PASSTHROUGH"))),
            ("hosts", Value.List("*.global"))))));

    /// <summary>Sidecars use Istio mTLS towards every *.global name.</summary>
    private static PlannedObject GlobalMtls(string api, ClusterSpec cluster) =>
        Routing(api, cluster.Name, "DestinationRule", GlobalMtlsName, Value.Map(
            ("host", "*.global"),
            ("trafficPolicy", IstioMutual())));

    internal static MapValue IstioMutual() => Value.Map(("tls", Value.Map(("mode", "ISTIO_MUTUAL"))));

    /// <summary>
    /// The caller-side ServiceEntry spec; <paramref name="consumer"/> is only read for egress routing. Every endpoint
    /// is a gateway that speaks Istio mTLS, so each carries <see cref="TlsModeLabel"/>: the egress gateway's SNI-DNAT
    /// cluster keeps only mTLS endpoints (pilot/pkg/xds/endpoints/endpoint_builder.go, EndpointsWithMTLSFilter) and a
    /// subset without its own TLS settings falls back to the endpoint's mode (mtls_checker.go, checkMtlsEnabled).
    /// <c>subjectAltNames</c> pins the callee's identity: istiod makes them the service's accounts
    /// (pilot/pkg/serviceregistry/serviceentry/conversion.go@1.30.3:309, <c>ServiceAccounts: serviceEntry.SubjectAltNames</c>;
    /// pilot/pkg/model/push_context.go, ServiceAccounts) and the sidecar's ISTIO_MUTUAL cluster verifies the peer
    /// certificate against them (pilot/pkg/networking/core/cluster_tls.go, buildIstioMutualTLS). The endpoints are
    /// gateways that pass the TLS through, so the peer is the service's pod; without the list the sidecar accepts any
    /// workload certificate under the shared root.
    /// </summary>
    private static MapValue CallerServiceEntrySpec(PlanContext context, ServiceSpec service, ImmutableArray<ClusterSpec> homes, ClusterSpec? consumer)
    {
        var egress = service.Route == RouteMode.Egress;
        var (resolution, egressAddress) = egress ? EgressRouting.Resolution(homes, consumer!, context.Spec.Profile) : ("DNS", null);
        var versions = service.Versions.IsEmpty ? [null] : service.Versions.Select(v => (string?)v).ToImmutableArray();
        var endpoints = new List<Value>();
        foreach (var version in versions)
        {
            foreach (var home in homes)
            {
                endpoints.Add(Value.Map(
                    ("address", PlanContext.GatewayAddressOf(home)),
                    ("ports", PortMap(service, home.Gateway.PeerPort)),
                    ("labels", Labels(("cluster", home.Name), (TlsModeLabel, TlsModeIstio), ("version", version))),
                    ("locality", home.Locality is null ? null : (Value)home.Locality),
                    ("network", egress ? (Value)ExternalNetwork : null)));
            }

            if (egress)
            {
                endpoints.Add(Value.Map(
                    ("address", egressAddress!),
                    ("ports", PortMap(service, WellKnownPorts.CrossNetwork)),
                    ("labels", Labels((TlsModeLabel, TlsModeIstio), ("version", version))),
                    ("network", consumer!.Network)));
            }
        }

        return Value.Map(
            ("hosts", Value.List(service.GlobalHost)),
            ("location", "MESH_INTERNAL"),
            ("ports", Ports(service)),
            ("resolution", resolution),
            ("addresses", Value.List(context.Addresses[service.Key].ToString())),
            ("endpoints", Value.List(endpoints)),
            ("subjectAltNames", Value.List(service.Identity(context.Spec.TrustDomain))));
    }

    /// <summary>A caller-side DestinationRule is needed for version subsets and for failover between several homes.</summary>
    private static bool NeedsCallerRule(ServiceSpec service) => !service.Versions.IsEmpty || service.HomeClusters.Length > 1;

    /// <summary>
    /// mTLS, version subsets, and for several homes outlier detection: istiod enables locality failover only when the
    /// rule has outlierDetection (pilot/pkg/xds/endpoints/endpoint_builder.go, BuildClusterLoadAssignment:
    /// "Failover should only be enabled when there is an outlier detection"), and without it Envoy never ejects a dead
    /// home's gateway.
    /// </summary>
    private static MapValue CallerRuleSpec(ServiceSpec service) =>
        Value.Map(
            ("host", service.GlobalHost),
            ("trafficPolicy", service.HomeClusters.Length > 1 ? IstioMutual().With("outlierDetection", Failover()) : IstioMutual()),
            ("subsets", service.Versions.IsEmpty ? null : VersionSubsets(service)));

    /// <summary>Eject a home gateway after 5 consecutive errors (connect failures count for TCP) for 30 s; every endpoint may go.</summary>
    internal static MapValue Failover() => Value.Map(
        ("consecutive5xxErrors", 5),
        ("interval", "10s"),
        ("baseEjectionTime", "30s"),
        ("maxEjectionPercent", 100));

    internal static ListValue VersionSubsets(ServiceSpec service) =>
        Value.List(service.Versions.Select(v => (Value)Value.Map(("name", (Value)v), ("labels", Labels(("version", v))))));

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

    internal static ListValue Ports(ServiceSpec service) =>
        Value.List(service.Ports.Select(p => (Value)Value.Map(("name", p.Name), ("number", p.Number), ("protocol", p.Protocol))));

    private static MapValue PortMap(ServiceSpec service, int port) =>
        Value.Map(service.Ports.Select(p => (p.Name, (Value?)port)).ToArray());

    internal static MapValue? Labels(params (string Key, string? Value)[] labels)
    {
        var present = labels.Where(l => l.Value is not null).Select(l => (l.Key, (Value?)l.Value!)).ToArray();
        return present.Length == 0 ? null : Value.Map(present);
    }
}
