using MeshStack.Core.Model;

namespace MeshStack.Core.Config;

/// <summary>The words a stack file uses for each option, so output shows <c>multi-primary</c> and <c>proxy</c>, never enum names.</summary>
public static class ConfigWords
{
    /// <summary><c>multi-primary</c> or <c>legacy-gateways</c>.</summary>
    public static string Of(Profile profile) => profile switch
    {
        Profile.MultiPrimary => "multi-primary",
        Profile.LegacyGateways => "legacy-gateways",
        _ => throw new ArgumentOutOfRangeException(nameof(profile)),
    };

    /// <summary><c>proxy</c>, <c>hosts</c>, <c>kube-dns</c> or <c>coredns-&lt;version&gt;</c>, as <c>dns:</c> takes them.</summary>
    public static string Of(DnsSpec dns)
    {
        ArgumentNullException.ThrowIfNull(dns);
        return dns.Mode switch
        {
            DnsMode.Proxy => "proxy",
            DnsMode.Hosts => dns.CoreDnsVersion is { } v ? $"hosts (CoreDNS {v})" : "hosts",
            DnsMode.KubeDns => "kube-dns",
            DnsMode.CoreDns => $"coredns-{dns.CoreDnsVersion}",
            _ => throw new ArgumentOutOfRangeException(nameof(dns)),
        };
    }

    /// <summary><c>direct</c> or <c>egress</c>.</summary>
    public static string Of(RouteMode route) => route switch
    {
        RouteMode.Direct => "direct",
        RouteMode.Egress => "egress",
        _ => throw new ArgumentOutOfRangeException(nameof(route)),
    };

    /// <summary><c>federation</c> or <c>per-cluster</c>.</summary>
    public static string Of(StackMode mode) => mode switch
    {
        StackMode.Federation => "federation",
        StackMode.PerCluster => "per-cluster",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary><c>global</c>, <c>endpoints</c> or <c>both</c>.</summary>
    public static string Of(DiscoveryMode mode) => mode switch
    {
        DiscoveryMode.Global => "global",
        DiscoveryMode.Endpoints => "endpoints",
        DiscoveryMode.Both => "both",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary><c>none</c>, <c>loadBalancerIP</c>, <c>annotation</c> or <c>externalIPs</c>, as <c>gateway.addressRequest</c> takes them.</summary>
    public static string Of(AddressRequest request) => request switch
    {
        AddressRequest.None => "none",
        AddressRequest.LoadBalancerIp => "loadBalancerIP",
        AddressRequest.Annotation => "annotation",
        AddressRequest.ExternalIps => "externalIPs",
        _ => throw new ArgumentOutOfRangeException(nameof(request)),
    };
}
