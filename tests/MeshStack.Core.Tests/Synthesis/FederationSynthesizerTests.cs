using MeshStack.Core.Config;
using MeshStack.Core.Model;
using MeshStack.Core.Synthesis;

namespace MeshStack.Core.Tests.Synthesis;

public class FederationSynthesizerTests
{
    [Fact]
    public void Every_service_has_one_caller_side_service_entry_per_consumer()
    {
        var result = CompilationHelper.Compile(FederationSynthesizer.Generate(new SynthesisOptions { Clusters = 10, Services = 500, Seed = 3 }));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var spec = result.Plan!.Spec;
        var callerEntries = result.Plan.Clusters
            .SelectMany(c => c.Objects)
            .Count(o => o.Kind == "ServiceEntry" && spec.Services.Any(s => s.GlobalHost == o.Name && s.Consumers.Contains(o.Cluster)));
        Assert.Equal(spec.Services.Sum(s => s.Consumers.Length), callerEntries);
        Assert.Equal(spec.Services.Sum(s => s.Consumers.Length + s.HomeClusters.Length), result.Plan.Clusters.SelectMany(c => c.Objects).Count(o => o.Kind == "ServiceEntry"));
    }

    [Fact]
    public void The_synthetic_stack_mixes_versions_weights_multi_home_and_egress_services()
    {
        var spec = Read(10, 500);
        Assert.Contains(spec.Services, s => !s.Versions.IsEmpty && s.Weights.IsEmpty);
        Assert.Contains(spec.Services, s => !s.Weights.IsEmpty);
        Assert.Contains(spec.Services, s => s.HomeClusters.Length > 1);
        Assert.Contains(spec.Services, s => s.Route == RouteMode.Egress);
        Assert.Contains(spec.Clusters, c => c.EgressGateway);
        Assert.DoesNotContain(spec.Clusters, c => c.Gateway.Address is GatewayAddress.Auto);
    }

    [Fact]
    public void Fifty_clusters_and_two_thousand_services_give_about_a_hundred_thousand_caller_side_entries()
    {
        var spec = Read(50, 2000);
        var callerEntries = spec.Services.Sum(s => s.Consumers.Length);
        Assert.InRange(callerEntries, 95_000, 100_000);
        Assert.Equal("240.0.0.0/16", spec.AddressPool.ToString());
    }

    [Fact]
    public void Large_federations_get_a_larger_pool()
    {
        Assert.Equal("240.0.0.0/12", FederationSynthesizer.PoolFor(40_000));
        Assert.Equal("240.0.0.0/16", FederationSynthesizer.PoolFor(30_000));
    }

    private static MeshSpec Read(int clusters, int services)
    {
        var (document, _) = StackFile.Parse(FederationSynthesizer.Generate(new SynthesisOptions { Clusters = clusters, Services = services }));
        var (spec, diagnostics) = SpecReader.Read(document!);
        Assert.True(spec is not null, string.Join("\n", diagnostics));
        return spec!;
    }
}
