namespace MeshStack.Core.Model;

/// <summary>Where the other clusters reach this cluster's east-west gateway.</summary>
public sealed record GatewaySpec
{
    /// <summary>How the address is known.</summary>
    public required GatewayAddress Address { get; init; }

    /// <summary>When set, the gateway is a NodePort Service and peers use this port instead of 15443.</summary>
    public int? NodePort { get; init; }

    /// <summary>The port peers send cross-cluster traffic to.</summary>
    public int PeerPort => NodePort ?? WellKnownPorts.CrossNetwork;

    /// <summary>
    /// How the east-west Service asks the load balancer for an explicit IP <see cref="Address"/>; null: the default
    /// (<see cref="AddressRequest.LoadBalancerIp"/> for an IP on a LoadBalancer Service, else none).
    /// </summary>
    public AddressRequest? Request { get; init; }

    /// <summary>The annotation key for <see cref="AddressRequest.Annotation"/> (default <see cref="DefaultRequestAnnotation"/>).</summary>
    public string? RequestAnnotation { get; init; }

    /// <summary>MetalLB's annotation for the addresses a LoadBalancer Service wants (MetalLB 0.13+).</summary>
    public const string DefaultRequestAnnotation = "metallb.universe.tf/loadBalancerIPs";
}

/// <summary>How the east-west Service asks for the configured IP address.</summary>
public enum AddressRequest
{
    /// <summary>Nothing is asked: the address reaches the gateway by means outside MeshStack.</summary>
    None,

    /// <summary><c>spec.loadBalancerIP</c> (deprecated by Kubernetes but honoured by MetalLB, GKE, AKS and cloud-provider-kind).</summary>
    LoadBalancerIp,

    /// <summary>An annotation the load-balancer controller reads (MetalLB's <c>metallb.universe.tf/loadBalancerIPs</c>, a cloud's).</summary>
    Annotation,

    /// <summary><c>spec.externalIPs</c>: kube-proxy accepts the address on every node, and istiod reads it directly.</summary>
    ExternalIps,
}

/// <summary>The gateway address: discovered from the LoadBalancer status at deploy time, or given.</summary>
public abstract record GatewayAddress
{
    /// <summary>The LoadBalancer status (ingress IP or hostname), known only at deploy time.</summary>
    public record Auto : GatewayAddress;

    /// <summary>
    /// An address the deploying program gives as a Pulumi input (a cloud load balancer's host name output): explicit,
    /// so nothing waits for a LoadBalancer status, but, as with <see cref="Auto"/>, IP or host name is known only at
    /// deploy time (everything that depends on it is a deploy-time value).
    /// </summary>
    public sealed record DeployTime : Auto;

    /// <summary>A fixed IPv4 or IPv6 address.</summary>
    public sealed record Ip(string Value) : GatewayAddress;

    /// <summary>A fixed DNS name.</summary>
    public sealed record Hostname(string Value) : GatewayAddress;
}

/// <summary>Ports with a fixed meaning in Istio's multi-network topology.</summary>
internal static class WellKnownPorts
{
    /// <summary>mTLS cross-network traffic (SNI, AUTO_PASSTHROUGH).</summary>
    public const int CrossNetwork = 15443;

    /// <summary>Gateway health/status; listed first because load-balancer health checks use the first port.</summary>
    public const int Status = 15021;

    /// <summary>istiod's xDS over TLS, exposed for remote clusters.</summary>
    public const int IstiodTls = 15012;

    /// <summary>istiod webhook, exposed for remote clusters.</summary>
    public const int IstiodWebhook = 15017;
}
