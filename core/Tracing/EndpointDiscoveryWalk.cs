using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using MeshStack.Core.Routing;

namespace MeshStack.Core.Tracing;

/// <summary>
/// One path of endpoint discovery (<c>discovery: endpoints</c> or <c>both</c>): a caller reaches
/// <c>NAME.NS.svc.cluster.local</c> the way istiod and Envoy of current Istio carry it between networks: the caller's
/// istiod reads the home cluster through its remote secret → the sidecar's DNS proxy answers for the name → the
/// sidecar's cluster holds the home pods, each replaced by its network's gateway because it is mTLS and on another
/// network → the home east-west gateway's <c>*.local</c> AUTO_PASSTHROUGH server → its SNI-DNAT cluster keeps the mTLS
/// pods of its own network → the pods.
/// </summary>
internal sealed class EndpointDiscoveryWalk(Dictionary<string, ClusterView> views, ServiceSpec service, ClusterView caller, int port)
{
    private const string SecretRule = "pkg/kube/multicluster/secretcontroller.go (a Secret labelled istio/multiCluster=true in istiod's namespace adds one cluster per data key, the key being its cluster ID) and pilot/pkg/serviceregistry/aggregate/controller.go";
    private const string NameTableRule = "pkg/dns/server/name_table.go (BuildNameTable: every Kubernetes service of every registry, remote clusters included, answers with its ClusterIP)";
    private const string ClusterRule = "pilot/pkg/networking/core/cluster.go (buildOutboundClusters: one cluster per service port, none for UDP)";
    private const string NetworkRule = "pilot/pkg/xds/endpoints/ep_filters.go (EndpointsByNetworkFilter: an mTLS endpoint on another network is replaced by its network's gateway, a plain-text one is dropped; without a gateway it is sent to directly) and pilot/pkg/model/network.go (network gateways from Services labelled topology.istio.io/network, from every cluster istiod reads)";
    private const string MtlsRule = "pilot/pkg/networking/core/cluster_tls.go (auto mTLS: ISTIO_MUTUAL, SNI = the cluster name, to endpoints labelled tlsMode istio)";
    private const string ListenerRule = "pilot/pkg/networking/core/gateway.go (AUTO_PASSTHROUGH servers become SNI filter chains); samples/multicluster/expose-services.yaml (*.local on 15443)";
    private const string GatewaySourceRule = "pilot/pkg/model/network.go@1.30.3:147-161 (meshNetworks gateways with an address) and pilot/pkg/serviceregistry/kube/controller/network.go@1.30.3:270-352 (a Service labelled topology.istio.io/network listening on 15443, at each address conversion.go@1.30.3:117-158 finds)";
    private const string SniDnatRule = "pilot/pkg/networking/core/cluster.go (buildOutboundSniDnatClusters) and pilot/pkg/xds/endpoints/endpoint_builder.go (EndpointsWithMTLSFilter: only mTLS endpoints)";

    public ImmutableArray<string>.Builder Hops { get; } = ImmutableArray.CreateBuilder<string>();

    public bool Record { get; init; } = true;

    private string Host => service.LocalHost;

    private string Sni => IstioRules.Sni(port, null, Host);

    public TraceFailure? Run()
    {
        var sidecar = $"{caller.Name} sidecar";
        var homes = new List<ClusterView>();
        foreach (var home in service.HomeClusters.Select(h => views[h]))
        {
            if (!caller.RemoteClusters.TryGetValue(home.ClusterId, out var server))
            {
                return Die(Codes.TraceNoRemoteSecret, $"{caller.Name} istiod",
                    TraceFinding.NoRemoteSecret(home.ClusterId, caller.Name, Host, home.Name), SecretRule);
            }

            if (server != home.Cluster.ApiServer)
            {
                return Die(Codes.TraceNoRemoteSecret, $"{caller.Name} istiod",
                    TraceFinding.RemoteSecretReadsOtherServer(home.ClusterId, server, home.Name, home.Cluster.ApiServer), SecretRule);
            }

            homes.Add(home);
        }

        if (Record)
        {
            Hops.Add($"{caller.Name} istiod: reads {string.Join(", ", homes.Select(h => $"{h.Name} ({h.Cluster.ApiServer})"))} through remote secrets");
        }

        if (!caller.DnsCapture)
        {
            return Die(Codes.TraceLocalDns, $"{caller.Name} DNS",
                TraceFinding.NoDnsCapture(Host, service.HomeClusters, caller.Name), NameTableRule);
        }

        if (service.Ports.FirstOrDefault(p => p.Number == port) is not { } servicePort || string.Equals(servicePort.Protocol, "UDP", StringComparison.OrdinalIgnoreCase))
        {
            return Die(Codes.TraceNoCallerCluster, sidecar, TraceFinding.NotTcpPort(port, Host), ClusterRule);
        }

        if (Record)
        {
            Hops.Add($"{caller.Name}: DNS (sidecar proxy) {Host} → its ClusterIP, from the registry of {string.Join(", ", service.HomeClusters)}");
        }

        // istiod learns each network's gateway from its meshNetworks and from the labelled Services of every cluster it
        // reads (its own, and each remote secret's): only those with an address by a mechanism istiod reads count.
        var read = views.Values.Where(v => v == caller || (v.ClusterId.Length > 0 && caller.RemoteClusters.TryGetValue(v.ClusterId, out var s) && s == v.Cluster.ApiServer));
        var networkGateways = NetworkGateways.For(caller, read);
        var gateways = networkGateways.Networks;
        var rule = caller.RuleFor(Host);
        var viaGateway = new List<(ClusterView Home, Endpoint Endpoint)>();
        var direct = new List<Endpoint>();
        foreach (var home in homes)
        {
            foreach (var ep in Pods(home).Where(e => IstioRules.Visible(caller.SidecarView, e.Network)))
            {
                switch (IstioRules.ByNetwork(caller.Cluster.Network, gateways, ep, IstioRules.MtlsEnabled(rule, null, ep)))
                {
                    case NetworkDecision.ViaNetworkGateway:
                        viaGateway.Add((home, ep));
                        break;
                    case NetworkDecision.Direct when ep.Network.Length > 0 && ep.Network != caller.Cluster.Network:
                        return Die(Codes.TraceBypass, sidecar,
                            TraceFinding.NoGatewayForNetwork(ep.Pod!, ep.Network, caller.Name, caller.Cluster.Network), NetworkRule);
                    case NetworkDecision.Direct:
                        // Same network (one flat network of several clusters): the pod is sent to as is
                        // (pilot/pkg/xds/endpoints/ep_filters.go@1.30.3:155, b.proxy.InNetwork(epNetwork)).
                        direct.Add(ep);
                        break;
                }
            }
        }

        if (viaGateway.Count == 0 && direct.Count == 0)
        {
            return Die(Codes.TraceNoEndpoints, sidecar, TraceFinding.NoEndpointAfterNetworkFilter(port, Host), NetworkRule);
        }

        if (Record)
        {
            foreach (var ep in direct)
            {
                Hops.Add($"{sidecar}: cluster outbound|{port}||{Host} → {ep.Pod}:{ep.Port} (network {ep.Network}, the sidecar's own: sent to directly)");
            }
        }

        foreach (var group in viaGateway.GroupBy(v => v.Home))
        {
            var home = group.Key;
            if (group.Any(v => !IstioRules.SendsIstioMutual(rule, null, v.Endpoint)))
            {
                return Die(Codes.TraceNoListener, sidecar, TraceFinding.PlainTextTowardsGateway(home.Name), MtlsRule);
            }

            foreach (var gateway in networkGateways.Select(home.Cluster.Network, home.ClusterId))
            {
                var (owner, assumption, problem) = Owner(gateway);
                if (Record)
                {
                    // A Service's own gateway wins for its cluster's endpoints; meshNetworks is what istiod uses while it has none.
                    var fallback = gateway.Cluster.Length == 0 ? null : networkGateways.All
                        .Where(g => g.Network == gateway.Network && g.Cluster.Length == 0)
                        .Select(g => $"without it, meshNetworks {Describe(g.Address)}:{g.Port}")
                        .FirstOrDefault();
                    var assumed = string.Join("; ", new[] { gateway.Assumption, assumption, fallback }.OfType<string>());
                    Hops.Add($"{sidecar}: cluster outbound|{port}||{Host} → {Describe(gateway.Address)}:{gateway.Port} " +
                             $"(network {home.Cluster.Network} gateway from {gateway.Source}, for {group.Count()} mTLS pod(s){(assumed.Length == 0 ? "" : $"; {assumed}")})");
                }

                if (owner is null)
                {
                    return Die(Codes.TraceBypass, sidecar, problem!, GatewaySourceRule);
                }

                if (GatewayHop(owner, home) is { } failure)
                {
                    return failure;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Which cluster's east-west gateway a network gateway address leads to. A Service's own address leads to it; a
    /// meshNetworks address to the gateway Service on that network that has it (requested from the load balancer, or in
    /// externalIPs), else, on the same port, to a NodePort gateway (the address assumed to be one of its nodes) or a
    /// LoadBalancer one that requests nothing (the address assumed to reach it).
    /// </summary>
    private (ClusterView? Owner, string? Assumption, TraceFinding? Problem) Owner(NetworkGatewayModel gateway)
    {
        if (gateway.Cluster.Length > 0)
        {
            return (views.Values.First(v => v.ClusterId == gateway.Cluster), null, null);
        }

        var address = PlanRead.Text(gateway.Address) ?? "";
        var candidates = views.Values.OrderBy(v => v.Name, StringComparer.Ordinal)
            .SelectMany(v => v.GatewayServices.Where(g => g.Network == gateway.Network && g.Ports.ContainsKey(WellKnownPorts.CrossNetwork)).Select(g => (View: v, Service: g)))
            .ToList();
        foreach (var (v, g) in candidates.Where(c => gateway.Port == WellKnownPorts.CrossNetwork))
        {
            if (g.Type == "LoadBalancer" && (g.LoadBalancerIp == address || g.Annotations.Any(a => a.Value == address)))
            {
                return (v, $"{address} is what Service {v.Name}/istio-system/{g.Name} requests from the load balancer", null);
            }

            if (g.ExternalIps.Contains(address))
            {
                return (v, null, null);
            }
        }

        if (candidates.FirstOrDefault(c => c.Service.Type == "NodePort" && c.Service.Ports[WellKnownPorts.CrossNetwork] == gateway.Port) is { View: not null } node)
        {
            return (node.View, $"assumes {address} is a node of {node.View.Name} (NodePort {gateway.Port} of Service {node.Service.Name})", null);
        }

        if (candidates.FirstOrDefault(c => c.Service.Type == "LoadBalancer" && gateway.Port == WellKnownPorts.CrossNetwork) is { View: not null } lb)
        {
            return (lb.View, $"assumes {address} reaches Service {lb.View.Name}/istio-system/{lb.Service.Name}, which requests no address", null);
        }

        return (null, null,
            TraceFinding.NoServiceAtMeshNetworksGateway(address, gateway.Port, gateway.Network, GatewayServiceModel.NetworkLabel));
    }

    private TraceFailure? GatewayHop(ClusterView gateway, ClusterView home)
    {
        var hop = $"{gateway.Name} gateway";
        var server = IstioRules.PassthroughServer(gateway.Servers, gateway.HomeGatewaySelector, WellKnownPorts.CrossNetwork, Host);
        if (server is null)
        {
            return Die(Codes.TraceNoListener, hop, TraceFinding.NoCrossNetworkListener(Host, gateway.HomeGatewaySelector), ListenerRule);
        }

        if (gateway != home && !gateway.RemoteClusters.ContainsKey(home.ClusterId))
        {
            return Die(Codes.TraceNoPods, hop, TraceFinding.GatewayDoesNotReadHome(Sni, gateway.Name, home.Name), SecretRule);
        }

        var rule = gateway.RuleFor(Host);
        var pods = Pods(home).ToList();
        var kept = pods
            .Where(e => IstioRules.Visible(gateway.HomeGatewayView, e.Network))
            .Where(e => IstioRules.MtlsEnabled(rule, null, e))
            .Where(e => IstioRules.ByNetwork(gateway.Cluster.Network, gateway.NetworksWithGateway, e, true) == NetworkDecision.Direct)
            .ToList();
        if (kept.Count == 0)
        {
            return Die(Codes.TraceNoPods, hop, pods.Count == 0 ? TraceFinding.CrossNetworkClusterEmpty(Sni) : TraceFinding.NoMtlsPodOnNetwork(Sni, pods.Count, gateway.Cluster.Network), SniDnatRule);
        }

        if (Record)
        {
            Hops.Add($"{hop}: {server.Gateway} 15443 SNI {Sni} → {Host} → {string.Join(", ", kept.Select(e => e.Pod))}");
        }

        return null;
    }

    // The Kubernetes Service NAME selects app=NAME; its endpoints carry the pods' labels and tlsMode (pilot/pkg/model/service.go).
    private IEnumerable<Endpoint> Pods(ClusterView home) =>
        home.Pods
            .Where(p => p.Namespace == service.Namespace && p.Labels.TryGetValue(HomeRouting.AppLabel, out var app) && app == service.Name)
            .Select(p => new Endpoint(p.Name, port, p.Labels, p.Network,
                p.Labels.TryGetValue(RoutingPlanner.TlsModeLabel, out var mode) ? mode : "disabled", $"pod {home.Name}/{p.Namespace}/{p.Name}"));

    private static string Describe(Value address) => address switch
    {
        Scalar s => Convert.ToString(s.Content, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
        Deferred d => $"<{d.Ref.Describe()}>",
        _ => "?",
    };

    private TraceFailure Die(DiagnosticDescriptor code, string hop, TraceFinding finding, string rule)
    {
        Hops.Add($"{hop}: dies: {finding.Text}");
        return new TraceFailure(code, hop, finding, rule);
    }
}
