using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using MeshStack.Core.Routing;

namespace MeshStack.Core.Tracing;

/// <summary>
/// Follows every planned route the way istiod and Envoy would: name → DNS → virtual address → the caller's
/// ServiceEntry endpoints → the caller's DestinationRule (subset, mTLS) → network view and split horizon → (the
/// egress gateway's 15443 listener and its own endpoint filters) → the home gateway's 15443 AUTO_PASSTHROUGH server →
/// SNI → the home cluster's service and subset → endpoint filters (subset labels, mTLS, network) → the service's pods.
/// Each rule is a method of <see cref="IstioRules"/> naming the upstream file it models. What does not depend on the
/// path is done once and shared (issue #23): a spec instance's model, an entry's endpoints, a home gateway's verdict
/// per service port and version, a caller's entry and rule per service; the output is the same, byte for byte
/// (TraceOutputGoldenTests).
/// </summary>
public static class PathTracer
{
    private const string DnsRule = "pkg/dns/server/name_table.go (BuildNameTable: a ServiceEntry host answers with its addresses); istiocoredns and the CoreDNS global zone serve the same addresses";
    private const string ClusterRule = "pilot/pkg/networking/core/cluster.go (buildOutboundClusters: one cluster per ServiceEntry port, none for UDP; subset clusters only for DestinationRule subsets)";
    private const string EndpointRule = "pilot/pkg/xds/endpoints/endpoint_builder.go (subset labels, non-IP addresses dropped from EDS) and ep_filters.go (EndpointsByNetworkFilter)";
    private const string SniDnatRule = "pilot/pkg/networking/core/cluster.go (buildOutboundSniDnatClusters: the SNI names a cluster of a known service and DestinationRule subset)";
    private const string MtlsFilterRule = "pilot/pkg/xds/endpoints/endpoint_builder.go (EndpointsWithMTLSFilter for IsDNSSrvSubsetKey clusters) and mtls_checker.go (checkMtlsEnabled)";
    private const string ListenerRule = "pilot/pkg/networking/core/gateway.go (AUTO_PASSTHROUGH servers become SNI filter chains); 1.7.8 manifests/charts/gateways/istio-egress/templates/preconfigured.yaml (only with zvpn.enabled)";
    private const string PodPortRule = "pilot/pkg/serviceregistry/serviceentry/conversion.go (convertWorkloadInstanceToServiceInstance: named pod port, else targetPort, else port) and kube/controller/pod.go (getPortMap); a Kubernetes Service sends to its targetPort";
    private const string InjectionRule = "manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml (the injector selects namespaces labelled istio-injection: enabled); the sidecar terminates Istio mTLS";
    private const string IdentityRule = "pilot/pkg/serviceregistry/serviceentry/conversion.go@1.30.3:309 (ServiceAccounts: subjectAltNames), pilot/pkg/model/push_context.go (ServiceAccounts) and pilot/pkg/networking/core/cluster_tls.go (buildIstioMutualTLS verifies the peer's SAN); pkg/spiffe/spiffe.go (spiffe://TRUST_DOMAIN/ns/NS/sa/ACCOUNT)";
    private const string SniRule = "pilot/pkg/networking/core/cluster_tls.go (ISTIO_MUTUAL sets SNI to the cluster name)";
    private const string RouterModeRule = "1.7.8 pilot/pkg/networking/core/v1alpha3/cluster.go (buildOutboundSniDnatClusters only for ISTIO_META_ROUTER_MODE=sni-dnat); manifests/charts/gateways/istio-egress/values.yaml@1.7.8:81 (default sni-dnat)";
    private const string ViewRule = "pilot/pkg/model/proxy_view.go (newProxyView) and pilot/pkg/xds/endpoints/ep_filters.go (an endpoint on a network without a gateway is reachable directly)";

    /// <summary>Every path the query selects, in a stable order (service, consumer, port, version).</summary>
    public static ImmutableArray<TracedPath> Trace(FederationPlan plan, TraceQuery? query = null) =>
        Trace(plan, query ?? TraceQuery.All, GlobalServiceEntryDiscovery.Instance, recordHops: true, keepOk: true);

    /// <summary>Only the dead paths, without recording the hops of live ones (what compile needs, cheaply).</summary>
    public static ImmutableArray<TracedPath> DeadPaths(FederationPlan plan) =>
        Trace(plan, TraceQuery.All, GlobalServiceEntryDiscovery.Instance, recordHops: false, keepOk: false);

    internal static ImmutableArray<TracedPath> Trace(FederationPlan plan, TraceQuery query, ICallerDiscovery discovery, bool recordHops, bool keepOk)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(query);
        var models = new SharedModels();
        var views = plan.Clusters.ToDictionary(c => c.Cluster.Name, c => ClusterView.From(plan, c, models), StringComparer.Ordinal);
        var shared = new SharedWork(views, GatewayOwnersFrom(views.Values));

        var paths = ImmutableArray.CreateBuilder<TracedPath>();
        foreach (var service in plan.Spec.Services.Where(s => plan.Spec.PlansGlobalNames && (query.Host is null || s.GlobalHost == query.Host)))
        {
            // The home side of a (service, port, version) is the same for every consumer that reaches that home: one
            // verdict per home cluster, kept while this service's paths are traced.
            shared.HomeSides.Clear();
            var host = service.GlobalHost;  // built on each read: once per service
            var versions = service.Versions.IsEmpty ? [null] : service.Versions.Select(v => (string?)v).ToImmutableArray();
            foreach (var consumer in service.Consumers.Where(c => query.From is null || c == query.From))
            {
                // What the caller's istiod has for the name: the same for each of its paths to the service.
                var caller = views[consumer];
                var entries = discovery.Lookup(caller, host);
                var callerRule = caller.RuleFor(host);
                foreach (var port in service.Ports.Where(p => query.Port is null || p.Number == query.Port))
                {
                    foreach (var version in versions.Where(v => query.Version is null || v == query.Version))
                    {
                        var walk = new Walk(plan.Spec, shared, service, host, caller, port.Number, version, entries, callerRule) { Record = recordHops };
                        var failure = walk.Run();
                        if (failure is null && !keepOk)
                        {
                            continue;
                        }

                        paths.Add(new TracedPath
                        {
                            From = consumer,
                            Host = host,
                            Port = port.Number,
                            Version = version,
                            Hops = walk.Hops,
                            Failure = failure,
                        });
                    }
                }
            }
        }

        if (plan.Spec.DiscoversEndpoints)
        {
            TraceEndpoints(plan, query, views, recordHops, keepOk, paths);
        }

        return paths.ToImmutable();
    }

    // discovery: endpoints or both: every consumer reaches NAME.NS.svc.cluster.local of every service (whole service: the
    // version subsets of svc.cluster.local names are the user's own DestinationRules).
    private static void TraceEndpoints(FederationPlan plan, TraceQuery query, Dictionary<string, ClusterView> views, bool recordHops, bool keepOk, ImmutableArray<TracedPath>.Builder paths)
    {
        foreach (var service in plan.Spec.Services.Where(s => query.Host is null || s.LocalHost == query.Host))
        {
            foreach (var consumer in service.Consumers.Where(c => query.From is null || c == query.From))
            {
                foreach (var port in service.Ports.Where(p => (query.Port is null || p.Number == query.Port) && query.Version is null))
                {
                    var walk = new EndpointDiscoveryWalk(views, service, views[consumer], port.Number) { Record = recordHops };
                    var failure = walk.Run();
                    if (failure is null && !keepOk)
                    {
                        continue;
                    }

                    paths.Add(new TracedPath { From = consumer, Host = service.LocalHost, Port = port.Number, Hops = walk.Hops.ToImmutable(), Failure = failure });
                }
            }
        }
    }

    /// <summary>
    /// Which cluster's gateway an address is, read from the rendered gateway Services: an IP the Service requests from
    /// the load balancer (<c>spec.loadBalancerIP</c>, an annotation; assumed honoured) or lists in <c>spec.externalIPs</c>.
    /// Addresses no object names (host names, node addresses, unrequested IPs) are resolved by the endpoint's
    /// <c>cluster</c> label instead, with that assumption stated.
    /// </summary>
    private static Dictionary<string, (string Cluster, string? Assumption)> GatewayOwnersFrom(IEnumerable<ClusterView> views)
    {
        var owners = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        foreach (var view in views.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            foreach (var service in view.GatewayServices.Where(g => g.Ports.ContainsKey(WellKnownPorts.CrossNetwork)))
            {
                foreach (var ip in service.ExternalIps)
                {
                    owners.TryAdd(ip, (view.Name, null));
                }

                if (service.Type != "LoadBalancer")
                {
                    continue;
                }

                if (service.LoadBalancerIp is { } requested)
                {
                    owners.TryAdd(requested, (view.Name, $"assumes the load balancer honours spec.loadBalancerIP {requested} of Service {view.Name}/istio-system/{service.Name}"));
                }

                foreach (var (key, value) in service.Annotations.Where(a => a.Key != Istio.MultiPrimaryInstall.SkipAwaitAnnotation && Config.Names.IsIpAddress(a.Value)))
                {
                    owners.TryAdd(value, (view.Name, $"assumes the load-balancer controller assigns {value} (annotation {key} of Service {view.Name}/istio-system/{service.Name})"));
                }
            }
        }

        return owners;
    }

    /// <summary>Dead paths as error diagnostics (at most <paramref name="limit"/>, then one line counting the rest).</summary>
    public static ImmutableArray<Diagnostic> Diagnostics(IEnumerable<TracedPath> paths, int limit = 50)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var dead = paths.Where(p => !p.IsOk).ToList();
        var result = dead.Take(limit).Select(p => p.Failure!.ToDiagnostic(p, "meshstack:services")).ToList();
        if (dead.Count > limit)
        {
            result.Add(dead[limit].Failure!.MorePaths("meshstack:services", dead.Count - limit));
        }

        return [.. result];
    }

    /// <summary>
    /// What every walk of one trace shares: the cluster views, whose gateway each address is, the expanded endpoints of
    /// each ServiceEntry (the entries are immutable), and the home-side verdicts of the service being traced.
    /// </summary>
    private sealed class SharedWork(Dictionary<string, ClusterView> views, Dictionary<string, (string Cluster, string? Assumption)> gatewayOwners)
    {
        public Dictionary<string, ClusterView> Views { get; } = views;

        /// <summary>The cluster whose gateway an explicit address is, from the rendered gateway Services, and what that assumes.</summary>
        public Dictionary<string, (string Cluster, string? Assumption)> GatewayOwners { get; } = gatewayOwners;

        /// <summary>
        /// ServiceEntry endpoints by (cluster, entry, port name): an entry that selects pods expands in its own cluster;
        /// one with endpoints expands the same in every cluster that holds it (cluster null).
        /// </summary>
        public Dictionary<(ClusterView? Cluster, ServiceEntryModel Entry, string PortName), (List<Endpoint>, TraceFinding?)> Expanded { get; } = new(ExpansionKeyComparer.Instance);

        /// <summary>The last expansion looked up, which the next walk most often asks for again.</summary>
        public ((ClusterView? Cluster, ServiceEntryModel Entry, string PortName) Key, (List<Endpoint>, TraceFinding?) Value)? LastExpansion { get; set; }

        /// <summary>Subset labels as an array, by the labels' instance: enumerating an ImmutableDictionary allocates.</summary>
        public KeyValuePair<string, string>[] Pairs(ImmutableDictionary<string, string> labels)
        {
            if (labels.IsEmpty)
            {
                return [];
            }

            if (!pairs.TryGetValue(labels, out var array))
            {
                pairs[labels] = array = [.. labels];
            }

            return array;
        }

        private readonly Dictionary<ImmutableDictionary<string, string>, KeyValuePair<string, string>[]> pairs = new(ReferenceEqualityComparer.Instance);

        /// <summary>The home side of the current service by (home cluster, port, version).</summary>
        public Dictionary<(ClusterView Home, int Port, string? Version), HomeSide> HomeSides { get; } = [];
    }

    /// <summary>An expansion key by the identity of its cluster and entry (the same instance), and its port name.</summary>
    private sealed class ExpansionKeyComparer : IEqualityComparer<(ClusterView? Cluster, ServiceEntryModel Entry, string PortName)>
    {
        public static ExpansionKeyComparer Instance { get; } = new();

        public bool Equals((ClusterView? Cluster, ServiceEntryModel Entry, string PortName) x, (ClusterView? Cluster, ServiceEntryModel Entry, string PortName) y) =>
            ReferenceEquals(x.Cluster, y.Cluster) && ReferenceEquals(x.Entry, y.Entry) && string.Equals(x.PortName, y.PortName, StringComparison.Ordinal);

        public int GetHashCode((ClusterView? Cluster, ServiceEntryModel Entry, string PortName) key) =>
            HashCode.Combine(key.Cluster is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Cluster),
                System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Entry), key.PortName.Length);
    }

    /// <summary>
    /// What a home gateway does with a connection for one service port and version, whoever the caller is: the first
    /// failure up to the identity check, the pods whose identity the caller's entry must accept, and the failure after it.
    /// </summary>
    private sealed class HomeSide
    {
        public required int PeerPort { get; init; }

        public TraceFailure? Failure { get; init; }

        public GatewayServerModel? Server { get; init; }

        public string Target { get; init; } = "";

        public List<Endpoint> Kept { get; init; } = [];

        /// <summary>The modelled pod of each kept endpoint that is one, in order.</summary>
        public List<PodModel> Pods { get; init; } = [];

        /// <summary>The failure after the identity check (a pod that does not listen on its port).</summary>
        public TraceFailure? Deaf { get; init; }

        /// <summary>The hop text of a live path through this gateway (built once, when first recorded).</summary>
        public string? Hop { get; set; }
    }

    /// <summary>One path's walk; hops are recorded as it goes, the first failure ends it.</summary>
    private sealed class Walk(
        MeshSpec spec, SharedWork shared, ServiceSpec service, string host, ClusterView caller, int port, string? version,
        IReadOnlyList<ServiceEntryModel> entries, DestinationRuleModel? callerRule)
    {
        private ImmutableArray<string>.Builder? hops;

        /// <summary>What each hop did, in order; nothing is allocated for a path that records none.</summary>
        public ImmutableArray<string> Hops => hops?.ToImmutable() ?? [];

        /// <summary>False when only the failure matters: hops of live paths are not formatted.</summary>
        public bool Record { get; init; } = true;

        private Dictionary<string, ClusterView> Views => shared.Views;

        private Dictionary<string, (string Cluster, string? Assumption)> GatewayOwners => shared.GatewayOwners;

        /// <summary>The caller's ServiceEntry: its subjectAltNames are the identities the caller's sidecar accepts.</summary>
        private ServiceEntryModel? callerEntry;

        private string Host => host;

        private string Sni => IstioRules.Sni(port, version, Host);

        private void AddHop(string hop) => (hops ??= ImmutableArray.CreateBuilder<string>()).Add(hop);

        public TraceFailure? Run()
        {
            var sidecar = caller.SidecarHop;
            if (entries.Count == 0)
            {
                return Die(Codes.TraceDns, caller.DnsHop, TraceFinding.NoServiceEntry(caller.Name, Host), DnsRule);
            }

            var entry = entries[0];
            callerEntry = entry;
            if (entry.Addresses.IsEmpty)
            {
                return Die(Codes.TraceDns, caller.DnsHop, TraceFinding.EntryHasNoAddress(entry.Namespace, entry.Name, Host), DnsRule);
            }

            if (DnsFailure(entry) is { } dnsFailure)
            {
                return dnsFailure;
            }

            if (Record)
            {
                AddHop($"{caller.Name}: DNS ({caller.Dns}) {Host} → {entry.Addresses[0]} (ServiceEntry {entry.Namespace}/{entry.Name})");
            }

            var sePort = PortNumbered(entry, port);
            if (sePort.Number == 0)
            {
                return Die(Codes.TraceNoCallerCluster, sidecar, TraceFinding.EntryHasNoPort(entry.Namespace, entry.Name, port), ClusterRule);
            }

            if (string.Equals(sePort.Protocol, "UDP", StringComparison.OrdinalIgnoreCase))
            {
                return Die(Codes.TraceNoCallerCluster, sidecar, TraceFinding.UdpPort(port), ClusterRule);
            }

            var rule = callerRule;
            if (SubsetLabels(rule) is not { } subsetLabels)
            {
                return Die(Codes.TraceNoCallerCluster, sidecar, TraceFinding.NoCallerSubset(caller.Name, version!, Host, Sni), ClusterRule);
            }

            var (endpoints, bad) = Expand(caller, entry, sePort.Name);
            if (bad is not null)
            {
                return Die(Codes.TraceNoEndpoints, sidecar, bad, EndpointRule);
            }

            var kept = new List<Endpoint>();
            var subsetPairs = shared.Pairs(subsetLabels);
            var viewFilters = IstioRules.ViewFilters(spec.IstioVersion, entry.Resolution);
            foreach (var ep in endpoints)
            {
                if (!IstioRules.InSubset(subsetPairs, ep) || (viewFilters && !IstioRules.Visible(caller.SidecarView, ep.Network)))
                {
                    continue;
                }

                var decision = IstioRules.ByNetwork(caller.Cluster.Network, caller.NetworksWithGateway, ep, IstioRules.MtlsEnabled(rule, version, ep));
                if (decision == NetworkDecision.ViaNetworkGateway)
                {
                    return Die(Codes.TraceBypass, sidecar, TraceFinding.UnplannedNetworkGateway(Describe(ep), ep.Network, caller.Name), EndpointRule);
                }

                if (decision == NetworkDecision.Direct)
                {
                    kept.Add(ep);
                }
            }

            if (kept.Count == 0)
            {
                return Die(Codes.TraceNoEndpoints, sidecar, TraceFinding.NoEndpointAfterSubsetAndNetwork(Sni), EndpointRule);
            }

            if (Record)
            {
                AddHop($"{sidecar}: cluster {Sni} → {string.Join(", ", kept.Select(Describe))}");
            }

            foreach (var ep in kept)
            {
                if (!IstioRules.SendsIstioMutual(rule, version, ep))
                {
                    return Die(Codes.TraceNoListener, sidecar, TraceFinding.PlainTextToGateway(Describe(ep)), SniRule);
                }

                var failure = Target(ep) switch
                {
                    (Kind.Egress, _) => EgressHop(entry, sePort.Name),
                    (Kind.Remote, var home) when service.Route == RouteMode.Egress => Die(Codes.TraceBypass, sidecar, TraceFinding.EgressBypassed(Describe(ep), home!), ViewRule),
                    (Kind.Remote, var home) => RemoteHop(Views[home!], ep),
                    _ => Die(Codes.TraceBypass, sidecar, TraceFinding.NeitherHomeNorEgressGateway(Describe(ep), caller.Name), EndpointRule),
                };
                if (failure is not null)
                {
                    return failure;
                }
            }

            return null;
        }

        /// <summary>The name resolves, and to the address the caller's ServiceEntry listens on.</summary>
        private TraceFailure? DnsFailure(ServiceEntryModel entry)
        {
            var hop = caller.DnsHop;
            switch (caller.Dns)
            {
                case DnsAnswerer.None:
                    return Die(Codes.TraceDns, hop, TraceFinding.NothingAnswers(Host), DnsRule);
                case DnsAnswerer.HostsZone when !caller.HostsZone.TryGetValue(Host, out _):
                    return Die(Codes.TraceDns, hop, TraceFinding.NoGlobalZoneLine(Host), DnsRule);
                case DnsAnswerer.HostsZone when caller.HostsZone[Host] != entry.Addresses[0]:
                    return Die(Codes.TraceDns, hop, TraceFinding.GlobalZoneMismatch(Host, caller.HostsZone[Host], entry.Addresses[0]), DnsRule);
                default:
                    return null;
            }
        }

        private TraceFailure? EgressHop(ServiceEntryModel entry, string portName)
        {
            var hop = caller.EgressGatewayHop;
            if (!caller.HasEgressGateway)
            {
                return Die(Codes.TraceBypass, hop, TraceFinding.NoEgressGateway(caller.Name), EndpointRule);
            }

            var server = IstioRules.PassthroughServer(caller.Servers, RoutingPlanner.EgressSelector, WellKnownPorts.CrossNetwork, Host);
            if (server is null)
            {
                return Die(Codes.TraceNoListener, hop, TraceFinding.NoEgressListener(Host), ListenerRule);
            }

            if (!caller.EgressBuildsSniDnatClusters)
            {
                return Die(Codes.TraceNoGatewayCluster, hop, TraceFinding.EgressNotSniDnat(Sni), RouterModeRule);
            }

            var rule = callerRule;
            var subsetLabels = SubsetLabels(rule);
            if (subsetLabels is null)
            {
                return Die(Codes.TraceNoGatewayCluster, hop, TraceFinding.NoEgressSubset(Sni, version!, Host), SniDnatRule);
            }

            var (endpoints, bad) = Expand(caller, entry, portName);
            if (bad is not null)
            {
                return Die(Codes.TraceNoEndpoints, hop, bad, EndpointRule);
            }

            var kept = KeptAtGateway(caller, IstioRules.ViewFilters(spec.IstioVersion, entry.Resolution) ? caller.EgressView : null, rule, subsetLabels, endpoints);
            if (kept.Count == 0)
            {
                return Die(Codes.TraceNoEndpoints, hop, TraceFinding.NoEndpointAfterEgressFilters(Sni), MtlsFilterRule);
            }

            if (Record)
            {
                AddHop($"{hop}: {server.Gateway} 15443 SNI {Sni} → {string.Join(", ", kept.Select(Describe))}");
            }

            foreach (var ep in kept)
            {
                var failure = Target(ep) switch
                {
                    (Kind.Remote, var home) => RemoteHop(Views[home!], ep),
                    (Kind.Egress, _) => Die(Codes.TraceBypass, hop, TraceFinding.EgressSeesItself(Describe(ep)), ViewRule),
                    _ => Die(Codes.TraceBypass, hop, TraceFinding.NotAHomeGateway(Describe(ep)), EndpointRule),
                };
                if (failure is not null)
                {
                    return failure;
                }
            }

            return null;
        }

        // What a gateway's SNI-DNAT cluster keeps: the subset's endpoints its network view shows, mTLS ones only
        // where the filter applies, and none that would need yet another network's gateway.
        private List<Endpoint> KeptAtGateway(ClusterView at, ImmutableHashSet<string>? view, DestinationRuleModel? rule, ImmutableDictionary<string, string> subsetLabels, IEnumerable<Endpoint> endpoints) =>
            endpoints
                .Where(e => IstioRules.InSubset(subsetLabels, e) && IstioRules.Visible(view, e.Network))
                .Where(e => !FiltersMtls || IstioRules.MtlsEnabled(rule, version, e))
                .Where(e => IstioRules.ByNetwork(at.Cluster.Network, at.NetworksWithGateway, e, true) == NetworkDecision.Direct)
                .ToList();

        private TraceFailure? RemoteHop(ClusterView home, Endpoint ep)
        {
            var hop = home.GatewayHop;
            if (!shared.HomeSides.TryGetValue((home, port, version), out var side))
            {
                shared.HomeSides[(home, port, version)] = side = HomeSideOf(home);
            }

            if (ep.Port != side.PeerPort)
            {
                return Die(Codes.TraceBypass, hop, TraceFinding.NotCrossNetworkPort(Describe(ep), side.PeerPort), EndpointRule);
            }

            if (side.Failure is { } failure)
            {
                return Die(failure);
            }

            // The caller's sidecar checks the pod's certificate against the service's accounts: the entry's
            // subjectAltNames (conversion.go@1.30.3:309; none: any certificate under the root is accepted).
            if (callerEntry is { SubjectAltNames.IsEmpty: false } accepting
                && side.Pods.FirstOrDefault(pod => !accepting.SubjectAltNames.Contains(PodIdentity(home, pod))) is { } stranger)
            {
                return Die(Codes.TraceIdentity, hop,
                    TraceFinding.IdentityNotAccepted(stranger.Namespace, stranger.Name, PodIdentity(home, stranger), caller.Name, accepting.Namespace, accepting.Name, accepting.SubjectAltNames),
                    IdentityRule);
            }

            if (side.Deaf is { } deaf)
            {
                return Die(deaf);
            }

            if (Record)
            {
                if (AddressAssumption(ep, home) is { } assumption)
                {
                    AddHop($"{hop}: reached at {Describe(ep)}: {assumption}");
                }

                AddHop(side.Hop ??= $"{hop}: {side.Server!.Gateway} 15443 SNI {Sni} → {side.Target} → {string.Join(", ", side.Kept.Select(e => $"{e.Pod ?? Describe(e)}:{e.Port}"))}");
            }

            return null;
        }

        /// <summary>The home gateway's verdict for this service port and version, computed once per home for every caller.</summary>
        private HomeSide HomeSideOf(ClusterView home)
        {
            var hop = home.GatewayHop;
            var peerPort = PeerPort(home);
            var server = IstioRules.PassthroughServer(home.Servers, home.HomeGatewaySelector, WellKnownPorts.CrossNetwork, Host);
            if (server is null)
            {
                return Dead(Codes.TraceNoListener, TraceFinding.NoHomeListener(Host, home.HomeGatewaySelector), ListenerRule);
            }

            // Legacy: the profile's filter rewrites the SNI's .global to .svc.cluster.local (tcp_cluster_rewrite).
            var target = home.Profile == Profile.LegacyGateways ? service.LocalHost : Host;
            var rule = home.RuleFor(target);
            var subsetLabels = SubsetLabels(rule);
            if (subsetLabels is null)
            {
                return Dead(Codes.TraceNoGatewayCluster, TraceFinding.NoHomeSubset(home.Name, version!, target, Sni), SniDnatRule);
            }

            var (endpoints, bad) = HomeEndpoints(home, target);
            if (bad is not null)
            {
                return Dead(Codes.TraceNoGatewayCluster, bad, SniDnatRule);
            }

            // Legacy: the home gateway's cluster is the Kubernetes service's, EDS, which a 1.6/1.7 view does not filter.
            var kept = KeptAtGateway(home, home.Profile == Profile.LegacyGateways ? null : home.HomeGatewayView, rule, subsetLabels, endpoints);
            if (kept.Count == 0)
            {
                var finding = endpoints.Count == 0 ? TraceFinding.HomeClusterEmpty(Sni, target) : TraceFinding.NoMtlsHomeEndpoint(Sni, target, endpoints.Count, version);
                return Dead(Codes.TraceNoPods, finding, MtlsFilterRule);
            }

            if (kept.All(e => e.Pod is null))
            {
                // The connection arrived at a gateway whose cluster for the SNI holds gateway addresses, not pods: this
                // gateway is not the service's home (an address another cluster's gateway Service requests), and
                // AUTO_PASSTHROUGH would send the mTLS on to another gateway or back to itself.
                return Dead(Codes.TraceNoPods, TraceFinding.OnlyGatewayAddresses(Sni, target, kept.Select(Describe), home.Name, Host), MtlsFilterRule);
            }

            // The caller's mTLS passes through the gateway to the pod: only an injected pod's sidecar terminates it.
            if (kept.FirstOrDefault(e => e.Pod is not null && e.TlsMode != RoutingPlanner.TlsModeIstio) is { } plain)
            {
                return Dead(Codes.TraceNoPods, TraceFinding.NoSidecar(plain.Pod!, service.Namespace), InjectionRule);
            }

            var pods = kept.Select(e => home.PodDescribedAs(e.Pod)).OfType<PodModel>().ToList();
            var deaf = kept.FirstOrDefault(e => e.PodListens is { } listens && !listens.Contains(e.Port)) is { } d
                ? new TraceFailure(Codes.TracePodPort, hop, TraceFinding.PodDoesNotListen(d.Pod!, d.Port, Host, port, d.PodListens!), PodPortRule)
                : null;
            return new HomeSide { PeerPort = peerPort, Server = server, Target = target, Kept = kept, Pods = pods, Deaf = deaf };

            HomeSide Dead(DiagnosticDescriptor code, TraceFinding finding, string upstreamRule) =>
                new() { PeerPort = peerPort, Failure = new TraceFailure(code, hop, finding, upstreamRule) };
        }

        /// <summary>
        /// The port peers reach the home gateway on, from its rendered Service: the nodePort of 15443 on a NodePort
        /// Service, else 15443; the legacy profile's ingress Service is the operator's, so the cluster's setting stands in.
        /// </summary>
        private static int PeerPort(ClusterView home)
        {
            var service = home.GatewayServices.FirstOrDefault(g => g.Ports.ContainsKey(WellKnownPorts.CrossNetwork));
            return service is null ? home.Cluster.Gateway.PeerPort
                : service.Type == "NodePort" && service.Ports[WellKnownPorts.CrossNetwork] is { } nodePort ? nodePort
                : WellKnownPorts.CrossNetwork;
        }

        /// <summary>What the trace assumed to reach the home gateway at the endpoint's address; null when nothing.</summary>
        private string? AddressAssumption(Endpoint ep, ClusterView home)
        {
            if (PlanRead.Text(ep.Address) is not { } text)
            {
                return null;  // a deploy-time address: the LoadBalancer status or a given output, shown as such
            }

            if (GatewayOwners.TryGetValue(text, out var owner))
            {
                return owner.Assumption;
            }

            return $"assumes {text} reaches {home.Name}'s gateway: no rendered object gives it that address, as with a host name, a node of a NodePort gateway or an IP nothing requests";
        }

        private static string PodIdentity(ClusterView home, PodModel pod) => $"spiffe://{home.TrustDomain}/ns/{pod.Namespace}/sa/{pod.ServiceAccount}";

        /// <summary>On current Istio an SNI-DNAT cluster keeps only mTLS endpoints; the 1.7 releases had no such filter.</summary>
        private bool FiltersMtls => spec.Profile == Profile.MultiPrimary;

        /// <summary>The endpoints the home gateway's istiod has for the service it routes the SNI to.</summary>
        private (List<Endpoint> Endpoints, TraceFinding? Bad) HomeEndpoints(ClusterView home, string target)
        {
            if (home.Profile == Profile.LegacyGateways)
            {
                // The Kubernetes Service NAME in NS selects app=NAME; Kubernetes endpoints take the pod's labels and
                // its tlsMode label (pilot/pkg/model/service.go, GetTLSModeFromEndpointLabels).
                // The endpoint port is the Service's targetPort (the plan's own Service where it has one, else the
                // declared targetPort or port); a named targetPort is the pod's port of that name.
                var pods = home.Pods.Where(p => p.Namespace == service.Namespace && p.Labels.TryGetValue(HomeRouting.AppLabel, out var app) && app == service.Name);
                var declared = service.Ports.First(p => p.Number == port);
                var serviceTarget = home.ServiceTargetPort(service.Namespace, service.Name, port);
                return (pods.Select(p => PodEndpoint(p, serviceTarget switch
                {
                    int number => number,
                    string name when p.NamedPorts.TryGetValue(name, out var named) => named,
                    string => 0,
                    _ => declared.PodPort,
                })).ToList(), null);
            }

            var entries = home.EntriesFor(target);
            if (entries.Count == 0)
            {
                var orphan = home.Orphans.FirstOrDefault(k => k == $"ServiceEntry/{service.Namespace}/{target}");
                return ([], orphan is null
                    ? TraceFinding.NoHomeService(home.Name, target, Sni)
                    : TraceFinding.NamespaceNeverCreated(home.Name, orphan, service.Namespace, Sni));
            }

            var entry = entries[0];
            var sePort = entry.Ports.FirstOrDefault(p => p.Number == port);
            if (sePort.Number == 0)
            {
                return ([], TraceFinding.HomeEntryHasNoPort(entry.Namespace, entry.Name, home.Name, port));
            }

            return Expand(home, entry, sePort.Name);
        }

        private static Endpoint PodEndpoint(PodModel pod, int endpointPort) =>
            new(pod.Name, endpointPort, pod.Labels, pod.Network,
                pod.Labels.TryGetValue(RoutingPlanner.TlsModeLabel, out var mode) ? mode : "disabled", $"pod {pod.Namespace}/{pod.Name}", pod.Listens);

        /// <summary>
        /// A ServiceEntry's endpoints: the pods its workloadSelector selects in its namespace, or its endpoints
        /// (pilot/pkg/serviceregistry/serviceentry/conversion.go). A host-name endpoint under STATIC resolution is
        /// reported: istiod refuses it and EDS would drop it.
        /// </summary>
        private (List<Endpoint> Endpoints, TraceFinding? Bad) Expand(ClusterView cluster, ServiceEntryModel entry, string portName)
        {
            var key = (entry.WorkloadSelector is null ? null : cluster, entry, portName);
            if (shared.LastExpansion is { } last && ExpansionKeyComparer.Instance.Equals(last.Key, key))
            {
                return last.Value;  // consecutive consumers of a service share its caller-side entry
            }

            if (!shared.Expanded.TryGetValue(key, out var result))
            {
                shared.Expanded[key] = result = ExpandOnce(cluster, entry, portName);
            }

            shared.LastExpansion = (key, result);
            return result;
        }

        /// <summary>The entry's first port with this number; the default (number 0) when it has none.</summary>
        private static (string Name, int Number, string Protocol, int? TargetPort) PortNumbered(ServiceEntryModel entry, int number)
        {
            foreach (var p in entry.Ports)
            {
                if (p.Number == number)
                {
                    return p;
                }
            }

            return default;
        }

        private (List<Endpoint> Endpoints, TraceFinding? Bad) ExpandOnce(ClusterView cluster, ServiceEntryModel entry, string portName)
        {
            if (entry.WorkloadSelector is { } selector)
            {
                var pods = cluster.Pods.Where(p => p.Namespace == entry.Namespace && selector.All(l => p.Labels.TryGetValue(l.Key, out var v) && v == l.Value));
                var sePort = entry.Ports.FirstOrDefault(p => p.Name == portName);
                return (pods.Select(p => PodEndpoint(p, IstioRules.SelectedPodPort(p.NamedPorts, sePort.Name, sePort.TargetPort, sePort.Number))).ToList(), null);
            }

            var list = new List<Endpoint>();
            var isStatic = PlanRead.Text(entry.Resolution) == "STATIC";
            foreach (var item in entry.Endpoints)
            {
                var address = PlanRead.At(item, "address");
                if (address is null)
                {
                    continue;
                }

                if (isStatic && PlanRead.Text(address) is { } text && !Config.Names.IsIpAddress(text))
                {
                    return ([], TraceFinding.StaticHostnameEndpoint(entry.Namespace, entry.Name, text));
                }

                var labels = PlanRead.Labels(PlanRead.At(item, "labels"));
                var epPort = PlanRead.Number(PlanRead.At(item, "ports", portName)) ?? port;
                list.Add(new Endpoint(address, epPort, labels, PlanRead.Text(PlanRead.At(item, "network")) ?? "",
                    Endpoint.TlsModeOfWorkloadEntry(labels, PlanRead.Text(PlanRead.At(item, "serviceAccount")))));
            }

            return (list, null);
        }

        /// <summary>The subset's labels (empty for the whole service); null when the subset is not defined.</summary>
        private ImmutableDictionary<string, string>? SubsetLabels(DestinationRuleModel? rule)
        {
            if (version is null)
            {
                return ImmutableDictionary<string, string>.Empty;
            }

            foreach (var subset in rule?.Subsets ?? [])
            {
                if (subset.Name == version)
                {
                    return subset.Labels;
                }
            }

            return null;
        }

        private (Kind Kind, string? Cluster) Target(Endpoint ep)
        {
            switch (ep.Address)
            {
                case Deferred { Ref: GatewayAddressOf g }:
                    return (Kind.Remote, g.Cluster);
                case Deferred { Ref: EgressGatewayIpOf e } when e.Cluster == caller.Name:
                    return (Kind.Egress, e.Cluster);
                case Deferred { Ref: EgressEndpointFor e } when e.Consumer == caller.Name:
                    return (Kind.Egress, e.Consumer);
                case Scalar { Content: string text }:
                    if (text == RoutingPlanner.EgressServiceHost)
                    {
                        return (Kind.Egress, caller.Name);
                    }

                    if (GatewayOwners.TryGetValue(text, out var owner))
                    {
                        return (Kind.Remote, owner.Cluster);
                    }

                    // No rendered object gives a gateway this address: the endpoint's cluster label says whose it is meant to be.
                    return ep.Labels.TryGetValue("cluster", out var labelled) && Views.ContainsKey(labelled) ? (Kind.Remote, labelled) : (Kind.Unknown, null);
                default:
                    return (Kind.Unknown, null);
            }
        }

        private static string Describe(Endpoint ep)
        {
            var address = ep.Address switch
            {
                Scalar s => Convert.ToString(s.Content, System.Globalization.CultureInfo.InvariantCulture),
                Deferred d => $"<{d.Ref.Describe()}>",
                _ => "?",
            };
            return $"{address}:{ep.Port}{(ep.Network.Length == 0 ? "" : $" (network {ep.Network})")}";
        }

        private TraceFailure Die(DiagnosticDescriptor code, string hop, TraceFinding finding, string rule) => Die(new TraceFailure(code, hop, finding, rule));

        private TraceFailure Die(TraceFailure failure)
        {
            AddHop($"{failure.Hop}: dies: {failure.Message}");
            return failure;
        }
    }

    private enum Kind
    {
        Unknown,
        Remote,
        Egress,
    }
}
