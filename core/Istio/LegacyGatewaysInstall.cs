using System.Collections.Immutable;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Istio;

/// <summary>
/// The legacy-gateways profile (Istio 1.6-1.8), installed the way those releases accept declaratively: the Istio
/// operator, from the operator chart of the user's unpacked release folder, then one IstioOperator whose spec is
/// the release's own <c>values-istio-multicluster-gateways.yaml</c> plus <see cref="AdditionPaths"/>. The operator
/// installs base (CRDs), istiod, the ingress gateway that serves 15443, the egress gateway and istiocoredns.
/// </summary>
internal static class LegacyGatewaysInstall
{
    /// <summary>Pulumi waits until the operator reports the install healthy before anything that needs Istio.</summary>
    public const string WaitForAnnotation = "pulumi.com/waitFor";

    /// <summary>The IstioOperator status the operator sets once every component is ready.</summary>
    public const string WaitForHealthy = "jsonpath={.status.status}=HEALTHY";

    /// <summary>
    /// The per-cluster settings MeshStack adds to the upstream spec, as paths under <c>spec</c>: mesh ID, cluster
    /// name and network (the network the istio-system namespace is labelled with; harmless without meshNetworks,
    /// which MeshStack never sets, because pilot only filters endpoints by network when meshNetworks is set), and
    /// the trust domain, so a non-default <c>meshstack:trustDomain</c> reaches istiod; and for a cluster using egress
    /// routing the sidecars' network view (<see cref="SidecarView"/>), the egress gateway's sni-dnat router mode and its
    /// own view in a form the mesh-wide one cannot override (<see cref="EgressEnv"/>; absent otherwise).
    /// </summary>
    public static ImmutableArray<string> AdditionPaths { get; } =
    [
        "values.global.meshID",
        "values.global.multiCluster.clusterName",
        "values.global.network",
        "meshConfig.trustDomain",
        "meshConfig.defaultConfig.proxyMetadata.ISTIO_META_REQUESTED_NETWORK_VIEW",
        "values.gateways.istio-egressgateway.env.ISTIO_META_ROUTER_MODE",
        "values.gateways.istio-egressgateway.env." + EgressViewJsonEnv,
        "values.gateways.istio-ingressgateway.loadBalancerIP",
        "values.gateways.istio-ingressgateway.serviceAnnotations",
        "components.pilot.k8s.podAnnotations." + TrustAnnotation,
    ];

    /// <summary>
    /// istiod's pod annotation naming the trusted roots and the signer (<see cref="TrustStamp"/>). istiod 1.6/1.7 reads
    /// cacerts only when it starts (pilot/pkg/bootstrap/istio_ca.go@1.7.8:305-360, no watcher), so each rotation phase
    /// changes it: the operator writes it into the istiod Deployment's pod template
    /// (operator/pkg/translate/translate.go@1.7.8:220, Components.*.K8S.PodAnnotations; translateConfig-1.6.yaml@1.6.14:25)
    /// and the Deployment rolls in the same update.
    /// </summary>
    public const string TrustAnnotation = "meshstack.io/trust";

    /// <summary>The egress gateway's env variable whose JSON carries its network view past the mesh-wide one.</summary>
    public const string EgressViewJsonEnv = "ISTIO_METAJSON_REQUESTED_NETWORK_VIEW";

    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster)
    {
        var version = context.Spec.IstioVersion;
        var overlay = LegacyOverlays.For(version)
            ?? throw new InvalidOperationException($"no legacy overlay for Istio {version}; validation reports MSH062 first");
        yield return OperatorRelease(context.Spec, cluster);
        yield return KubeObjects.Object(cluster.Name, Stage.ControlPlane, Concern.Istio, IstioCharts.OperatorApiVersion, IstioCharts.OperatorKind,
            KubeObjects.IstioSystem, IstioCharts.OperatorResourceName, Value.Map(("spec", ValueTree.Merge(overlay.Spec, Additions(context, cluster)))),
            annotations: [KeyValuePair.Create(WaitForAnnotation, WaitForHealthy)]);
    }

    /// <summary>The values behind <see cref="AdditionPaths"/>.</summary>
    internal static MapValue Additions(PlanContext context, ClusterSpec cluster) => Value.Map(
        ("values", Value.Map(
            ("global", Value.Map(
                ("meshID", context.MeshId),
                ("multiCluster", Value.Map(("clusterName", cluster.Name))),
                ("network", cluster.Network))),
            ("gateways", Gateways(context, cluster)))),
        ("components", Value.Map(("pilot", Value.Map(("k8s", Value.Map(("podAnnotations", Value.Map((TrustAnnotation, TrustStamp(context.Spec.Trust)))))))))),
        ("meshConfig", Value.Map(
            ("trustDomain", context.Spec.TrustDomain),
            ("defaultConfig", SidecarView(context.Spec, cluster) is { } view
                ? Value.Map(("proxyMetadata", Value.Map(("ISTIO_META_REQUESTED_NETWORK_VIEW", view))))
                : null))));

    /// <summary>
    /// The sidecars' network view (<see cref="Routing.EgressRouting.SidecarView"/>). A 1.6 view holds only the networks it
    /// names, not the unnamed one, and DNS clusters drop every endpoint outside it (pilot/pkg/model/context.go@1.6.14:752-766
    /// GetNetworkView; pilot/pkg/networking/core/v1alpha3/cluster.go@1.6.14:268): direct-route entries carry no network, so
    /// a view of the cluster networks alone leaves every direct <c>.global</c> route of the cluster without endpoints. A
    /// trailing comma adds the empty item, the unnamed network (the metadata is a StringList split on commas as is,
    /// context.go@1.6.14:268-275). From 1.7 istiod adds the unnamed network itself.
    /// </summary>
    internal static string? SidecarView(MeshSpec spec, ClusterSpec cluster) =>
        Routing.EgressRouting.SidecarView(spec, cluster) is { } view && spec.IstioVersion < new IstioVersion(1, 7, 0) ? view + "," : Routing.EgressRouting.SidecarView(spec, cluster);

    /// <summary>The trusted roots (name and settings or certificate) and the signer, as 16 hex digits: a rotation phase changes it, nothing else does.</summary>
    internal static string TrustStamp(TrustSpec trust)
    {
        var text = string.Join("\n", trust.Roots.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => $"{r.Name}={Deployment.TrustRecord.Fingerprint(r.Source)}")) + "\nsigner=" + trust.SigningRoot;
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>
    /// The egress gateway's env additions:
    /// <list type="bullet">
    /// <item><c>ISTIO_META_ROUTER_MODE: sni-dnat</c>: istiod builds the SNI-DNAT clusters an AUTO_PASSTHROUGH server routes
    /// to only for <c>sni-dnat</c> gateways (pilot/pkg/networking/core/v1alpha3/cluster.go@1.7.8, buildOutboundSniDnatClusters).
    /// It is the chart's default already (manifests/charts/gateways/istio-egress/values.yaml@1.7.8:81 and @1.6.14:81);
    /// MeshStack writes it so the route does not depend on a default.</item>
    /// <item>The upstream overlay's <c>ISTIO_META_REQUESTED_NETWORK_VIEW: external</c> is not what the gateway ends up
    /// with: from 1.6.3 the chart writes the gateway's env and then appends every mesh-wide proxyMetadata entry
    /// (manifests/charts/gateways/istio-egress/templates/deployment.yaml@1.7.8:208-217), and the kubelet keeps the last of
    /// duplicate names, so the gateway would see the sidecars' networks and send egress routes back to itself. The agent
    /// merges every <c>ISTIO_METAJSON_*</c> variable's JSON object over the <c>ISTIO_META_*</c> ones
    /// (pkg/bootstrap/config.go@1.7.8:474-490, @1.6.14 the same), so <see cref="EgressViewJsonEnv"/> restores the view. The chart writes the gateway's env
    /// values unquoted (<c>value: {{ $val }}</c>), so the JSON carries YAML quotes.</item>
    /// </list>
    /// </summary>
    // The egress gateway's env (when egress routes use it) and the 15443 ingress gateway's address request.
    private static MapValue? Gateways(PlanContext context, ClusterSpec cluster)
    {
        var egress = Routing.EgressRouting.UsedBy(context.Spec, cluster.Name) ? EgressEnv() : null;
        var ingress = IngressAddressRequest(cluster);
        return (egress, ingress) switch
        {
            (null, null) => null,
            ({ } e, null) => e,
            (null, { } i) => i,
            ({ } e, { } i) => ValueTree.Merge(e, i),
        };
    }

    /// <summary>
    /// The 15443 gateway (the chart's istio-ingressgateway) asks the load balancer for an explicit IP as
    /// <see cref="GatewayAddressing.RequestOf"/> says: <c>loadBalancerIP</c> or an annotation, both rendered by the 1.6/1.7
    /// chart (manifests/charts/gateways/istio-ingress/templates/service.yaml@1.7.8:9-17, @1.6.14 the same). That chart
    /// renders no <c>externalIPs</c>, so validation refuses that request in this profile (MSH197).
    /// </summary>
    private static MapValue? IngressAddressRequest(ClusterSpec cluster) =>
        (GatewayAddressing.RequestOf(cluster), cluster.Gateway.Address) switch
        {
            (AddressRequest.LoadBalancerIp, GatewayAddress.Ip ip) => Value.Map((IstioCharts.LegacyIngressGateway, Value.Map(("loadBalancerIP", ip.Value)))),
            (AddressRequest.Annotation, GatewayAddress.Ip ip) => Value.Map((IstioCharts.LegacyIngressGateway, Value.Map(("serviceAnnotations", Value.Map((GatewayAddressing.AnnotationOf(cluster), ip.Value)))))),
            _ => null,
        };

    private static MapValue EgressEnv() =>
        Value.Map((IstioCharts.EgressGateway, Value.Map(("env", Value.Map(
            ("ISTIO_META_ROUTER_MODE", "sni-dnat"),
            (EgressViewJsonEnv, $"'{{\"REQUESTED_NETWORK_VIEW\":\"{Routing.RoutingPlanner.ExternalNetwork}\"}}'"))))));

    /// <summary>
    /// The operator chart from the release folder. The release is stored in istio-system because the chart
    /// creates its own namespace (istio-operator); hub and tag pin the operator image to the chosen release.
    /// </summary>
    internal static HelmRelease OperatorRelease(MeshSpec spec, ClusterSpec cluster) => new()
    {
        Cluster = cluster.Name,
        Stage = Stage.IstioBase,
        Concern = Concern.Istio,
        Name = IstioCharts.OperatorRelease,
        Namespace = KubeObjects.IstioSystem,
        Chart = $"{ReleaseDir(spec)}/{IstioCharts.OperatorChartPath}",
        Version = spec.IstioVersion.ToString(),
        Repository = "",
        Values = Value.Map(
            ("hub", IstioCharts.ReleaseHub),
            ("tag", spec.IstioVersion.ToString()),
            ("operatorNamespace", IstioCharts.OperatorNamespace),
            ("watchedNamespaces", KubeObjects.IstioSystem)),
    };

    /// <summary>The configured folder without a trailing separator; validation requires it (MSH063), a hand-built spec gets downloadIstio's folder name.</summary>
    private static string ReleaseDir(MeshSpec spec) => (spec.IstioReleaseDir ?? $"istio-{spec.IstioVersion}").TrimEnd('/', '\\');
}
