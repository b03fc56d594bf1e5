using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Istio;

/// <summary>
/// How a cluster's east-west gateway address gets where it is needed: how the gateway Service asks the load balancer
/// for a configured IP, and, with endpoint discovery, how every istiod learns the address. istiod knows a network
/// gateway only from what it reads: a Service labelled <c>topology.istio.io/network</c> with an address in its
/// LoadBalancer status, its <c>externalIPs</c>, or (NodePort with the <c>traffic.istio.io/nodeSelector</c> annotation)
/// its nodes' ExternalIPs (pilot/pkg/serviceregistry/kube/conversion.go@1.30.3:118-158,
/// kube/controller/network.go@1.30.3:270-352), or a <c>meshNetworks</c> gateway with an address
/// (pilot/pkg/model/network.go@1.30.3:147-161).
/// </summary>
public static class GatewayAddressing
{
    /// <summary>
    /// What the east-west Service asks for: by default an explicit IP on a LoadBalancer gateway is requested as
    /// <c>spec.loadBalancerIP</c>; nothing else can be requested (SpecReader refuses it, MSH188).
    /// </summary>
    public static AddressRequest RequestOf(ClusterSpec cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var requestable = cluster.Gateway.Address is GatewayAddress.Ip && cluster.Gateway.NodePort is null;
        return requestable ? cluster.Gateway.Request ?? AddressRequest.LoadBalancerIp : AddressRequest.None;
    }

    /// <summary>The annotation key of <see cref="AddressRequest.Annotation"/>.</summary>
    public static string AnnotationOf(ClusterSpec cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Gateway.RequestAnnotation ?? GatewaySpec.DefaultRequestAnnotation;
    }

    /// <summary>
    /// How istiod learns the address, per case. <c>auto</c> and deploy-time addresses: the LoadBalancer status of the
    /// chart's labelled Service. An explicit IP or host name: <c>meshNetworks</c> <c>gateways: [{address, port}]</c>, the
    /// documented way for a given address (istiod chart values.yaml@1.30.3:466-492), and the only one for a NodePort
    /// gateway whose node has no ExternalIP (kind), with the nodePort as port. MeshStack writes no nodeSelector
    /// annotation: istiod would then add every selected node's ExternalIP as a further gateway, addresses MeshStack
    /// cannot check. With <c>discovery: global</c> the caller ServiceEntries carry the address and istiod needs none.
    /// </summary>
    public static IstiodAddressSource SourceOf(MeshSpec spec, ClusterSpec cluster)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cluster);
        if (!spec.DiscoversEndpoints)
        {
            return IstiodAddressSource.NotNeeded;
        }

        return cluster.Gateway.Address is GatewayAddress.Ip or GatewayAddress.Hostname ? IstiodAddressSource.MeshNetworks : IstiodAddressSource.LoadBalancerStatus;
    }

    /// <summary>The plan's one-line account: what is requested, and what carries the address to istiod.</summary>
    public static string Describe(MeshSpec spec, ClusterSpec cluster)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cluster);
        var request = RequestOf(cluster) switch
        {
            AddressRequest.LoadBalancerIp => "requested as spec.loadBalancerIP",
            AddressRequest.Annotation => $"requested by annotation {AnnotationOf(cluster)}",
            AddressRequest.ExternalIps => "set as spec.externalIPs",
            _ when cluster.Gateway.NodePort is not null => "a node's address (NodePort)",
            _ when cluster.Gateway.Address is GatewayAddress.Hostname => "a name you point at the gateway",
            _ when cluster.Gateway.Address is GatewayAddress.Ip => "not requested (addressRequest: none)",
            _ => "assigned by the load balancer",
        };
        var istiod = SourceOf(spec, cluster) switch
        {
            IstiodAddressSource.MeshNetworks => "; istiod: meshNetworks",
            IstiodAddressSource.LoadBalancerStatus => "; istiod: LoadBalancer status",
            _ => "",
        };
        return request + istiod;
    }

    /// <summary>The word for <paramref name="source"/> in <c>plan --json</c>.</summary>
    public static string Word(IstiodAddressSource source) => source switch
    {
        IstiodAddressSource.MeshNetworks => "meshNetworks",
        IstiodAddressSource.LoadBalancerStatus => "loadBalancerStatus",
        _ => "none",
    };

    /// <summary>
    /// istiod's <c>global.meshNetworks</c>, the same in every cluster: each network with a gateway whose address is
    /// given gets that address and the port peers use (15443 or the nodePort), and every cluster of the network as
    /// <c>fromRegistry</c> (its cluster ID), as istio.io's meshNetworks examples write it. Null when no address is
    /// carried this way.
    /// </summary>
    public static MapValue? MeshNetworks(MeshSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var carried = spec.Clusters.Where(c => SourceOf(spec, c) == IstiodAddressSource.MeshNetworks).ToList();
        if (carried.Count == 0)
        {
            return null;
        }

        var networks = carried.Select(c => c.Network).Distinct().Order(StringComparer.Ordinal).Select(network =>
            KeyValuePair.Create(network, (Value)Value.Map(
                ("endpoints", Value.List([.. spec.Clusters.Where(c => c.Network == network).Select(c => (Value)Value.Map(("fromRegistry", c.Name)))])),
                ("gateways", Value.List([.. carried.Where(c => c.Network == network).Select(c => (Value)Value.Map(("address", AddressText(c)), ("port", c.Gateway.PeerPort)))])))));
        return new MapValue([.. networks]);
    }

    private static string AddressText(ClusterSpec c) => c.Gateway.Address switch
    {
        GatewayAddress.Ip ip => ip.Value,
        GatewayAddress.Hostname h => h.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(c), "only a given address goes into meshNetworks"),
    };
}

/// <summary>What carries a gateway's address to istiod.</summary>
public enum IstiodAddressSource
{
    /// <summary>istiod needs no gateway address (<c>discovery: global</c>: the ServiceEntries carry it).</summary>
    NotNeeded,

    /// <summary>The LoadBalancer status of the network-labelled Service, known only at deploy time.</summary>
    LoadBalancerStatus,

    /// <summary>A <c>meshNetworks</c> gateway in every istiod's values.</summary>
    MeshNetworks,
}
