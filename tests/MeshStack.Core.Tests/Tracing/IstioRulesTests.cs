using System.Collections.Immutable;
using MeshStack.Core.Plan;
using MeshStack.Core.Tracing;

namespace MeshStack.Core.Tests.Tracing;

/// <summary>The tracer's rules, with cases taken from istio/istio's own tests where they exist.</summary>
public class IstioRulesTests
{
    private static readonly ImmutableDictionary<string, string> NoLabels = ImmutableDictionary<string, string>.Empty;

    private static Endpoint Ep(string network, string tlsMode = "istio", params (string, string)[] labels) =>
        new(new Scalar("10.0.0.1"), 80, labels.ToImmutableDictionary(l => l.Item1, l => l.Item2), network, tlsMode);

    // pilot/pkg/xds/endpoints/ep_filters_test.go, networkFiltered: networks 1 and 2 have gateways, network4 has none.
    // From network1: network1 endpoints direct, network2 endpoints through network2's gateway, network4 direct.
    // From network4: network4 direct, networks 1 and 2 through their gateways.
    [Theory]
    [InlineData("network1", "network1", "Direct")]
    [InlineData("network1", "network2", "ViaNetworkGateway")]
    [InlineData("network1", "network4", "Direct")]
    [InlineData("network2", "network1", "ViaNetworkGateway")]
    [InlineData("network4", "network4", "Direct")]
    [InlineData("network4", "network2", "ViaNetworkGateway")]
    [InlineData("network1", "", "Direct")]
    public void Split_horizon_follows_ep_filters_test_networkFiltered(string proxy, string endpoint, string expected)
    {
        var withGateways = ImmutableHashSet.Create("network1", "network2");

        Assert.Equal(Enum.Parse<NetworkDecision>(expected), IstioRules.ByNetwork(proxy, withGateways, Ep(endpoint), mtls: true));
    }

    [Fact]
    public void A_cross_network_endpoint_without_mTLS_is_dropped()
    {
        // ep_filters.go: "Cross-network traffic relies on mTLS to be enabled for SNI routing".
        Assert.Equal(NetworkDecision.Dropped, IstioRules.ByNetwork("network1", ["network2"], Ep("network2", "disabled"), mtls: false));
    }

    // pilot/pkg/xds/endpoints/ep_filters_test.go, mtlsCases for DestinationRule (PeerAuthentication is not modelled).
    [Theory]
    [InlineData("mtls-on-destination-level", "ISTIO_MUTUAL", null, null, null, true)]
    [InlineData("mtls-off-destination-level", "DISABLE", null, null, null, false)]
    [InlineData("mtls-off-subset-level", "ISTIO_MUTUAL", "disable-tls", "DISABLE", "disable-tls", false)]
    [InlineData("mtls-on-subset-level", "DISABLE", "enable-tls", "ISTIO_MUTUAL", "enable-tls", true)]
    public void Destination_rule_tls_decides_mTLS_as_in_mtlsCases(string upstreamCase, string top, string? subset, string? subsetTls, string? calledSubset, bool enabled)
    {
        var rule = new DestinationRuleModel("ns", "example.ns.svc.cluster.local", top,
            subset is null ? [] : [(subset, ImmutableDictionary<string, string>.Empty.Add("app", "example"), subsetTls)]);

        Assert.True(enabled == IstioRules.MtlsEnabled(rule, calledSubset, Ep("network1", "disabled")), upstreamCase);
    }

    [Theory]
    [InlineData("istio", true)]
    [InlineData("disabled", false)]
    public void Without_a_rule_the_endpoint_tls_mode_decides(string tlsMode, bool enabled)
    {
        // mtls_checker.go checkMtlsEnabled: "if endpoint has no sidecar or explicitly tls disabled".
        Assert.Equal(enabled, IstioRules.MtlsEnabled(null, null, Ep("network1", tlsMode)));
    }

    [Fact]
    public void A_subset_without_its_own_tls_falls_back_to_the_endpoint_not_the_top_level()
    {
        // mtls_checker.go tlsModeForDestinationRule returns the subset's policy only: the reason home subsets need
        // endpoints that are mTLS by themselves (injected pods), not a ServiceEntry endpoint with no tlsMode label.
        var rule = new DestinationRuleModel("istio-system", "httpbin.bar.global", "ISTIO_MUTUAL", [("v1", ImmutableDictionary<string, string>.Empty.Add("version", "v1"), null)]);

        Assert.False(IstioRules.MtlsEnabled(rule, "v1", Ep("network2", "disabled")));
        Assert.True(IstioRules.MtlsEnabled(rule, "v1", Ep("network2", "istio")));
        Assert.True(IstioRules.MtlsEnabled(rule, null, Ep("network2", "disabled")));
    }

    [Theory]
    [InlineData(null, "disabled")]
    [InlineData("sa", "istio")]
    public void Service_entry_endpoint_tls_mode_follows_conversion_go(string? serviceAccount, string mode)
    {
        // conversion.go getTLSModeFromWorkloadEntry: label first, else serviceAccount, else disabled.
        Assert.Equal(mode, Endpoint.TlsModeOfWorkloadEntry(NoLabels, serviceAccount));
        Assert.Equal("istio", Endpoint.TlsModeOfWorkloadEntry(NoLabels.Add("security.istio.io/tlsMode", "istio"), null));
        Assert.Equal("disabled", Endpoint.TlsModeOfWorkloadEntry(NoLabels.Add("security.istio.io/tlsMode", "disabled"), "sa"));
    }

    [Theory]
    [InlineData("1.30.3", null, true)]
    [InlineData("1.30.3", "network1", true)]
    [InlineData("1.30.3", "external", false)]
    [InlineData("1.7.8", null, true)]
    [InlineData("1.7.8", "external", false)]
    [InlineData("1.6.14", null, false)]
    [InlineData("1.6.14", "network1", true)]
    [InlineData("1.6.14", "external", false)]
    public void A_network_view_hides_other_networks_and_from_1_7_never_the_undefined_one(string version, string? endpointNetwork, bool visible)
    {
        // proxy_view.go@1.30.3 newProxyView and context.go@1.7.8 GetNetworkView: the requested networks plus the undefined
        // one; context.go@1.6.14 GetNetworkView: the requested networks only.
        Assert.True(Model.IstioVersion.TryParse(version, out var v));
        var view = IstioRules.RequestedView("network1,network2", v);

        Assert.Equal(visible, IstioRules.Visible(view, endpointNetwork ?? ""));
    }

    [Fact]
    public void Without_a_request_a_proxy_sees_every_network_from_1_7_and_only_the_unnamed_one_on_1_6()
    {
        Assert.Null(IstioRules.RequestedView(null, Model.IstioVersion.Current));
        Assert.Null(IstioRules.RequestedView("", Model.IstioVersion.LegacyDefault));
        Assert.Equal([""], IstioRules.RequestedView(null, new Model.IstioVersion(1, 6, 14))!);
        // StringList keeps empty items: a trailing comma requests the unnamed network on 1.6.
        Assert.True(IstioRules.Visible(IstioRules.RequestedView("network1,", new Model.IstioVersion(1, 6, 14)), ""));
    }

    [Fact]
    public void Subset_labels_must_all_be_on_the_endpoint()
    {
        var ep = Ep("n", "istio", ("version", "v1"), ("app", "httpbin"));

        Assert.True(IstioRules.InSubset(NoLabels.Add("version", "v1"), ep));
        Assert.False(IstioRules.InSubset(NoLabels.Add("version", "v2"), ep));
        Assert.True(IstioRules.InSubset(NoLabels, ep));
    }

    [Theory]
    [InlineData("*.global", "httpbin.bar.global", true)]
    [InlineData("*.global", "httpbin.bar.svc.cluster.local", false)]
    [InlineData("httpbin.bar.global", "httpbin.bar.global", true)]
    [InlineData("*", "anything", true)]
    public void Gateway_hosts_match_exactly_or_by_wildcard(string pattern, string host, bool matches) =>
        Assert.Equal(matches, IstioRules.HostMatches(pattern, host));

    [Fact]
    public void The_sni_is_the_subset_key() =>
        Assert.Equal("outbound_.8000_.v1_.httpbin.bar.global", IstioRules.Sni(8000, "v1", "httpbin.bar.global"));
}
