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
    /// routing the sidecars' network view and the egress gateway's sni-dnat router mode (<see cref="Routing.EgressRouting"/>;
    /// absent otherwise).
    /// </summary>
    public static ImmutableArray<string> AdditionPaths { get; } =
    [
        "values.global.meshID",
        "values.global.multiCluster.clusterName",
        "values.global.network",
        "meshConfig.trustDomain",
        "meshConfig.defaultConfig.proxyMetadata.ISTIO_META_REQUESTED_NETWORK_VIEW",
        "values.gateways.istio-egressgateway.env.ISTIO_META_ROUTER_MODE",
    ];

    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster)
    {
        var version = context.Spec.IstioVersion;
        var overlay = LegacyOverlays.For(version)
            ?? throw new InvalidOperationException($"no legacy overlay for Istio {version}; validation reports MSH062 first");
        yield return OperatorRelease(context.Spec, cluster);
        yield return K8s.Object(cluster.Name, Stage.ControlPlane, Concern.Istio, IstioCharts.OperatorApiVersion, IstioCharts.OperatorKind,
            K8s.IstioSystem, IstioCharts.OperatorResourceName, Value.Map(("spec", ValueTree.Merge(overlay.Spec, Additions(context, cluster)))),
            annotations: [KeyValuePair.Create(WaitForAnnotation, WaitForHealthy)]);
    }

    /// <summary>The values behind <see cref="AdditionPaths"/>.</summary>
    internal static MapValue Additions(PlanContext context, ClusterSpec cluster) => Value.Map(
        ("values", Value.Map(
            ("global", Value.Map(
                ("meshID", context.MeshId),
                ("multiCluster", Value.Map(("clusterName", cluster.Name))),
                ("network", cluster.Network))),
            ("gateways", Routing.EgressRouting.UsedBy(context.Spec, cluster.Name) ? EgressSniDnat() : null))),
        ("meshConfig", Value.Map(
            ("trustDomain", context.Spec.TrustDomain),
            ("defaultConfig", Routing.EgressRouting.SidecarView(context.Spec, cluster) is { } view
                ? Value.Map(("proxyMetadata", Value.Map(("ISTIO_META_REQUESTED_NETWORK_VIEW", view))))
                : null))));

    /// <summary>
    /// The 1.7 egress gateway runs in router mode <c>standard</c> (manifests/charts/gateways/istio-egress/values.yaml),
    /// and istiod builds the SNI-DNAT clusters an AUTO_PASSTHROUGH server routes to only for <c>sni-dnat</c> gateways
    /// (pilot/pkg/networking/core/v1alpha3/cluster.go, buildOutboundSniDnatClusters); the ingress gateway already is one.
    /// </summary>
    private static MapValue EgressSniDnat() =>
        Value.Map((IstioCharts.EgressGateway, Value.Map(("env", Value.Map(("ISTIO_META_ROUTER_MODE", "sni-dnat"))))));

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
        Namespace = K8s.IstioSystem,
        Chart = $"{ReleaseDir(spec)}/{IstioCharts.OperatorChartPath}",
        Version = spec.IstioVersion.ToString(),
        Repository = "",
        Values = Value.Map(
            ("hub", IstioCharts.ReleaseHub),
            ("tag", spec.IstioVersion.ToString()),
            ("operatorNamespace", IstioCharts.OperatorNamespace),
            ("watchedNamespaces", K8s.IstioSystem)),
    };

    /// <summary>The configured folder without a trailing separator; validation requires it (MSH063), a hand-built spec gets downloadIstio's folder name.</summary>
    private static string ReleaseDir(MeshSpec spec) => (spec.IstioReleaseDir ?? $"istio-{spec.IstioVersion}").TrimEnd('/', '\\');
}
