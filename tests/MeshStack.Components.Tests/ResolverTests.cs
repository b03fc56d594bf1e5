using MeshStack.Core.Plan;
using Pulumi;

namespace MeshStack.Components.Tests;

public class ResolverTests
{
    private sealed record MergedCorefileOf(string Cluster) : DeployValue
    {
        public override string Describe() => $"merged Corefile of {Cluster}";
    }

    [Fact]
    public void A_value_kind_nobody_provides_fails_naming_the_kind()
    {
        var resolver = new DeployValueOutputs();
        _ = resolver.Resolve(new MergedCorefileOf("cluster1"));
        var error = Assert.Throws<InvalidOperationException>(resolver.Seal);
        Assert.Contains("MergedCorefileOf (merged Corefile of cluster1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_kind_is_wrapped_as_a_secret_even_when_provided_plain()
    {
        var resolver = new DeployValueOutputs();
        var value = new CaFileOf("cluster1", CaFile.CaKey);
        var asked = resolver.Resolve(value);
        resolver.Provide(value, Output.Create("key"));
        resolver.Seal();
        Assert.True(await Output.IsSecretAsync(asked));
        Assert.Equal("key", await Pulumi.Utilities.OutputUtilities.GetValueAsync(asked));
    }

    [Theory]
    [InlineData("203.0.113.1", "203.0.113.2", "STATIC", "10.0.0.9")]
    [InlineData("203.0.113.1", "gw.example.com", "DNS", "istio-egressgateway.istio-system.svc.cluster.local")]
    public async Task Egress_resolution_and_endpoint_follow_the_remote_gateway_addresses(string a, string b, string resolution, string endpoint)
    {
        var resolver = new DeployValueOutputs();
        resolver.Provide(new GatewayAddressOf("a"), Output.Create(a));
        resolver.Provide(new GatewayAddressOf("b"), Output.Create(b));
        resolver.Provide(new EgressGatewayIpOf("c"), Output.Create("10.0.0.9"));
        Assert.Equal(resolution, await Pulumi.Utilities.OutputUtilities.GetValueAsync(resolver.Resolve(new ResolutionFor("a,b"))));
        Assert.Equal(endpoint, await Pulumi.Utilities.OutputUtilities.GetValueAsync(resolver.Resolve(new EgressEndpointFor("c", "a,b"))));
    }
}
