using System.Reflection;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Tests.Catalogue;

/// <summary>
/// The exact text of every way a traced path dies (<see cref="TraceFinding"/>), one row per factory: the tracer passes
/// names, hosts and ports, the finding words them. The tracer's whole output is pinned by TraceOutputGoldenTests.
/// </summary>
public class TraceFindingMessageTests
{
    private const string Host = "httpbin.bar.global";
    private const string Local = "httpbin.bar.svc.cluster.local";
    private const string Sni = "outbound_.8000_.v1_.httpbin.bar.global";
    private const string Ep = "192.0.2.2:15443 (network network2)";

    public static TheoryData<string, string, string> Findings => new()
    {
        // The caller's DNS (MSH180).
        { nameof(TraceFinding.NoServiceEntry), TraceFinding.NoServiceEntry("cluster1", Host).Text, "no ServiceEntry in cluster1 declares 'httpbin.bar.global', so the name does not resolve" },
        { nameof(TraceFinding.EntryHasNoAddress), TraceFinding.EntryHasNoAddress("bar", "httpbin-global", Host).Text, "ServiceEntry bar/httpbin-global has no address, so 'httpbin.bar.global' resolves to nothing" },
        { nameof(TraceFinding.NothingAnswers), TraceFinding.NothingAnswers(Host).Text, "nothing answers for 'httpbin.bar.global': no DNS capture in the sidecars, no global zone or stub in cluster DNS" },
        { nameof(TraceFinding.NoGlobalZoneLine), TraceFinding.NoGlobalZoneLine(Host).Text, "the CoreDNS global zone has no line for 'httpbin.bar.global'" },
        { nameof(TraceFinding.GlobalZoneMismatch), TraceFinding.GlobalZoneMismatch(Host, "240.0.0.3", "240.0.0.2").Text, "the CoreDNS global zone answers 240.0.0.3 for 'httpbin.bar.global', but the ServiceEntry listens on 240.0.0.2" },

        // The caller's sidecar cluster (MSH181).
        { nameof(TraceFinding.EntryHasNoPort), TraceFinding.EntryHasNoPort("bar", "httpbin-global", 8000).Text, "ServiceEntry bar/httpbin-global has no port 8000" },
        { nameof(TraceFinding.UdpPort), TraceFinding.UdpPort(53).Text, "port 53 is UDP: istiod builds no cluster for UDP, and the 15443 gateways carry only TLS" },
        { nameof(TraceFinding.NoCallerSubset), TraceFinding.NoCallerSubset("cluster1", "v1", Host, Sni).Text, "no DestinationRule in cluster1 defines subset 'v1' for 'httpbin.bar.global', so the sidecar has no cluster outbound_.8000_.v1_.httpbin.bar.global" },
        { nameof(TraceFinding.NotTcpPort), TraceFinding.NotTcpPort(53, Local).Text, "port 53 of 'httpbin.bar.svc.cluster.local' is not a TCP port: istiod builds no cluster for it" },

        // Endpoints filtered out (MSH182).
        { nameof(TraceFinding.StaticHostnameEndpoint), TraceFinding.StaticHostnameEndpoint("bar", "httpbin-global", "gw.example.com").Text, "ServiceEntry bar/httpbin-global has resolution STATIC and host-name endpoint 'gw.example.com': istiod refuses it, and EDS drops addresses that are not IPs" },
        { nameof(TraceFinding.NoEndpointAfterSubsetAndNetwork), TraceFinding.NoEndpointAfterSubsetAndNetwork(Sni).Text, "cluster outbound_.8000_.v1_.httpbin.bar.global has no endpoint left after the subset and network filters" },
        { nameof(TraceFinding.NoEndpointAfterEgressFilters), TraceFinding.NoEndpointAfterEgressFilters(Sni).Text, "cluster outbound_.8000_.v1_.httpbin.bar.global has no endpoint left after the subset, network-view and mTLS filters" },
        { nameof(TraceFinding.NoEndpointAfterNetworkFilter), TraceFinding.NoEndpointAfterNetworkFilter(8000, Local).Text, "cluster outbound|8000||httpbin.bar.svc.cluster.local has no endpoint left after the network filter (a remote endpoint must be mTLS)" },

        // Endpoints that lead elsewhere (MSH183).
        { nameof(TraceFinding.UnplannedNetworkGateway), TraceFinding.UnplannedNetworkGateway(Ep, "network2", "cluster1").Text, "endpoint 192.0.2.2:15443 (network network2) is on network 'network2', which cluster1 reaches through a network gateway this mode does not plan" },
        { nameof(TraceFinding.EgressBypassed), TraceFinding.EgressBypassed(Ep, "cluster2").Text, "endpoint 192.0.2.2:15443 (network network2) (gateway of cluster2) is visible to sidecars, so calls bypass the egress gateway" },
        { nameof(TraceFinding.NeitherHomeNorEgressGateway), TraceFinding.NeitherHomeNorEgressGateway(Ep, "cluster1").Text, "endpoint 192.0.2.2:15443 (network network2) is neither a home gateway nor cluster1's egress gateway" },
        { nameof(TraceFinding.NoEgressGateway), TraceFinding.NoEgressGateway("cluster1").Text, "cluster1 runs no egress gateway" },
        { nameof(TraceFinding.EgressSeesItself), TraceFinding.EgressSeesItself(Ep).Text, "the egress gateway sees its own endpoint 192.0.2.2:15443 (network network2) and would send traffic to itself" },
        { nameof(TraceFinding.NotAHomeGateway), TraceFinding.NotAHomeGateway(Ep).Text, "endpoint 192.0.2.2:15443 (network network2) is not a home gateway" },
        { nameof(TraceFinding.NotCrossNetworkPort), TraceFinding.NotCrossNetworkPort("192.0.2.2:443", 15443).Text, "endpoint 192.0.2.2:443 is not the gateway's cross-network port 15443" },
        { nameof(TraceFinding.NoGatewayForNetwork), TraceFinding.NoGatewayForNetwork("pod cluster2/bar/httpbin-0", "network2", "cluster1", "network1").Text, "pod cluster2/bar/httpbin-0 is on network 'network2', for which cluster1's istiod knows no gateway, so the sidecar sends to the pod's address, which network 'network1' cannot reach" },
        { nameof(TraceFinding.NoServiceAtMeshNetworksGateway), TraceFinding.NoServiceAtMeshNetworksGateway("192.0.2.2", 15443, "network2", "topology.istio.io/network").Text, "meshNetworks names gateway 192.0.2.2:15443 for network 'network2', but no Service labelled topology.istio.io/network=network2 listens there (15443 on a LoadBalancer, or that nodePort)" },

        // Listeners (MSH184).
        { nameof(TraceFinding.PlainTextToGateway), TraceFinding.PlainTextToGateway(Ep).Text, "the sidecar sends plain text to 192.0.2.2:15443 (network network2), but a 15443 AUTO_PASSTHROUGH gateway routes only TLS by SNI" },
        { nameof(TraceFinding.PlainTextTowardsGateway), TraceFinding.PlainTextTowardsGateway("cluster2").Text, "the sidecar sends plain text towards cluster2's gateway, but AUTO_PASSTHROUGH routes only TLS by SNI" },
        { nameof(TraceFinding.NoEgressListener), TraceFinding.NoEgressListener(Host).Text, "nothing listens on 15443 for 'httpbin.bar.global' (no AUTO_PASSTHROUGH Gateway server selecting istio=egressgateway)" },
        { nameof(TraceFinding.NoHomeListener), TraceFinding.NoHomeListener(Host, "eastwestgateway").Text, "no AUTO_PASSTHROUGH server on 15443 for 'httpbin.bar.global' selects istio=eastwestgateway" },
        { nameof(TraceFinding.NoCrossNetworkListener), TraceFinding.NoCrossNetworkListener(Local, "eastwestgateway").Text, "no AUTO_PASSTHROUGH server on 15443 for 'httpbin.bar.svc.cluster.local' selects istio=eastwestgateway (the cross-network gateway exposes *.local)" },

        // Gateway clusters (MSH185).
        { nameof(TraceFinding.EgressNotSniDnat), TraceFinding.EgressNotSniDnat(Sni).Text, "the egress gateway's router mode does not end up 'sni-dnat', so istiod builds it no SNI-DNAT cluster and SNI outbound_.8000_.v1_.httpbin.bar.global names none" },
        { nameof(TraceFinding.NoEgressSubset), TraceFinding.NoEgressSubset(Sni, "v1", Host).Text, "no cluster outbound_.8000_.v1_.httpbin.bar.global: no subset 'v1' for 'httpbin.bar.global'" },
        { nameof(TraceFinding.NoHomeSubset), TraceFinding.NoHomeSubset("cluster2", "v1", Host, Sni).Text, "no DestinationRule in cluster2 defines subset 'v1' for 'httpbin.bar.global', so SNI outbound_.8000_.v1_.httpbin.bar.global names no cluster and the connection is closed" },
        { nameof(TraceFinding.NoHomeService), TraceFinding.NoHomeService("cluster2", Host, Sni).Text, "cluster2 has no service 'httpbin.bar.global', so SNI outbound_.8000_.v1_.httpbin.bar.global names no cluster and the connection is closed" },
        { nameof(TraceFinding.NamespaceNeverCreated), TraceFinding.NamespaceNeverCreated("cluster2", "ServiceEntry/bar/httpbin.bar.global", "bar", Sni).Text, "cluster2 never creates ServiceEntry/bar/httpbin.bar.global: nothing creates namespace 'bar', so SNI outbound_.8000_.v1_.httpbin.bar.global names no cluster and the connection is closed" },
        { nameof(TraceFinding.HomeEntryHasNoPort), TraceFinding.HomeEntryHasNoPort("bar", "httpbin-home", "cluster2", 8000).Text, "ServiceEntry bar/httpbin-home in cluster2 has no port 8000" },

        // Pods behind the home gateway (MSH186).
        { nameof(TraceFinding.HomeClusterEmpty), TraceFinding.HomeClusterEmpty(Sni, Host).Text, "cluster outbound_.8000_.v1_.httpbin.bar.global (httpbin.bar.global): it has no endpoints" },
        { nameof(TraceFinding.NoMtlsHomeEndpoint), TraceFinding.NoMtlsHomeEndpoint(Sni, Host, 2, "v1").Text, "cluster outbound_.8000_.v1_.httpbin.bar.global (httpbin.bar.global): none of its 2 endpoint(s) is labelled version=v1 and mTLS" },
        { nameof(TraceFinding.OnlyGatewayAddresses), TraceFinding.OnlyGatewayAddresses(Sni, Host, [Ep, "192.0.2.3:15443"], "cluster3", Host).Text, "cluster outbound_.8000_.v1_.httpbin.bar.global (httpbin.bar.global) holds no pod, only 192.0.2.2:15443 (network network2), 192.0.2.3:15443: the address leads to cluster3's gateway, which is no home of 'httpbin.bar.global'" },
        { nameof(TraceFinding.NoSidecar), TraceFinding.NoSidecar("pod bar/httpbin-0", "bar").Text, "pod bar/httpbin-0 has no sidecar (namespace 'bar' is not labelled istio-injection: enabled), so nothing terminates the caller's mTLS" },
        { nameof(TraceFinding.GatewayDoesNotReadHome), TraceFinding.GatewayDoesNotReadHome("outbound_.8000_._.httpbin.bar.svc.cluster.local", "cluster3", "cluster2").Text, "cluster outbound_.8000_._.httpbin.bar.svc.cluster.local: cluster3's istiod does not read cluster2, so it has none of its pods" },
        { nameof(TraceFinding.CrossNetworkClusterEmpty), TraceFinding.CrossNetworkClusterEmpty("outbound_.8000_._.httpbin.bar.svc.cluster.local").Text, "cluster outbound_.8000_._.httpbin.bar.svc.cluster.local: it has no endpoints" },
        { nameof(TraceFinding.NoMtlsPodOnNetwork), TraceFinding.NoMtlsPodOnNetwork("outbound_.8000_._.httpbin.bar.svc.cluster.local", 3, "network2").Text, "cluster outbound_.8000_._.httpbin.bar.svc.cluster.local: none of its 3 endpoint(s) is mTLS on network network2" },

        // The home pod (MSH140, MSH187).
        { nameof(TraceFinding.IdentityNotAccepted), TraceFinding.IdentityNotAccepted("bar", "httpbin-0", "spiffe://cluster.local/ns/bar/sa/default", "cluster1", "bar", "httpbin-global", ["spiffe://cluster.local/ns/bar/sa/httpbin", "spiffe://cluster.local/ns/bar/sa/web"]).Text, "pod bar/httpbin-0 runs as spiffe://cluster.local/ns/bar/sa/default, but cluster1's ServiceEntry bar/httpbin-global accepts only spiffe://cluster.local/ns/bar/sa/httpbin, spiffe://cluster.local/ns/bar/sa/web; set services[].serviceAccount to the account the pods run as" },
        { nameof(TraceFinding.PodDoesNotListen), TraceFinding.PodDoesNotListen("pod bar/httpbin-0", 8000, Host, 8000, [9090, 8080]).Text, "pod bar/httpbin-0 gets port 8000 for httpbin.bar.global:8000 but listens on 8080, 9090; declare the port the pods listen on as ports[].targetPort" },

        // Remote secrets and cluster.local DNS (MSH170, MSH171).
        { nameof(TraceFinding.NoRemoteSecret), TraceFinding.NoRemoteSecret("cluster2", "cluster1", Local, "cluster2").Text, "no remote secret for cluster ID 'cluster2' in cluster1/istio-system, so its istiod never sees the endpoints of 'httpbin.bar.svc.cluster.local' in cluster2" },
        { nameof(TraceFinding.RemoteSecretReadsOtherServer), TraceFinding.RemoteSecretReadsOtherServer("cluster2", "https://192.0.2.9:6443", "cluster2", "https://192.0.2.2:6443").Text, "the remote secret for 'cluster2' reads https://192.0.2.9:6443, not the API server of cluster2 (https://192.0.2.2:6443)" },
        { nameof(TraceFinding.NoDnsCapture), TraceFinding.NoDnsCapture(Local, ["cluster2", "cluster3"], "cluster1").Text, "the sidecars do not capture DNS (only dns: proxy does), and 'httpbin.bar.svc.cluster.local' has a Service only in cluster2, cluster3, so cluster DNS of cluster1 does not know it" },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void Each_finding_words_what_the_tracer_saw(string factory, string text, string expected)
    {
        Assert.False(string.IsNullOrEmpty(factory));
        Assert.Equal(expected, text);
    }

    [Fact]
    public void The_two_variants_of_a_finding_word_their_own_case()
    {
        Assert.Equal("pod bar/httpbin-0 gets port (a targetPort name the pod does not declare) for httpbin.bar.global:8000 but listens on 8080; declare the port the pods listen on as ports[].targetPort",
            TraceFinding.PodDoesNotListen("pod bar/httpbin-0", 0, Host, 8000, [8080]).Text);
        Assert.Equal("cluster outbound_.8000_._.httpbin.bar.global (httpbin.bar.global): none of its 1 endpoint(s) is mTLS",
            TraceFinding.NoMtlsHomeEndpoint("outbound_.8000_._.httpbin.bar.global", Host, 1, null).Text);
    }

    [Fact]
    public void Every_finding_has_its_row()
    {
        var factories = typeof(TraceFinding).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(TraceFinding)).Select(m => m.Name).ToHashSet();
        var rows = Findings.Select(row => (string)row[0]).ToList();
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(factories.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }
}
