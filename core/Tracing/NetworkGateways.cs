using System.Collections.Immutable;
using MeshStack.Core.Istio;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tracing;

/// <summary>
/// A gateway Service as the API server holds it after the gateway chart renders MeshStack's values: its network label,
/// type, ports (port → nodePort), <c>spec.loadBalancerIP</c>, annotations and <c>spec.externalIPs</c>
/// (manifests/charts/gateway/templates/service.yaml@1.30.3:1-72). Its LoadBalancer status exists only at deploy time.
/// </summary>
internal sealed record GatewayServiceModel(
    string Cluster,
    string Name,
    string? Network,
    string Type,
    ImmutableDictionary<int, int?> Ports,
    string? LoadBalancerIp,
    ImmutableDictionary<string, string> Annotations,
    ImmutableArray<string> ExternalIps)
{
    /// <summary>The annotation that makes a NodePort Service a network gateway at its nodes' ExternalIPs (annotation.TrafficNodeSelector).</summary>
    public const string NodeSelectorAnnotation = "traffic.istio.io/nodeSelector";

    /// <summary>
    /// The Service the gateway chart renders from its values: with <c>networkGateway</c> the chart labels it with the
    /// network and lists networkGatewayPorts (15021, 15443, 15012, 15017); otherwise <c>labels</c> and <c>service.ports</c>.
    /// </summary>
    public static GatewayServiceModel FromChartValues(string cluster, string name, MapValue values)
    {
        var networkGateway = PlanRead.Text(PlanRead.At(values, "networkGateway"));
        var network = string.IsNullOrEmpty(networkGateway) ? PlanRead.Text(PlanRead.At(values, "labels", NetworkLabel)) : networkGateway;
        var service = PlanRead.At(values, "service");
        var ports = string.IsNullOrEmpty(networkGateway)
            ? PlanRead.Items(PlanRead.At(service, "ports"))
                .Where(p => PlanRead.Number(PlanRead.At(p, "port")) is not null)
                .ToImmutableDictionary(p => PlanRead.Number(PlanRead.At(p, "port"))!.Value, p => PlanRead.Number(PlanRead.At(p, "nodePort")))
            : NetworkGatewayPorts;
        var annotations = PlanRead.Labels(PlanRead.At(values, "annotations")).SetItems(PlanRead.Labels(PlanRead.At(service, "annotations")));
        return new GatewayServiceModel(
            cluster,
            name,
            string.IsNullOrEmpty(network) ? null : network,
            PlanRead.Text(PlanRead.At(service, "type")) ?? "LoadBalancer",
            ports,
            PlanRead.Text(PlanRead.At(service, "loadBalancerIP")) is { Length: > 0 } ip ? ip : null,
            annotations,
            [.. PlanRead.Items(PlanRead.At(service, "externalIPs")).Select(PlanRead.Text).OfType<string>()]);
    }

    // The chart's networkGatewayPorts defaults (manifests/charts/gateway/values.yaml@1.30.3:136-148), no nodePorts.
    private static readonly ImmutableDictionary<int, int?> NetworkGatewayPorts =
        new[] { 15021, 15443, 15012, 15017 }.ToImmutableDictionary(p => p, _ => (int?)null);

    /// <summary>topology.istio.io/network (label.TopologyNetwork).</summary>
    public const string NetworkLabel = "topology.istio.io/network";
}

/// <summary>
/// One network gateway as istiod holds it (model.NetworkGateway): network, the cluster whose registry found it (empty
/// for a meshNetworks one), address, port, where it came from, and the assumption made where the address exists only
/// at deploy time.
/// </summary>
internal sealed record NetworkGatewayModel(string Network, string Cluster, Value Address, int Port, string Source, string? Assumption);

/// <summary>
/// The network gateways one istiod knows, built the way istiod builds them from what it reads: meshNetworks gateways
/// with an address (pilot/pkg/model/network.go@1.30.3:147-161), and for every cluster it reads (its own and each
/// remote secret's) the Services labelled <c>topology.istio.io/network</c> that listen on 15443
/// (kube/controller/network.go@1.30.3:314-352, getGatewayDetails), one gateway per address istiod finds for the
/// Service (network.go@1.30.3:270-311, extractGatewaysInner): LoadBalancer status, <c>spec.externalIPs</c>, or for a
/// NodePort Service with the nodeSelector annotation its nodes' ExternalIPs on the nodePort
/// (pilot/pkg/serviceregistry/kube/conversion.go@1.30.3:117-158).
/// </summary>
internal sealed class NetworkGateways
{
    private readonly List<NetworkGatewayModel> gateways = [];

    public IReadOnlyList<NetworkGatewayModel> All => gateways;

    /// <summary>The networks with at least one gateway.</summary>
    public ImmutableHashSet<string> Networks => [.. gateways.Select(g => g.Network)];

    public static NetworkGateways For(ClusterView istiod, IEnumerable<ClusterView> readClusters)
    {
        var result = new NetworkGateways();
        foreach (var (network, address, port) in istiod.MeshNetworkGateways)
        {
            result.gateways.Add(new NetworkGatewayModel(network, "", address, port, $"meshNetworks of {istiod.Name}'s istiod", null));
        }

        foreach (var cluster in readClusters)
        {
            foreach (var service in cluster.GatewayServices)
            {
                result.gateways.AddRange(FromService(cluster, service));
            }
        }

        return result;
    }

    /// <summary>
    /// The gateways for an endpoint of <paramref name="cluster"/> on <paramref name="network"/>: those of that network
    /// and cluster, else every one of the network (pilot/pkg/xds/endpoints/ep_filters.go@1.30.3:297-303, selectNetworkGateways).
    /// </summary>
    public IReadOnlyList<NetworkGatewayModel> Select(string network, string cluster)
    {
        var exact = gateways.Where(g => g.Network == network && g.Cluster == cluster && cluster.Length > 0).ToList();
        return exact.Count > 0 ? exact : gateways.Where(g => g.Network == network).ToList();
    }

    private static IEnumerable<NetworkGatewayModel> FromService(ClusterView cluster, GatewayServiceModel service)
    {
        // Only a labelled Service that listens on the mTLS gateway port is a sidecar network gateway.
        if (service.Network is not { } network || !service.Ports.TryGetValue(Model.WellKnownPorts.CrossNetwork, out var nodePort))
        {
            yield break;
        }

        var source = $"Service {cluster.Name}/istio-system/{service.Name}";
        if (service.Type == "LoadBalancer")
        {
            if (service.LoadBalancerIp is { } ip)
            {
                yield return new(network, cluster.ClusterId, ip, Model.WellKnownPorts.CrossNetwork, $"{source} LoadBalancer status",
                    $"assumes the load balancer honours spec.loadBalancerIP {ip}");
            }
            else if (service.Annotations.FirstOrDefault(a => a.Key != MultiPrimaryInstall.SkipAwaitAnnotation && Config.Names.IsIpAddress(a.Value)) is { Key: not null } requested)
            {
                yield return new(network, cluster.ClusterId, requested.Value, Model.WellKnownPorts.CrossNetwork, $"{source} LoadBalancer status",
                    $"assumes the load-balancer controller assigns the address annotation {requested.Key} asks for");
            }
            else
            {
                // Without skipAwait Pulumi waits for the LoadBalancer status, so a deployed Service has one; with it the
                // status is whatever the load balancer assigns, if anything.
                yield return new(network, cluster.ClusterId, new Deferred(new GatewayAddressOf(cluster.Name)), Model.WellKnownPorts.CrossNetwork, $"{source} LoadBalancer status",
                    service.Annotations.ContainsKey(MultiPrimaryInstall.SkipAwaitAnnotation)
                        ? "assumes the load balancer assigns an address, though nothing requests one and Pulumi does not wait for it"
                        : "assumes the load balancer assigns an address, which Pulumi waits for");
            }
        }

        foreach (var externalIp in service.ExternalIps)
        {
            yield return new(network, cluster.ClusterId, externalIp, Model.WellKnownPorts.CrossNetwork, $"{source} spec.externalIPs", null);
        }

        if (service.Type == "NodePort" && service.Annotations.TryGetValue(GatewayServiceModel.NodeSelectorAnnotation, out var selector) && nodePort is { } mapped)
        {
            yield return new(network, cluster.ClusterId, $"<ExternalIP of the {cluster.Name} nodes matching {selector}>", mapped, $"{source} nodeSelector",
                "assumes the selected nodes have ExternalIP addresses the peers reach");
        }
    }
}
