using System.Collections.Immutable;
using MeshStack.Core.Model;

namespace MeshStack.Core.Dns;

/// <summary>
/// Which Corefile directives each CoreDNS release knows, from upstream <c>plugin.cfg</c> at each tag
/// (a test compares this table with the reference copy). A version between two known tags has the plugins
/// of the newest known tag not after it.
/// </summary>
internal static class CoreDnsPlugins
{
    /// <summary>The legacy profile's default when a cluster does not say (Kubernetes 1.19's CoreDNS).</summary>
    public static readonly CoreDnsVersion LegacyDefault = new(1, 7, 0);

    /// <summary>The oldest release MeshStack knows.</summary>
    public static readonly CoreDnsVersion Oldest = new(1, 2, 6);

    /// <summary>Known tags and their directive sets.</summary>
    public static ImmutableSortedDictionary<CoreDnsVersion, ImmutableHashSet<string>> ByVersion { get; } = Build();

    /// <summary>True when the version is not older than the oldest known tag.</summary>
    public static bool IsKnown(CoreDnsVersion version) => version >= Oldest;

    /// <summary>The directive set of the newest known tag not after <paramref name="version"/>.</summary>
    public static ImmutableHashSet<string> For(CoreDnsVersion version) =>
        ByVersion.Where(kv => kv.Key <= version).Select(kv => kv.Value).LastOrDefault() ?? ByVersion.First().Value;

    /// <summary>True when the version's Corefile knows the directive.</summary>
    public static bool Has(CoreDnsVersion version, string directive) => For(version).Contains(directive);

    private static ImmutableSortedDictionary<CoreDnsVersion, ImmutableHashSet<string>> Build() =>
        new Dictionary<CoreDnsVersion, ImmutableHashSet<string>>
        {
            [new CoreDnsVersion(1, 2, 6)] = Set("metadata tls reload nsid root bind debug trace health pprof prometheus errors log dnstap chaos loadbalance cache rewrite dnssec autopath template hosts route53 federation kubernetes file auto secondary etcd loop forward proxy erratic whoami on"),
            [new CoreDnsVersion(1, 3, 0)] = Set("metadata tls reload nsid root bind debug trace health pprof prometheus errors log dnstap chaos loadbalance cache rewrite dnssec autopath template hosts route53 federation k8s_external kubernetes file auto secondary etcd loop forward proxy erratic whoami on"),
            [new CoreDnsVersion(1, 3, 1)] = Set("metadata tls reload nsid root bind debug trace health pprof prometheus errors log dnstap chaos loadbalance cache rewrite dnssec autopath template hosts route53 federation k8s_external kubernetes file auto secondary etcd loop forward proxy erratic whoami on"),
            [new CoreDnsVersion(1, 4, 0)] = Set("metadata tls reload nsid root bind debug trace health pprof prometheus errors log dnstap chaos loadbalance cache rewrite dnssec autopath template hosts route53 federation k8s_external kubernetes file auto secondary etcd loop forward proxy erratic whoami on"),
            [new CoreDnsVersion(1, 5, 0)] = Set("metadata cancel tls reload nsid root bind debug trace ready health pprof prometheus errors log dnstap chaos loadbalance cache rewrite dnssec autopath template hosts route53 federation k8s_external kubernetes file auto secondary etcd loop forward grpc erratic whoami on"),
            [new CoreDnsVersion(1, 5, 2)] = Set("metadata cancel tls reload nsid root bind debug trace ready health pprof prometheus errors log dnstap any chaos loadbalance cache rewrite dnssec autopath template hosts route53 federation k8s_external kubernetes file auto secondary etcd loop forward grpc erratic whoami on"),
            [new CoreDnsVersion(1, 6, 0)] = Set("metadata cancel tls reload nsid root bind debug trace ready health pprof prometheus errors log dnstap any chaos loadbalance cache rewrite dnssec autopath template hosts route53 federation k8s_external kubernetes file auto secondary etcd loop forward grpc erratic whoami on"),
            [new CoreDnsVersion(1, 6, 2)] = Set("metadata cancel tls reload nsid root bind debug trace ready health pprof prometheus errors log dnstap any chaos loadbalance cache rewrite dnssec autopath template hosts route53 azure federation k8s_external kubernetes file auto secondary etcd loop forward grpc erratic whoami on"),
            [new CoreDnsVersion(1, 6, 7)] = Set("metadata cancel tls reload nsid bufsize root bind debug trace ready health pprof prometheus errors log dnstap acl any chaos loadbalance cache rewrite dnssec autopath template transfer hosts route53 azure clouddns federation k8s_external kubernetes file auto secondary etcd loop forward grpc erratic whoami on sign"),
            [new CoreDnsVersion(1, 7, 0)] = Set("metadata cancel tls reload nsid bufsize root bind debug trace ready health pprof prometheus errors log dnstap dns64 acl any chaos loadbalance cache rewrite dnssec autopath template transfer hosts route53 azure clouddns k8s_external kubernetes file auto secondary etcd loop forward grpc erratic whoami on sign"),
            [new CoreDnsVersion(1, 8, 0)] = Set("metadata cancel tls reload nsid bufsize root bind debug trace ready health pprof prometheus errors log dnstap dns64 acl any chaos loadbalance cache rewrite dnssec autopath template transfer hosts route53 azure clouddns k8s_external kubernetes file auto secondary etcd loop forward grpc erratic whoami on sign"),
            [new CoreDnsVersion(1, 14, 7)] = Set("root metadata geoip cancel proxyproto quic grpc_server https https3 timeouts multisocket reload nsid bufsize bind debug trace ready health pprof shed prometheus errors log dnstap local dns64 any chaos loadbalance tsig rewrite autopath acl cache header dnssec tls minimal template transfer hosts route53 azure clouddns k8s_external kubernetes file auto secondary etcd loop forward grpc erratic whoami on sign view nomad"),
        }.ToImmutableSortedDictionary();

    private static ImmutableHashSet<string> Set(string directives) =>
        directives.Split(' ').ToImmutableHashSet(StringComparer.Ordinal);
}
