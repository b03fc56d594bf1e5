using System.Text.Json;

namespace MeshStack.Cli.Tests.Commands;

public class PlanCommandTests
{
    [Fact]
    public void Table_lists_the_address_and_the_objects_per_cluster()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        var (exit, stdout, _) = run.Run("plan");
        Assert.Equal(0, exit);
        Assert.Contains("httpbin.bar.global  240.0.0.2  cluster2  cluster1", stdout, StringComparison.Ordinal);
        Assert.Contains("cluster1: in order", stdout, StringComparison.Ordinal);
        Assert.Contains("ServiceEntry/istio-system/httpbin.bar.global", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_holds_addresses_and_manifests_but_no_secret_content()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        var (exit, stdout, _) = run.Run("plan", "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("240.0.0.2", doc.RootElement.GetProperty("addresses").GetProperty("httpbin.bar").GetString());
        var cluster1 = doc.RootElement.GetProperty("clusters").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "cluster1");
        var secret = cluster1.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "Secret/istio-system/cacerts");
        var key = secret.GetProperty("manifest").GetProperty("stringData").GetProperty("ca-key.pem");
        Assert.Equal("ca-key.pem of cluster1", key.GetProperty("$secret").GetString());
        Assert.DoesNotContain("PRIVATE KEY", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_draws_clusters_gateways_and_the_call_path()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        var (exit, stdout, _) = run.Run("plan", "--format", "mermaid");
        Assert.Equal(0, exit);
        Assert.StartsWith("flowchart LR\n", stdout, StringComparison.Ordinal);
        Assert.Contains("subgraph c_cluster2[\"cluster2 (network2)\"]", stdout, StringComparison.Ordinal);
        Assert.Contains("c_cluster1 -- \"httpbin.bar.global\" --> gw_cluster2", stdout, StringComparison.Ordinal);
    }
}
