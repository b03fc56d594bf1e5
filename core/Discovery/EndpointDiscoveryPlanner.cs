using MeshStack.Core.Istio;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Discovery;

/// <summary>
/// Istio's multi-primary on different networks with endpoint discovery (istio.io
/// <c>setup/install/multicluster/multi-primary_multi-network</c>): in every cluster the reader token Secret, the
/// <c>cross-network-gateway</c> on the east-west gateway (<c>samples/multicluster/expose-services.yaml</c>), and one remote
/// secret per peer. A remote secret needs the peer's token, so it waits for the peer's istiod and gateways; on destroy
/// it goes first, so no istiod keeps watching a cluster that is going away.
/// </summary>
internal static class EndpointDiscoveryPlanner
{
    public const string CrossNetworkGateway = "cross-network-gateway";

    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster)
    {
        if (!context.Spec.DiscoversEndpoints)
        {
            yield break;
        }

        yield return CrossNetwork(cluster);
        yield return ReaderToken(cluster);
        foreach (var peer in context.Spec.Clusters.Where(c => c.Name != cluster.Name))
        {
            yield return RemoteSecret(cluster, peer);
        }
    }

    /// <summary>expose-services.yaml: AUTO_PASSTHROUGH for every <c>*.local</c> name on 15443.</summary>
    private static PlannedObject CrossNetwork(ClusterSpec cluster) =>
        KubeObjects.Object(cluster.Name, Stage.MeshConfig, Concern.Discovery, Routing.RoutingPlanner.IstioNetworking, "Gateway", KubeObjects.IstioSystem, CrossNetworkGateway,
            Value.Map(("spec", Value.Map(
                ("selector", Value.Map(("istio", Routing.RoutingPlanner.EastWestSelector))),
                ("servers", Value.List(Value.Map(
                    ("port", Value.Map(("number", WellKnownPorts.CrossNetwork), ("name", "tls"), ("protocol", "TLS"))),
                    ("tls", Value.Map(("mode", "AUTO_PASSTHROUGH"))),
                    ("hosts", Value.List("*.local")))))))));

    /// <summary>
    /// As istioctl creates it on Kubernetes 1.24+: the token controller fills <c>token</c> and <c>ca.crt</c>. After the
    /// charts (the ServiceAccount must exist, or the controller deletes the Secret).
    /// </summary>
    private static PlannedObject ReaderToken(ClusterSpec cluster) =>
        KubeObjects.Object(cluster.Name, Stage.MeshConfig, Concern.Discovery, "v1", "Secret", KubeObjects.IstioSystem, RemoteSecrets.ReaderTokenSecret,
            Value.Map(("type", RemoteSecrets.ServiceAccountTokenType)),
            annotations: [KeyValuePair.Create(RemoteSecrets.ServiceAccountNameAnnotation, RemoteSecrets.ReaderServiceAccount)]);

    /// <summary><paramref name="peer"/>'s remote secret in <paramref name="holder"/>: istioctl's Secret, data key = the peer's name.</summary>
    private static PlannedObject RemoteSecret(ClusterSpec holder, ClusterSpec peer) =>
        KubeObjects.Object(holder.Name, Stage.MeshConfig, Concern.Discovery, "v1", "Secret", KubeObjects.IstioSystem, RemoteSecrets.NameOf(peer.Name),
            Value.Map(("stringData", Value.Map((peer.Name, RemoteSecrets.Kubeconfig(peer.Name, peer.ApiServer!))))),
            labels: [KeyValuePair.Create(RemoteSecrets.MultiClusterLabel, "true")],
            annotations: [KeyValuePair.Create(RemoteSecrets.ClusterAnnotation, peer.Name)],
            isSecret: true) with
        {
            PeerDependsOn =
            [
                new PeerDependency(peer.Name, $"HelmRelease/{KubeObjects.IstioSystem}/{IstioCharts.IstiodRelease}"),
                new PeerDependency(peer.Name, $"HelmRelease/{KubeObjects.IstioSystem}/{IstioCharts.EastWestGateway}"),
                new PeerDependency(peer.Name, $"Secret/{KubeObjects.IstioSystem}/{RemoteSecrets.ReaderTokenSecret}"),
            ],
        };
}
