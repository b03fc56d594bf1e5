using MeshStack.Core.Model;

namespace MeshStack.Core.Dns;

/// <summary>
/// The Corefile a cluster is assumed to have when the live one is not available (<c>meshstack render</c> without
/// <c>--corefile</c>). Pulumi always merges into the live Corefile instead. Tests compare each text with its source.
/// </summary>
public static class DefaultCorefiles
{
    /// <summary>
    /// Before 1.4: the <c>.:53</c> block of the Istio guide's "CoreDNS (&lt; 1.4.0)" ConfigMap (kubeadm's default of the time:
    /// <c>proxy</c> and the kubernetes plugin's <c>upstream</c>).
    /// </summary>
    public const string Proxy = """
        .:53 {
            errors
            health
            kubernetes cluster.local in-addr.arpa ip6.arpa {
               pods insecure
               upstream
               fallthrough in-addr.arpa ip6.arpa
            }
            prometheus :9153
            proxy . /etc/resolv.conf
            cache 30
            loop
            reload
            loadbalance
        }

        """;

    /// <summary>1.4: the same block of the guide's "CoreDNS (&gt;= 1.4.0)" ConfigMap (<c>forward</c>).</summary>
    public const string Forward = """
        .:53 {
            errors
            health
            kubernetes cluster.local in-addr.arpa ip6.arpa {
               pods insecure
               upstream
               fallthrough in-addr.arpa ip6.arpa
            }
            prometheus :9153
            forward . /etc/resolv.conf
            cache 30
            loop
            reload
            loadbalance
        }

        """;

    /// <summary>
    /// From 1.7: coredns/deployment's <c>coredns.yaml.sed</c> Corefile as its deploy script fills it in
    /// (cluster.local, in-addr.arpa ip6.arpa, /etc/resolv.conf, no stub domains).
    /// </summary>
    public const string Upstream = """
        .:53 {
            errors
            health {
              lameduck 5s
            }
            ready
            kubernetes cluster.local in-addr.arpa ip6.arpa {
              fallthrough in-addr.arpa ip6.arpa
            }
            prometheus :9153
            forward . /etc/resolv.conf {
              max_concurrent 1000
            }
            cache 30
            loop
            reload
            loadbalance
        }

        """;

    /// <summary>
    /// 1.5 and 1.6: <see cref="Upstream"/> without forward's <c>max_concurrent</c> option, which the forward
    /// plugin's README does not have before 1.7.
    /// </summary>
    public const string UpstreamBefore17 = """
        .:53 {
            errors
            health {
              lameduck 5s
            }
            ready
            kubernetes cluster.local in-addr.arpa ip6.arpa {
              fallthrough in-addr.arpa ip6.arpa
            }
            prometheus :9153
            forward . /etc/resolv.conf
            cache 30
            loop
            reload
            loadbalance
        }

        """;

    /// <summary>The assumed Corefile of a CoreDNS version (an unknown version: the current upstream default).</summary>
    public static string For(CoreDnsVersion? version) => version switch
    {
        null => Upstream,
        { } v when v < GlobalBlocks.ForwardFrom => Proxy,
        { } v when v < GlobalBlocks.ReadyFrom => Forward,
        { } v when v < new CoreDnsVersion(1, 7, 0) => UpstreamBefore17,
        _ => Upstream,
    };
}
