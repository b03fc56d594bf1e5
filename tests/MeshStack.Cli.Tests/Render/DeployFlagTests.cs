namespace MeshStack.Cli.Tests.Render;

/// <summary>
/// The deploy-time flags of <c>meshstack render</c> are checked before anything is written (issue 15): the values are
/// addresses of the kind the flag takes, the cluster exists and really takes the value at deploy time, no flag repeats.
/// </summary>
public class DeployFlagTests
{
    // cluster1 calls cluster2 through its egress gateway; cluster2's gateway address is known only at deploy time.
    private static readonly string Stack = StackBuilder.Mesh()
        .Cluster("cluster1", "198.51.100.1", "egressGateway: true")
        .Cluster("cluster2", "auto")
        .ServiceWith("httpbin", "bar", "[cluster2]", "route: egress")
        .Build();

    public static TheoryData<string[], string, string> BadFlags() => new()
    {
        { ["--gateway-address", "cluster2=not valid!"], "MSH120", "--gateway-address: 'cluster2=not valid!': 'not valid!' is neither an IP address nor a host name" },
        { ["--gateway-address", "cluster2=203.0.113.7", "--egress-gateway-ip", "cluster1=istio-egressgateway"], "MSH120", "--egress-gateway-ip: 'cluster1=istio-egressgateway': 'istio-egressgateway' is not an IP address" },
        { ["--gateway-address", "nowhere=203.0.113.7"], "MSH121", "--gateway-address: 'nowhere=203.0.113.7': 'nowhere' is not a cluster of this stack; the clusters are cluster1, cluster2" },
        { ["--gateway-address", "cluster1=203.0.113.7"], "MSH122", "--gateway-address: 'cluster1=203.0.113.7': the gateway address of cluster1 is set in the stack file (198.51.100.1)" },
        { ["--egress-gateway-ip", "cluster2=10.96.0.9"], "MSH122", "--egress-gateway-ip: 'cluster2=10.96.0.9': cluster2 has no egress gateway" },
        { ["--istiocoredns-ip", "cluster1=10.96.0.9"], "MSH122", "--istiocoredns-ip: 'cluster1=10.96.0.9': cluster1 uses dns: proxy, which has no istiocoredns" },
        { ["--corefile", "cluster1=Pulumi.a.yaml"], "MSH122", "--corefile: 'cluster1=Pulumi.a.yaml': MeshStack does not change the Corefile of cluster1 (dns: proxy)" },
        { ["--stub-domains", "cluster1=Pulumi.a.yaml"], "MSH122", "--stub-domains: 'cluster1=Pulumi.a.yaml': cluster1 does not use kube-dns (dns: proxy)" },
        { ["--remote-secret-token", "cluster1=Pulumi.a.yaml"], "MSH122", "--remote-secret-token: 'cluster1=Pulumi.a.yaml': the stack uses discovery: global, which has no remote secrets (only endpoints and both do)" },
        { ["--gateway-address", "cluster2=203.0.113.7", "--gateway-address", "cluster2=203.0.113.8"], "MSH123", "--gateway-address: 'cluster2=203.0.113.8': --gateway-address was already given for cluster2" },
        { ["--gateway-address", "cluster2=203.0.113.7", "--gateway-address", "cluster2=203.0.113.7"], "MSH123", "--gateway-address: 'cluster2=203.0.113.7': --gateway-address was already given for cluster2" },
    };

    [Theory]
    [MemberData(nameof(BadFlags))]
    public void A_bad_deploy_time_flag_exits_1_with_its_code_and_writes_nothing(string[] flags, string code, string message)
    {
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", Stack);
        var (exit, _, stderr) = run.Run(["render", "Pulumi.a.yaml", "--out", "out", .. flags]);
        Assert.True(exit == 1, stderr);
        Assert.Contains($"Pulumi.a.yaml: error {code}: {message}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "out")));
        Assert.False(File.Exists(Path.Combine(run.Directory, "meshstack.a.lock.json")));
    }

    [Fact]
    public void Every_bad_flag_is_reported_at_once()
    {
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", Stack);
        var (exit, _, stderr) = run.Run("render", "Pulumi.a.yaml", "--out", "out",
            "--gateway-address", "cluster2=-bad-", "--gateway-address", "nowhere=1.2.3.4", "--egress-gateway-ip", "cluster2=10.0.0.1");
        Assert.Equal(1, exit);
        Assert.Contains("error MSH120", stderr, StringComparison.Ordinal);
        Assert.Contains("error MSH121", stderr, StringComparison.Ordinal);
        Assert.Contains("error MSH122", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cluster2")]
    [InlineData("cluster2=")]
    [InlineData("=1.2.3.4")]
    public void A_flag_without_cluster_and_value_is_a_usage_error(string pair)
    {
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", Stack);
        var (exit, _, stderr) = run.Run("render", "Pulumi.a.yaml", "--out", "out", "--gateway-address", pair);
        Assert.Equal(2, exit);
        Assert.Contains($"--gateway-address expects CLUSTER=VALUE, got '{pair}'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cluster2=203.0.113.7", "STATIC", "10.96.0.9")]
    [InlineData("cluster2=gw.cluster2.example.com", "DNS", "istio-egressgateway.istio-system.svc.cluster.local")]
    public void A_good_gateway_address_decides_the_egress_resolution(string gateway, string resolution, string egressEndpoint)
    {
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", Stack);
        var args = gateway.Contains("example", StringComparison.Ordinal)
            ? new[] { "render", "Pulumi.a.yaml", "--out", "out", "--gateway-address", gateway }
            : ["render", "Pulumi.a.yaml", "--out", "out", "--gateway-address", gateway, "--egress-gateway-ip", "cluster1=10.96.0.9"];
        var (exit, _, stderr) = run.Run(args);
        Assert.True(exit == 0, stderr);
        var routing = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "cluster1", "05-meshconfig"));
        Assert.Contains($"resolution: {resolution}", routing, StringComparison.Ordinal);
        Assert.Contains($"- address: {egressEndpoint}", routing, StringComparison.Ordinal);
    }
}
