using MeshStack.Core.Model;

namespace MeshStack.Core.Plan;

/// <summary>The istio-system namespace, labelled with the cluster's network as multi-network Istio requires.</summary>
internal static class NamespacePlanner
{
    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster)
    {
        yield return K8s.Object(cluster.Name, Stage.Namespaces, Concern.Namespaces, "v1", "Namespace", null, K8s.IstioSystem,
            MapValue.Empty, labels: [KeyValuePair.Create("topology.istio.io/network", cluster.Network)]);
    }
}
