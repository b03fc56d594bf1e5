using System.Text.RegularExpressions;

namespace MeshStack.Cli.Tests.Render;

public class RenderDeployValuesTests
{
    [Fact]
    public void A_generated_mesh_id_reaches_the_istiod_values_and_the_lock_file()
    {
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", StackBuilder.Empty()
            .Cluster("cluster1", "192.0.2.1")
            .Cluster("cluster2", "192.0.2.2")
            .Service("httpbin", "bar", "[cluster2]")
            .Build());

        var (exit, _, stderr) = run.Run("render", "Pulumi.a.yaml", "--out", "out");

        Assert.True(exit == 0, stderr);
        var values = File.ReadAllText(Path.Combine(run.Directory, "out", "cluster1", "02-charts", "istiod.values.yaml"));
        Assert.DoesNotContain("<generated mesh ID>", values, StringComparison.Ordinal);
        var meshId = Regex.Match(values, "meshID: (mesh-[0-9a-f]{8})").Groups[1].Value;
        Assert.NotEmpty(meshId);
        Assert.Contains(meshId, File.ReadAllText(Path.Combine(run.Directory, "meshstack.a.lock.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_host_name_gateway_next_to_an_auto_one_gives_DNS_through_the_egress_gateway_service()
    {
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", StackBuilder.Mesh()
            .Cluster("ap-south", "auto")
            .Cluster("eu-west", "192.0.2.1", "egressGateway: true")
            .Cluster("us-east", "gw.us-east.example.com")
            .ServiceWith("httpbin", "bar", "[ap-south, us-east]", "consumers: [eu-west]", "route: egress")
            .Build());

        var (exit, _, stderr) = run.Run("render", "Pulumi.a.yaml", "--out", "out", "--gateway-address", "ap-south=203.0.113.3");

        Assert.True(exit == 0, stderr);
        var routing = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "eu-west", "05-meshconfig"));
        Assert.Contains("resolution: DNS", routing, StringComparison.Ordinal);
        Assert.DoesNotContain("resolution: STATIC", routing, StringComparison.Ordinal);
        Assert.Contains("- address: istio-egressgateway.istio-system.svc.cluster.local", routing, StringComparison.Ordinal);
        Assert.Contains("- address: 203.0.113.3", routing, StringComparison.Ordinal);
        Assert.Contains("- address: gw.us-east.example.com", routing, StringComparison.Ordinal);
    }
}
