using MeshStack.Core.Deployment;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Tests.Validation;

/// <summary>
/// Issue 21 item 9: warnings for configs that compile but put traffic at risk: an address pool inside a range clusters
/// use, a service port Istio's proxies claim, and an Istio downgrade against the deployed record.
/// </summary>
public class IstioHazardWarningTests
{
    private static string Dev => File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml"));

    [Theory]
    [InlineData("10.200.0.0/16", "10.0.0.0/8")]
    [InlineData("172.20.0.0/16", "172.16.0.0/12")]
    [InlineData("192.168.100.0/24", "192.168.0.0/16")]
    [InlineData("100.64.0.0/16", "100.64.0.0/10")]
    [InlineData("0.0.0.0/0", "10.0.0.0/8")]
    public void A_pool_overlapping_a_common_cluster_range_warns_at_the_pool(string pool, string range)
    {
        var result = CompilationHelper.Compile(StackBuilder.TwoClusters().WithLines($"  meshstack:addressPool: {pool}").Build());
        var d = Assert.Single(result.Diagnostics, d => d.Code == "MSH191" && d.Message.Contains($"overlaps {range} ", StringComparison.Ordinal));
        Assert.Equal((Severity.Warning, "meshstack:addressPool"), (d.Severity, d.Path));
    }

    [Theory]
    [InlineData("240.0.0.0/16")]
    [InlineData("198.18.0.0/15")]
    public void A_pool_outside_them_does_not(string pool)
    {
        var result = CompilationHelper.Compile(StackBuilder.TwoClusters().WithLines($"  meshstack:addressPool: {pool}").Build());
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "MSH191");
    }

    [Theory]
    [InlineData(15000, true)]
    [InlineData(15021, true)]
    [InlineData(15090, true)]
    [InlineData(14999, false)]
    [InlineData(15091, false)]
    public void A_port_in_istios_range_warns_at_its_number(int number, bool warns)
    {
        var services = $"""
                - name: httpbin
                  namespace: bar
                  clusters: [cluster2]
                  ports: [{"{"} name: http1, number: 8000 {"}"}, {"{"} name: tcp2, number: {number} {"}"}]
            """;
        var result = CompilationHelper.Compile(Stacks.TwoClusters(services));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var found = result.Diagnostics.Where(d => d.Code == "MSH192").ToList();
        if (!warns)
        {
            Assert.Empty(found);
            return;
        }

        var d = Assert.Single(found);
        Assert.Equal((Severity.Warning, "meshstack:services[0].ports[1].number"), (d.Severity, d.Path));
        Assert.NotNull(d.Position);
    }

    [Fact]
    public void A_downgrade_against_the_deployed_record_warns_at_the_istio_version()
    {
        var previous = new DeploymentRecord { IstioVersion = "1.30.3" };
        var older = Dev.Replace("version: 1.30.3", "version: 1.29.0", StringComparison.Ordinal);
        Assert.NotEqual(Dev, older);
        var result = CompilationHelper.Compile(older, options: new CompileOptions { Previous = previous });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var d = Assert.Single(result.Diagnostics, d => d.Code == "MSH193");
        Assert.Equal((Severity.Warning, "meshstack:istio.version"), (d.Severity, d.Path));
        Assert.Contains("older than the deployed 1.30.3", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.30.3")]
    [InlineData("1.29.0")]
    [InlineData(null)]
    public void The_same_version_an_upgrade_or_an_unknown_record_does_not(string? deployed)
    {
        var result = CompilationHelper.Compile(Dev, options: new CompileOptions { Previous = new DeploymentRecord { IstioVersion = deployed } });
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "MSH193");
    }
}
