using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Istio;

/// <summary>
/// The multi-primary profile: Istio's own Helm charts <c>base</c>, <c>istiod</c> and <c>gateway</c> from the
/// official repository, the way Istio's "install multi-primary on different networks" guide installs them.
/// Every value written here is a key of the chart's upstream values.yaml (or, for the gateway chart, allowed by
/// its values.schema.json); tests check both against the 1.30.3 charts.
/// </summary>
internal static class MultiPrimaryInstall
{
    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster)
    {
        var version = context.Spec.IstioVersion.ToString();
        yield return Release(cluster, Stage.IstioBase, IstioCharts.BaseRelease, IstioCharts.BaseChart, version, BaseValues());
        yield return Release(cluster, Stage.ControlPlane, IstioCharts.IstiodRelease, IstioCharts.IstiodChart, version, IstiodValues(context, cluster));
        yield return Release(cluster, Stage.Gateways, IstioCharts.EastWestGateway, IstioCharts.GatewayChart, version, EastWestValues(cluster));
        if (cluster.EgressGateway)
        {
            yield return Release(cluster, Stage.Gateways, IstioCharts.EgressGateway, IstioCharts.GatewayChart, version, EgressValues());
        }
    }

    private static HelmRelease Release(ClusterSpec cluster, Stage stage, string name, string chart, string version, MapValue values) => new()
    {
        Cluster = cluster.Name,
        Stage = stage,
        Concern = Concern.Istio,
        Name = name,
        Namespace = KubeObjects.IstioSystem,
        Chart = chart,
        Version = version,
        Repository = IstioCharts.Repository,
        Values = values,
    };

    /// <summary>As Istio's Helm guide installs it (<c>--set defaultRevision=default</c>): istiod's webhooks serve the default revision.</summary>
    internal static MapValue BaseValues() => Value.Map(("defaultRevision", "default"));

    /// <summary>
    /// Mesh ID, cluster name and network (the three settings multi-network needs), the trust domain, and for
    /// DNS mode <c>proxy</c> the agent's DNS capture. <c>ISTIO_META_DNS_AUTO_ALLOCATE</c> is left out on purpose:
    /// istiod 1.30 warns that it is deprecated, and every <c>*.global</c> ServiceEntry MeshStack writes carries
    /// an address from the address pool, so nothing needs auto-allocation.
    /// </summary>
    internal static MapValue IstiodValues(PlanContext context, ClusterSpec cluster) => Value.Map(
        ("global", Value.Map(
            ("meshID", context.MeshId),
            ("multiCluster", Value.Map(("clusterName", cluster.Name))),
            ("network", cluster.Network),
            ("meshNetworks", GatewayAddressing.MeshNetworks(context.Spec)))),
        ("meshConfig", Value.Map(
            ("trustDomain", context.Spec.TrustDomain),
            ("defaultConfig", ProxyMetadata(context.Spec, cluster)))),
        ("env", MultiRoot(context.Spec)));

    /// <summary>
    /// While more than one root is trusted, ISTIO_MULTIROOT_MESH=true: istiod then applies a root-cert.pem that adds or drops
    /// a root (pilot/pkg/bootstrap/istio_ca.go@1.30.3:351-366; off by default, pilot/pkg/features/pilot.go@1.30.3:218) and
    /// pushes the bundle to the proxies (pilot/pkg/xds/pcds.go@1.30.3). Setting it in phase 1 and dropping it in phase 3
    /// changes istiod's Deployment, so those updates also roll istiod, whose new pods read the new cacerts at start.
    /// </summary>
    private static MapValue? MultiRoot(MeshSpec spec) =>
        spec.Trust.Roots.Length > 1 ? Value.Map(("ISTIO_MULTIROOT_MESH", "true")) : null;

    /// <summary>
    /// Sidecar metadata: DNS capture for DNS mode <c>proxy</c>, and the network view that keeps sidecars off
    /// <c>external</c> endpoints when the cluster uses egress routing (<see cref="Routing.EgressRouting"/>).
    /// </summary>
    private static MapValue? ProxyMetadata(MeshSpec spec, ClusterSpec cluster)
    {
        var view = Routing.EgressRouting.SidecarView(spec, cluster);
        var metadata = Value.Map(
            ("ISTIO_META_DNS_CAPTURE", cluster.Dns.Mode == DnsMode.Proxy ? (Value)"true" : null),
            ("ISTIO_META_REQUESTED_NETWORK_VIEW", view is null ? null : (Value)view));
        return metadata.Entries.IsEmpty ? null : Value.Map(("proxyMetadata", metadata));
    }

    /// <summary>
    /// The east-west gateway. With a LoadBalancer it is the chart's network gateway (<c>networkGateway</c>),
    /// exactly as Istio documents it (not awaited by Pulumi unless the address is <c>auto</c>): the chart then labels pods and Service with the network, sets
    /// <c>ISTIO_META_REQUESTED_NETWORK_VIEW</c>, and renders its own Service ports — status-port 15021 first,
    /// tls 15443, tls-istiod 15012, tls-webhook 15017 — ignoring <c>service.ports</c>. The chart cannot give
    /// those ports a nodePort, so with a nodePort MeshStack writes the same labels and variable itself and
    /// lists only 15021 (first, for load-balancer health checks) and 15443 with the configured nodePort.
    /// </summary>
    internal static MapValue EastWestValues(ClusterSpec cluster)
    {
        if (cluster.Gateway.NodePort is not { } nodePort)
        {
            return Value.Map(
                ("name", IstioCharts.EastWestGateway),
                ("labels", Value.Map(("istio", IstioCharts.EastWestGatewayLabel))),
                ("networkGateway", cluster.Network),
                ("service", LoadBalancerService(cluster)));
        }

        return Value.Map(
            ("name", IstioCharts.EastWestGateway),
            ("labels", Value.Map(
                ("istio", IstioCharts.EastWestGatewayLabel),
                ("topology.istio.io/network", cluster.Network))),
            ("env", Value.Map(("ISTIO_META_REQUESTED_NETWORK_VIEW", cluster.Network))),
            ("service", Value.Map(
                ("type", "NodePort"),
                ("ports", Value.List(
                    Port("status-port", WellKnownPorts.Status),
                    Port("tls", WellKnownPorts.CrossNetwork).With("nodePort", nodePort))))));
    }

    /// <summary>
    /// The LoadBalancer Service values: a given IP is asked for as <see cref="GatewayAddressing.RequestOf"/> says, with
    /// the gateway chart's own keys (<c>service.loadBalancerIP</c>, <c>service.annotations</c>, <c>service.externalIPs</c>:
    /// manifests/charts/gateway/templates/service.yaml@1.30.3:14-65).
    /// </summary>
    private static MapValue LoadBalancerService(ClusterSpec cluster)
    {
        if (cluster.Gateway.Address is GatewayAddress.Auto and not GatewayAddress.DeployTime)
        {
            return Value.Map(("type", "LoadBalancer"));
        }

        var ip = cluster.Gateway.Address is GatewayAddress.Ip { Value: var value } ? value : null;
        var request = GatewayAddressing.RequestOf(cluster);
        var annotations = request == AddressRequest.Annotation
            ? Value.SortedStrings([KeyValuePair.Create(GatewayAddressing.AnnotationOf(cluster), ip!), KeyValuePair.Create(SkipAwaitAnnotation, "true")])
            : Value.Map((SkipAwaitAnnotation, "true"));
        return Value.Map(
            ("type", "LoadBalancer"),
            ("loadBalancerIP", request == AddressRequest.LoadBalancerIp ? (Value)ip! : null),
            ("externalIPs", request == AddressRequest.ExternalIps ? Value.List(ip!) : null),
            ("annotations", annotations));
    }

    /// <summary>
    /// Pulumi waits up to 10 minutes for a LoadBalancer Service's ingress, then fails (pulumi-kubernetes
    /// <c>provider/pkg/await/service.go</c>). MeshStack needs that ingress only for <c>address: auto</c>; with a given
    /// address the east-west Service carries this annotation, so a cluster without a load-balancer controller
    /// (kind, bare metal) does not hang <c>pulumi up</c>.
    /// </summary>
    public const string SkipAwaitAnnotation = "pulumi.com/skipAwait";

    /// <summary>
    /// The egress gateway of the guide's egress variant: ClusterIP only, <c>ISTIO_META_REQUESTED_NETWORK_VIEW=external</c>
    /// as the guide's values file sets it, and the classic egress gateway's ports (15443 is where consumers'
    /// sidecars send <c>*.global</c> traffic bound for a remote gateway).
    /// </summary>
    internal static MapValue EgressValues() => Value.Map(
        ("name", IstioCharts.EgressGateway),
        ("labels", Value.Map(("istio", IstioCharts.EgressGatewayLabel))),
        ("env", Value.Map(("ISTIO_META_REQUESTED_NETWORK_VIEW", "external"))),
        ("service", Value.Map(
            ("type", "ClusterIP"),
            ("ports", Value.List(
                Port("http2", 80),
                Port("https", 443),
                Port("tls", WellKnownPorts.CrossNetwork))))));

    private static MapValue Port(string name, int port) =>
        Value.Map(("name", name), ("port", port), ("targetPort", port), ("protocol", "TCP"));
}
