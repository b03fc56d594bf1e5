using System.Collections.Immutable;
using MeshStack.Core.Istio;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using MeshStack.Core.Routing;

namespace MeshStack.Core.Tracing;

/// <summary>
/// What one cluster's istiod knows, read from the planned objects and Helm values of that cluster: its
/// ServiceEntries, DestinationRules and Gateway servers, the network views of its proxies, the networks it knows a
/// gateway for, and the modelled pods of the services it hosts.
/// </summary>
internal sealed class ClusterView
{
    private readonly Dictionary<string, List<ServiceEntryModel>> entriesByHost = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DestinationRuleModel>> rulesByHost = new(StringComparer.Ordinal);
    private readonly List<DestinationRuleModel> wildcardRules = [];
    private readonly List<GatewayServerModel> servers = [];
    private readonly List<PodModel> pods = [];
    private readonly Dictionary<(string Namespace, string Name, int Port), object?> serviceTargetPorts = [];

    private readonly SharedModels models;

    private ClusterView(ClusterSpec cluster, Profile profile, IstioVersion version, SharedModels models)
    {
        Cluster = cluster;
        Profile = profile;
        Version = version;
        this.models = models;
        SidecarHop = $"{cluster.Name} sidecar";
        DnsHop = $"{cluster.Name} DNS";
        GatewayHop = $"{cluster.Name} gateway";
        EgressGatewayHop = $"{cluster.Name} egress gateway";
    }

    /// <summary>The hop names of this cluster's proxies, built once per cluster rather than once per path.</summary>
    public string SidecarHop { get; }

    /// <inheritdoc cref="SidecarHop"/>
    public string DnsHop { get; }

    /// <inheritdoc cref="SidecarHop"/>
    public string GatewayHop { get; }

    /// <inheritdoc cref="SidecarHop"/>
    public string EgressGatewayHop { get; }

    private Dictionary<string, PodModel>? podsByDescription;

    /// <summary>The first modelled pod described as <c>pod NS/NAME</c> (an endpoint's <see cref="Endpoint.Pod"/>), or null.</summary>
    public PodModel? PodDescribedAs(string? description)
    {
        if (description is null)
        {
            return null;
        }

        if (podsByDescription is null)
        {
            podsByDescription = new Dictionary<string, PodModel>(StringComparer.Ordinal);
            foreach (var pod in pods)
            {
                podsByDescription.TryAdd($"pod {pod.Namespace}/{pod.Name}", pod);
            }
        }

        return podsByDescription.GetValueOrDefault(description);
    }

    /// <summary>The Istio release the cluster runs: which rules of istiod apply.</summary>
    public IstioVersion Version { get; }

    public ClusterSpec Cluster { get; }

    public Profile Profile { get; }

    public string Name => Cluster.Name;

    /// <summary>Who answers DNS for <c>*.global</c> in this cluster, from the planned DNS objects and sidecar metadata.</summary>
    public DnsAnswerer Dns { get; private set; } = DnsAnswerer.None;

    /// <summary>For <see cref="DnsAnswerer.HostsZone"/>: the zone's name → address lines.</summary>
    public IReadOnlyDictionary<string, string> HostsZone { get; private set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The networks sidecars may see (null: every network; see <see cref="IstioRules.RequestedView"/>).</summary>
    public ImmutableHashSet<string>? SidecarView { get; private set; }

    /// <summary>True when the cluster runs an egress gateway.</summary>
    public bool HasEgressGateway { get; private set; }

    /// <summary>
    /// Whether the egress gateway gets SNI-DNAT clusters: current Istio builds them for any gateway with an
    /// AUTO_PASSTHROUGH server; 1.6/1.7 only for a gateway whose <c>ISTIO_META_ROUTER_MODE</c> ends up <c>sni-dnat</c>,
    /// which is the egress chart's default (manifests/charts/gateways/istio-egress/values.yaml@1.7.8:81).
    /// </summary>
    public bool EgressBuildsSniDnatClusters { get; private set; }

    /// <summary>The egress gateway's network view (null: every network).</summary>
    public ImmutableHashSet<string>? EgressView { get; private set; }

    /// <summary>The view of the gateway that receives 15443 (null: every network).</summary>
    public ImmutableHashSet<string>? HomeGatewayView { get; private set; }

    /// <summary>The <c>istio=</c> label of the gateway that receives cross-network traffic on 15443.</summary>
    public string HomeGatewaySelector => Profile == Profile.MultiPrimary ? RoutingPlanner.EastWestSelector : LegacyIngressSelector;

    /// <summary>Networks this istiod knows a network gateway for (from Services labelled with a network).</summary>
    public ImmutableHashSet<string> NetworksWithGateway { get; private set; } = [];

    public IReadOnlyList<GatewayServerModel> Servers => servers;

    /// <summary>The Services of this cluster that may be network gateways: the east-west chart's, and any planned Service labelled with a network.</summary>
    public IReadOnlyList<GatewayServiceModel> GatewayServices => gatewayServices;

    private readonly List<GatewayServiceModel> gatewayServices = [];

    /// <summary>istiod's <c>global.meshNetworks</c> gateways that have an address: (network, address, port).</summary>
    public IReadOnlyList<(string Network, string Address, int Port)> MeshNetworkGateways => meshNetworkGateways;

    private readonly List<(string Network, string Address, int Port)> meshNetworkGateways = [];

    /// <summary>
    /// The trust domain istiod issues workload identities under: <c>meshConfig.trustDomain</c> of its values or the
    /// IstioOperator, default <c>cluster.local</c> (pkg/config/mesh/mesh.go@1.30.3 DefaultMeshConfig; 1.7.8 the same).
    /// </summary>
    public string TrustDomain { get; private set; } = "cluster.local";

    /// <summary>The cluster ID istiod runs with (<c>global.multiCluster.clusterName</c>); empty when unset.</summary>
    public string ClusterId { get; private set; } = "";

    /// <summary>True when the sidecars' DNS proxy answers (<c>ISTIO_META_DNS_CAPTURE</c>), whatever cluster DNS does.</summary>
    public bool DnsCapture { get; private set; }

    /// <summary>
    /// The clusters this istiod reads through remote secrets: cluster ID → the kubeconfig's server
    /// (pkg/kube/multicluster/secretcontroller.go: Secrets labelled <c>istio/multiCluster: "true"</c> in istiod's
    /// namespace, one cluster per data key).
    /// </summary>
    public IReadOnlyDictionary<string, string> RemoteClusters => remoteClusters;

    private readonly Dictionary<string, string> remoteClusters = new(StringComparer.Ordinal);

    public IReadOnlyList<PodModel> Pods => pods;

    /// <summary>The node metadata key of a proxy's network view (env <c>ISTIO_META_REQUESTED_NETWORK_VIEW</c>).</summary>
    private const string RequestedNetworkView = "REQUESTED_NETWORK_VIEW";

    /// <summary>The 1.6-1.8 ingress gateway carries 15443 in the legacy profile.</summary>
    public const string LegacyIngressSelector = "ingressgateway";

    /// <summary>The ServiceEntries that declare a host.</summary>
    /// <summary>
    /// The targetPort (a number or a port name) of port <paramref name="port"/> of a Kubernetes Service the plan itself
    /// writes (the demo's), or null when the plan has no such Service.
    /// </summary>
    public object? ServiceTargetPort(string ns, string name, int port) => serviceTargetPorts.GetValueOrDefault((ns, name, port));

    public IReadOnlyList<ServiceEntryModel> EntriesFor(string host) =>
        entriesByHost.TryGetValue(host, out var list) ? list : [];

    /// <summary>
    /// The DestinationRule for a host: an exact host first, else the most specific wildcard
    /// (pilot/pkg/model/push_context.go, destination rule lookup by most specific host match).
    /// </summary>
    public DestinationRuleModel? RuleFor(string host)
    {
        if (rulesByHost.TryGetValue(host, out var exact) && exact.Count > 0)
        {
            return exact[0];
        }

        DestinationRuleModel? best = null;
        foreach (var r in wildcardRules)
        {
            if (host.EndsWith(r.Host.AsSpan(1), StringComparison.Ordinal) && (best is null || r.Host.Length > best.Host.Length))
            {
                best = r;
            }
        }

        return best;
    }

    /// <summary>
    /// The cluster's view; <paramref name="models"/> shares the models of specs several clusters' objects share (the
    /// planner builds a caller-side spec once for every consumer).
    /// </summary>
    public static ClusterView From(FederationPlan plan, ClusterPlan clusterPlan, SharedModels? models = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clusterPlan);
        var view = new ClusterView(clusterPlan.Cluster, plan.Spec.Profile, plan.Spec.IstioVersion, models ?? new SharedModels());
        foreach (var o in clusterPlan.Objects)
        {
            view.Read(o);
        }

        foreach (var r in clusterPlan.Releases)
        {
            view.Read(r);
        }

        if (plan.Spec.Profile == Profile.LegacyGateways)
        {
            // The profile preconfigures the 15443 server on the ingress gateway (router mode sni-dnat by the chart's
            // default, manifests/charts/gateways/istio-ingress/values.yaml) and rewrites .global to
            // .svc.cluster.local (1.7.8 manifests/charts/gateways/istio-ingress/templates/preconfigured.yaml,
            // Gateway istio-multicluster-ingressgateway, EnvoyFilter tcp_cluster_rewrite and DestinationRule *.global
            // ISTIO_MUTUAL), and enables the egress gateway.
            view.servers.Add(new GatewayServerModel("istio-multicluster-ingressgateway (profile)", LegacyIngressSelector,
                WellKnownPorts.CrossNetwork, "AUTO_PASSTHROUGH", ["*.global"]));
            view.wildcardRules.Add(new DestinationRuleModel(KubeObjects.IstioSystem, "*.global", "ISTIO_MUTUAL", []));
            view.HasEgressGateway = true;
        }
        else
        {
            // Current Istio's agent applies mesh-wide proxyMetadata to gateways too, unless their own env sets the key.
            view.EgressView ??= view.SidecarView;
            view.HomeGatewayView ??= view.SidecarView;
        }

        // Only the demo plans Deployments: look them up once per cluster, not once per hosted service.
        var deployments = clusterPlan.Objects.Where(o => o.Kind == "Deployment").ToList();
        foreach (var service in plan.Spec.Services.Where(s => s.HomeClusters.Contains(clusterPlan.Cluster.Name)))
        {
            view.pods.AddRange(ModelPods(service, clusterPlan.Cluster, deployments, view.Injects(service.Namespace)));
        }

        return view;
    }

    /// <summary>
    /// The service's pods as MeshStack assumes them: labelled <c>app: NAME</c> (the Kubernetes Service selector and
    /// Istio's convention), <c>version</c> for each declared version, and, where their namespace is labelled for
    /// injection (<see cref="Injects"/>), the injector's <c>security.istio.io/tlsMode: istio</c> label; on the cluster's network. Where the plan itself runs
    /// the workload (the demo's Deployments), its container ports are read from it; otherwise the pods are assumed to
    /// listen on each port's <c>targetPort</c> (else its number), with no named ports.
    /// </summary>
    private static IEnumerable<PodModel> ModelPods(ServiceSpec service, ClusterSpec cluster, IReadOnlyList<PlannedObject> deployments, bool injected)
    {
        var versions = service.Versions.IsEmpty ? [null] : service.Versions.Select(v => (string?)v).ToImmutableArray();
        foreach (var version in versions)
        {
            var labels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            labels[HomeRouting.AppLabel] = service.Name;
            if (injected)
            {
                labels[RoutingPlanner.TlsModeLabel] = RoutingPlanner.TlsModeIstio;
            }

            if (version is not null)
            {
                labels["version"] = version;
            }

            var (named, listens, account) = PlannedContainerPorts(deployments, service.Namespace, labels)
                ?? (ImmutableDictionary<string, int>.Empty, service.Ports.Select(p => p.PodPort).ToImmutableHashSet(), service.Account);
            yield return new PodModel(service.Namespace, version is null ? service.Name : $"{service.Name}-{version}", labels.ToImmutable(), cluster.Network, named, listens, account);
        }
    }

    /// <summary>The container ports of a planned Deployment whose pods carry <paramref name="labels"/> (tlsMode aside; the demo adds <c>version: v1</c>), if the plan has one.</summary>
    private static (ImmutableDictionary<string, int> Named, ImmutableHashSet<int> Listens, string Account)? PlannedContainerPorts(
        IReadOnlyList<PlannedObject> deployments, string ns, IReadOnlyDictionary<string, string> labels)
    {
        var wanted = labels.Where(l => l.Key != RoutingPlanner.TlsModeLabel).ToList();
        foreach (var o in deployments.Where(o => o.Namespace == ns))
        {
            var podLabels = PlanRead.Labels(PlanRead.At(o.Manifest["spec"], "template", "metadata", "labels"));
            if (!wanted.All(l => podLabels.TryGetValue(l.Key, out var v) && v == l.Value))
            {
                continue;
            }

            var named = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
            var listens = ImmutableHashSet.CreateBuilder<int>();
            foreach (var port in PlanRead.Items(PlanRead.At(o.Manifest["spec"], "template", "spec", "containers")).SelectMany(c => PlanRead.Items(PlanRead.At(c, "ports"))))
            {
                if (PlanRead.Number(PlanRead.At(port, "containerPort")) is not { } number)
                {
                    continue;
                }

                listens.Add(number);
                // First port wins, as in istiod's getPortMap.
                if (PlanRead.Text(PlanRead.At(port, "name")) is { Length: > 0 } name && !named.ContainsKey(name))
                {
                    named[name] = number;
                }
            }

            // A pod without serviceAccountName runs as "default" (Kubernetes' ServiceAccount admission).
            return (named.ToImmutable(), listens.ToImmutable(), PlanRead.Text(PlanRead.At(o.Manifest["spec"], "template", "spec", "serviceAccountName")) ?? "default");
        }

        return null;
    }

    /// <summary>The namespaces a planned Namespace object creates or adopts, with its labels.</summary>
    private readonly Dictionary<string, ImmutableDictionary<string, string>> namespaces = new(StringComparer.Ordinal);

    /// <summary>Namespaced objects the API server would refuse: their namespace neither exists in every cluster nor is planned.</summary>
    private readonly List<string> orphans = [];

    /// <summary>Plan keys of namespaced objects that are never created because nothing creates their namespace.</summary>
    public IReadOnlyList<string> Orphans => orphans;

    /// <summary>
    /// Whether pods of a namespace are injected: the namespace carries <c>istio-injection: enabled</c> (the default
    /// revision's injector namespaceSelector, manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml
    /// @1.30.3 and @1.7.8). A namespace MeshStack does not plan is assumed injected by the user (the pods are theirs).
    /// </summary>
    public bool Injects(string ns) =>
        !namespaces.TryGetValue(ns, out var labels) || (labels.TryGetValue(ApplicationNamespaces.InjectionLabel, out var v) && v == "enabled");

    private void Read(PlannedObject o)
    {
        var spec = o.Manifest["spec"];
        if (o.Kind == "Namespace" && o.ApiVersion == "v1")
        {
            namespaces[o.Name] = PlanRead.Labels(PlanRead.At(o.Manifest, "metadata", "labels"));
            return;
        }

        // The API server refuses an object in a namespace that does not exist (namespace lifecycle admission), so istiod
        // never sees it. Planned objects are read in stage order: namespaces come first.
        if (o.Namespace is { } ns && !ApplicationNamespaces.Preexists(ns) && !namespaces.ContainsKey(ns))
        {
            orphans.Add(o.Key);
            return;
        }

        switch (o.Kind)
        {
            case "ServiceEntry":
                var entry = models.ServiceEntry(o.Namespace ?? "", o.Name, spec);
                foreach (var entryHost in entry.Hosts)
                {
                    Add(entriesByHost, entryHost, entry);
                }

                break;
            case "Service":
                if (PlanRead.Text(PlanRead.At(o.Manifest, "metadata", "labels", GatewayServiceModel.NetworkLabel)) is { Length: > 0 } serviceNetwork)
                {
                    gatewayServices.Add(new GatewayServiceModel(
                        Name,
                        o.Name,
                        serviceNetwork,
                        PlanRead.Text(PlanRead.At(spec, "type")) ?? "ClusterIP",
                        PlanRead.Items(PlanRead.At(spec, "ports")).Where(p => PlanRead.Number(PlanRead.At(p, "port")) is not null)
                            .ToImmutableDictionary(p => PlanRead.Number(PlanRead.At(p, "port"))!.Value, p => PlanRead.Number(PlanRead.At(p, "nodePort"))),
                        PlanRead.Text(PlanRead.At(spec, "loadBalancerIP")),
                        PlanRead.Labels(PlanRead.At(o.Manifest, "metadata", "annotations")),
                        [.. PlanRead.Items(PlanRead.At(spec, "externalIPs")).Select(PlanRead.Text).OfType<string>()]));
                }

                foreach (var p in PlanRead.Items(PlanRead.At(spec, "ports")))
                {
                    if (PlanRead.Number(PlanRead.At(p, "port")) is { } servicePort)
                    {
                        var target = PlanRead.At(p, "targetPort");
                        serviceTargetPorts[(o.Namespace ?? "", o.Name, servicePort)] = PlanRead.Number(target) is { } number ? number : (object?)PlanRead.Text(target) ?? servicePort;
                    }
                }

                break;
            case "DestinationRule":
                var rule = models.DestinationRule(o.Namespace ?? "", spec);
                var host = rule.Host;
                if (host.StartsWith('*'))
                {
                    wildcardRules.Add(rule);
                }
                else
                {
                    Add(rulesByHost, host, rule);
                }

                break;
            case "Gateway":
                var selector2 = PlanRead.Text(PlanRead.At(spec, "selector", "istio")) ?? "";
                foreach (var server in PlanRead.Items(PlanRead.At(spec, "servers")))
                {
                    servers.Add(new GatewayServerModel(
                        $"{o.Namespace}/{o.Name}",
                        selector2,
                        PlanRead.Number(PlanRead.At(server, "port", "number")) ?? 0,
                        PlanRead.Text(PlanRead.At(server, "tls", "mode")),
                        PlanRead.Items(PlanRead.At(server, "hosts")).Select(PlanRead.Text).OfType<string>().ToImmutableArray()));
                }

                break;
            case "Secret" when o.Namespace == KubeObjects.IstioSystem
                               && PlanRead.Text(PlanRead.At(o.Manifest, "metadata", "labels", Discovery.RemoteSecrets.MultiClusterLabel)) == "true":
                foreach (var (clusterId, kubeconfig) in (PlanRead.At(o.Manifest, "stringData") as MapValue)?.Entries ?? [])
                {
                    remoteClusters[clusterId] = kubeconfig is Template t
                        ? t.Parts.OfType<string>().Select(ServerOf).FirstOrDefault(x => x is not null) ?? ""
                        : ServerOf(PlanRead.Text(kubeconfig) ?? "") ?? "";
                }

                break;
            case "ConfigMap" when o.Concern == Concern.Dns:
                ReadDns(PlanRead.At(o.Manifest, "data"));
                break;
            case IstioCharts.OperatorKind:
                TrustDomain = PlanRead.Text(PlanRead.At(spec, "meshConfig", "trustDomain")) ?? TrustDomain;
                // Sidecars get mesh-wide proxyMetadata as env from the injection template
                // (manifests/charts/istio-control/istio-discovery/files/injection-template.yaml@1.7.8:261); the gateways
                // get what their chart's env ends up with (LegacyGatewayEnv).
                var proxyMetadata = PlanRead.At(spec, "meshConfig", "defaultConfig", "proxyMetadata") as MapValue;
                SidecarView = IstioRules.RequestedView(PlanRead.Text(proxyMetadata?["ISTIO_META_REQUESTED_NETWORK_VIEW"]), Version);
                var egress = LegacyGatewayEnv.Metadata(PlanRead.At(spec, "values", "gateways", IstioCharts.EgressGateway, "env") as MapValue, proxyMetadata, Version);
                var ingress = LegacyGatewayEnv.Metadata(PlanRead.At(spec, "values", "gateways", "istio-ingressgateway", "env") as MapValue, proxyMetadata, Version);
                EgressView = IstioRules.RequestedView(egress.GetValueOrDefault(RequestedNetworkView), Version);
                HomeGatewayView = IstioRules.RequestedView(ingress.GetValueOrDefault(RequestedNetworkView), Version);
                EgressBuildsSniDnatClusters = egress.GetValueOrDefault("ROUTER_MODE") == "sni-dnat";
                break;
        }
    }

    private void Read(HelmRelease r)
    {
        switch (r.Name)
        {
            case IstioCharts.IstiodRelease:
                ClusterId = PlanRead.Text(PlanRead.At(r.Values, "global", "multiCluster", "clusterName")) ?? "";
                TrustDomain = PlanRead.Text(PlanRead.At(r.Values, "meshConfig", "trustDomain")) ?? TrustDomain;
                DnsCapture = PlanRead.Text(PlanRead.At(r.Values, "meshConfig", "defaultConfig", "proxyMetadata", "ISTIO_META_DNS_CAPTURE")) == "true";
                SidecarView = IstioRules.RequestedView(PlanRead.Text(PlanRead.At(r.Values, "meshConfig", "defaultConfig", "proxyMetadata", "ISTIO_META_REQUESTED_NETWORK_VIEW")), Version);
                // The chart writes global.meshNetworks into the istio ConfigMap's meshNetworks key
                // (istio-discovery templates/configmap.yaml@1.30.3:97-104); gateways without an address are
                // registryServiceName ones, which this model does not follow.
                foreach (var (networkName, networkValue) in (PlanRead.At(r.Values, "global", "meshNetworks") as MapValue)?.Entries ?? [])
                {
                    foreach (var gw in PlanRead.Items(PlanRead.At(networkValue, "gateways")))
                    {
                        if (PlanRead.Text(PlanRead.At(gw, "address")) is { Length: > 0 } address && PlanRead.Number(PlanRead.At(gw, "port")) is { } gwPort)
                        {
                            meshNetworkGateways.Add((networkName, address, gwPort));
                        }
                    }
                }

                if (Dns == DnsAnswerer.None && PlanRead.Text(PlanRead.At(r.Values, "meshConfig", "defaultConfig", "proxyMetadata", "ISTIO_META_DNS_CAPTURE")) == "true")
                {
                    Dns = DnsAnswerer.SidecarProxy;
                }

                break;
            case IstioCharts.EgressGateway:
                HasEgressGateway = true;
                EgressBuildsSniDnatClusters = true;
                EgressView = IstioRules.RequestedView(PlanRead.Text(PlanRead.At(r.Values, "env", "ISTIO_META_REQUESTED_NETWORK_VIEW")), Version);
                break;
            case IstioCharts.EastWestGateway:
                // The gateway chart's networkGateway labels the Service with the network (so istiod knows a gateway
                // for it) and sets the view to it; the nodePort variant writes both itself.
                var network = PlanRead.Text(PlanRead.At(r.Values, "networkGateway"))
                    ?? PlanRead.Text(PlanRead.At(r.Values, "labels", "topology.istio.io/network"));
                HomeGatewayView = IstioRules.RequestedView(PlanRead.Text(PlanRead.At(r.Values, "env", "ISTIO_META_REQUESTED_NETWORK_VIEW")) ?? network, Version);
                NetworksWithGateway = network is null ? [] : [network];
                gatewayServices.Add(GatewayServiceModel.FromChartValues(Name, PlanRead.Text(PlanRead.At(r.Values, "name")) ?? r.Name, r.Values));
                break;
        }
    }

    /// <summary>
    /// The CoreDNS global block or kube-dns stub domain MeshStack patches in: a <c>hosts</c> zone answers with its own
    /// lines; a stub to istiocoredns answers from the ServiceEntries' addresses (the legacy overlay enables istiocoredns).
    /// </summary>
    private void ReadDns(Value? data)
    {
        foreach (var entry in (data as MapValue)?.Entries ?? [])
        {
            switch (entry.Value)
            {
                case Deferred { Ref: MeshStack.Core.Dns.MergedCorefile { IsCleanup: true } }:
                    break;  // the patch writes the Corefile back without MeshStack's block: no global zone
                case Deferred { Ref: MeshStack.Core.Dns.MergedCorefile corefile } when corefile.NeedsIstioCoreDns:
                case Deferred { Ref: MeshStack.Core.Dns.MergedStubDomains }:
                    Dns = DnsAnswerer.IstioCoreDns;
                    break;
                case Deferred { Ref: MeshStack.Core.Dns.MergedCorefile corefile }:
                    var zone = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var line in corefile.GlobalBlock.Split('\n'))
                    {
                        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        if (words.Length == 2 && words[1].EndsWith(".global", StringComparison.Ordinal))
                        {
                            zone[words[1]] = words[0];
                        }
                    }

                    Dns = DnsAnswerer.HostsZone;
                    HostsZone = zone;
                    break;
            }
        }
    }

    // The kubeconfig's "server: URL" line.
    private static string? ServerOf(string text) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("server: ", StringComparison.Ordinal))?["server: ".Length..];

    private static void Add<T>(Dictionary<string, List<T>> index, string key, T item)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(item);
    }
}

/// <summary>Who answers a sidecar's DNS query for <c>NAME.NS.global</c>.</summary>
internal enum DnsAnswerer
{
    /// <summary>Nothing MeshStack planned: the name does not resolve.</summary>
    None,

    /// <summary>The Istio agent's DNS proxy, from the ServiceEntries' addresses (pkg/dns/server/name_table.go).</summary>
    SidecarProxy,

    /// <summary>CoreDNS's <c>global</c> zone of <c>hosts</c> lines.</summary>
    HostsZone,

    /// <summary>istiocoredns behind a CoreDNS or kube-dns stub, from the ServiceEntries' addresses.</summary>
    IstioCoreDns,
}
