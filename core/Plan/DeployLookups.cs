using MeshStack.Core.Model;

namespace MeshStack.Core.Plan;

/// <summary>
/// Where a deploy-time value is read once a cluster's objects exist, so every backend reads the same object:
/// the components look the Service up through the cluster's provider, the CLI asks for it by these names.
/// </summary>
public static class DeployLookups
{
    /// <summary>Bytes of randomness in a generated mesh ID (8 hex digits).</summary>
    public const int GeneratedMeshIdBytes = 4;

    /// <summary>The prefix of a generated mesh ID, so it reads as a DNS-1123 label.</summary>
    public const string GeneratedMeshIdPrefix = "mesh-";

    /// <summary>The Service a value is read from, or null when the value is not read from a Service.</summary>
    public static ServiceLookup? For(MeshSpec spec, DeployValue value)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return value switch
        {
            GatewayAddressOf g => new ServiceLookup(g.Cluster, KubeObjects.IstioSystem, EastWestGatewayService(spec), ServiceField.LoadBalancerIngress, Stage.Gateways),
            EgressGatewayIpOf e => new ServiceLookup(e.Cluster, KubeObjects.IstioSystem, "istio-egressgateway", ServiceField.ClusterIp, Stage.Gateways),
            IstioCoreDnsIpOf d => new ServiceLookup(d.Cluster, KubeObjects.IstioSystem, "istiocoredns", ServiceField.ClusterIp, Stage.ControlPlane),
            _ => null,
        };
    }

    /// <summary>The east-west gateway Service: the legacy profile reuses the ingress gateway for 15443.</summary>
    public static string EastWestGatewayService(MeshSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Profile == Profile.LegacyGateways ? "istio-ingressgateway" : "istio-eastwestgateway";
    }
}

/// <summary>A Service field read at deploy time, after the objects of <paramref name="After"/> exist.</summary>
public sealed record ServiceLookup(string Cluster, string Namespace, string Name, ServiceField Field, Stage After);

/// <summary>Which field of a Service holds the value.</summary>
public enum ServiceField
{
    /// <summary>status.loadBalancer.ingress[0]: its ip, else its hostname.</summary>
    LoadBalancerIngress,

    /// <summary>spec.clusterIP.</summary>
    ClusterIp,
}
