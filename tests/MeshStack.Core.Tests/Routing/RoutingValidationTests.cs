using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Tests.Routing;

public class RoutingValidationTests
{
    // cluster1 (gateway, egress gateway) calls httpbin in cluster2; versions are the service's extra lines.
    private static List<(string Code, Severity Severity, string Path, string Message)> Diagnose(
        string profile = "multi-primary", string gateway1 = "{ address: 192.0.2.1 }", string egress = "false", string route = "direct", string versions = "")
    {
        var text = StackBuilder.Empty()
            .With("profile", profile)
            .WithLines(profile == "legacy-gateways" ? RoutingFixtures.LegacyIstio : "")
            .Cluster("cluster1", null, $"gateway: {gateway1}", $"egressGateway: {egress}")
            .Cluster("cluster2", "192.0.2.2")
            .ServiceWith("httpbin", "bar", "[cluster2]", versions.Length == 0 ? [$"route: {route}"] : [$"route: {route}", versions])
            .Build();
        return CompilationHelper.Compile(text).Diagnostics.Select(d => (d.Code, d.Severity, d.Path, d.Message)).ToList();
    }

    [Fact]
    public void Valid_two_cluster_config_has_no_diagnostics() => Assert.Empty(Diagnose());

    [Theory]
    [InlineData("{ nodePort: 31443 }")]
    [InlineData("{ address: auto, nodePort: 31443 }")]
    public void Node_port_without_an_explicit_address_is_MSH046(string gateway)
    {
        var d = Assert.Single(Diagnose(gateway1: gateway));

        Assert.Equal(("MSH046", Severity.Error, "meshstack:clusters[0].gateway.address"), (d.Code, d.Severity, d.Path));
        Assert.Contains("nodePort 31443", d.Message, StringComparison.Ordinal);
        Assert.Contains("'auto'", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ address: 192.0.2.1, nodePort: 31443 }")]
    [InlineData("{ address: node1.example.com, nodePort: 31443 }")]
    public void Node_port_with_a_node_address_is_accepted(string gateway) => Assert.Empty(Diagnose(gateway1: gateway));

    [Fact]
    public void Node_port_outside_the_node_port_range_is_MSH041()
    {
        var d = Assert.Single(Diagnose(gateway1: "{ address: 192.0.2.1, nodePort: 15443 }"));

        Assert.Equal(("MSH041", "meshstack:clusters[0].gateway.nodePort"), (d.Code, d.Path));
        Assert.Contains("15443", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Global_gateway_request_in_the_legacy_profile_is_MSH044()
    {
        var d = Assert.Single(Diagnose(profile: "legacy-gateways", gateway1: "{ address: 192.0.2.1, globalGateway: true }"), x => x.Code != "MSH067");

        Assert.Equal(("MSH044", Severity.Error, "meshstack:clusters[0].gateway.globalGateway"), (d.Code, d.Severity, d.Path));
        Assert.Contains("15443", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Global_gateway_request_in_the_multi_primary_profile_is_accepted() =>
        Assert.Empty(Diagnose(gateway1: "{ address: 192.0.2.1, globalGateway: true }"));

    [Fact]
    public void Egress_route_without_an_egress_gateway_in_the_consumer_is_MSH042()
    {
        var d = Assert.Single(Diagnose(route: "egress"));

        Assert.Equal(("MSH042", Severity.Error, "meshstack:services[0].route"), (d.Code, d.Severity, d.Path));
        Assert.Contains("'cluster1'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Egress_route_with_an_egress_gateway_is_accepted() => Assert.Empty(Diagnose(route: "egress", egress: "true"));

    [Theory]
    [InlineData("weights: { v1: 60, v2: 30 }", "meshstack:services[0].weights", "add up to 90")]
    [InlineData("weights: { v1: 60, v3: 40 }", "meshstack:services[0].weights.v3", "'v3' is not a declared version")]
    [InlineData("weights: { v1: 120, v2: 0 }", "meshstack:services[0].weights.v1", "120 is outside 0-100")]
    public void Bad_weights_are_MSH045(string weights, string path, string message)
    {
        var diagnostics = Diagnose(versions: $"versions: [v1, v2]\n      {weights}");

        var d = Assert.Single(diagnostics, x => x.Path == path);
        Assert.Equal(("MSH045", Severity.Error), (d.Code, d.Severity));
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        Assert.All(diagnostics, x => Assert.Equal("MSH045", x.Code));
    }

    [Fact]
    public void Weights_adding_up_to_100_are_accepted() =>
        Assert.Empty(Diagnose(versions: "versions: [v1, v2]\n      weights: { v1: 90, v2: 10 }"));

    [Fact]
    public void Version_listed_twice_is_MSH043()
    {
        var d = Assert.Single(Diagnose(versions: "versions: [v1, v1]"));

        Assert.Equal(("MSH043", "meshstack:services[0].versions[1]"), (d.Code, d.Path));
    }
}
