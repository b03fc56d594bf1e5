namespace MeshStack.Cli.Tests.Commands;

public class RenderCommandTests
{
    // cluster2's gateway address is known only at deploy time.
    private static readonly StackBuilder AutoGateway = StackBuilder.Mesh()
        .Cluster("cluster1", null)
        .Cluster("cluster2", "auto")
        .Service("httpbin", "bar", "[cluster2]");

    [Fact]
    public void Writes_one_folder_per_cluster_and_the_httpbin_entry_in_cluster1()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        var (exit, stdout, stderr) = run.Run("render", "--out", "out");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Skipped 2 cacerts Secret(s)", stdout, StringComparison.Ordinal);
        var routing = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "cluster1", "05-meshconfig"));
        Assert.Contains("name: httpbin.bar.global", routing, StringComparison.Ordinal);
        Assert.Contains("- address: 172.18.255.2", routing, StringComparison.Ordinal);
        Assert.Contains("http1: 15443", routing, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(run.Directory, "out", "cluster2")));
        var everything = string.Concat(Directory.GetFiles(Path.Combine(run.Directory, "out"), "*.yaml", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain("kind: Secret", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("ca-key.pem", everything, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_demo_mode_the_home_cluster_renders_the_service_namespace_before_the_entry_in_it()
    {
        // Issue 21 item 8: the owner-side ServiceEntry goes into bar, which nothing else creates on a fresh cluster.
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", AutoGateway.Build());
        Assert.Equal(0, run.Run("render", "Pulumi.a.yaml", "--out", "out", "--gateway-address", "cluster2=203.0.113.7", "--gateway-address", "cluster1=203.0.113.6").Exit);

        var namespaces = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "cluster2", "00-namespaces"));
        Assert.Contains("kind: Namespace\nmetadata:\n  name: bar\n", namespaces, StringComparison.Ordinal);
        Assert.Contains("istio-injection: enabled", namespaces, StringComparison.Ordinal);
        Assert.Contains("namespace: bar", File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "cluster2", "05-meshconfig")), StringComparison.Ordinal);
        Assert.DoesNotContain("name: bar", File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "cluster1", "00-namespaces")), StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_the_lock_file_and_keeps_addresses_when_a_service_is_added_before_it()
    {
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", AutoGateway.Build());
        Assert.Equal(0, run.Run("render", "Pulumi.a.yaml", "--out", "out", "--gateway-address", "cluster2=203.0.113.7", "--gateway-address", "cluster1=203.0.113.6").Exit);
        var first = File.ReadAllText(Path.Combine(run.Directory, "meshstack.a.lock.json"));
        Assert.Contains("\"httpbin.bar\": \"240.0.0.1\"", first, StringComparison.Ordinal);

        run.Write("Pulumi.a.yaml", AutoGateway.Service("aaa", "aaa", "[cluster1]", "[{ name: tcp, number: 9000 }]").Build());
        Assert.Equal(0, run.Run("render", "Pulumi.a.yaml", "--out", "out", "--gateway-address", "cluster2=203.0.113.7", "--gateway-address", "cluster1=203.0.113.6").Exit);
        var second = File.ReadAllText(Path.Combine(run.Directory, "meshstack.a.lock.json"));
        Assert.Contains("\"httpbin.bar\": \"240.0.0.1\"", second, StringComparison.Ordinal);
        Assert.Contains("\"aaa.aaa\": \"240.0.0.2\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public void An_auto_gateway_without_its_address_fails_with_MSH090_and_writes_nothing()
    {
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", AutoGateway.Build());
        var (exit, _, stderr) = run.Run("render", "Pulumi.a.yaml", "--out", "out");
        Assert.Equal(1, exit);
        Assert.Contains("error MSH090: cluster1/ServiceEntry/istio-system/httpbin.bar.global: gateway address of cluster2 is needed", stderr, StringComparison.Ordinal);
        Assert.Contains("--gateway-address cluster2=", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "out")));
        Assert.False(File.Exists(Path.Combine(run.Directory, "meshstack.a.lock.json")));
    }

    [Fact]
    public void Refuses_to_replace_a_folder_it_did_not_write()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Directory.CreateDirectory(Path.Combine(run.Directory, "precious"));
        File.WriteAllText(Path.Combine(run.Directory, "precious", "notes.txt"), "keep me");
        var (exit, _, stderr) = run.Run("render", "--out", "precious");
        Assert.Equal(2, exit);
        Assert.Contains("was not written by meshstack", stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(run.Directory, "precious", "notes.txt")));
    }

    [Fact]
    public void Rendering_again_replaces_its_own_output()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("render", "--out", "out").Exit);
        File.WriteAllText(Path.Combine(run.Directory, "out", "stale.yaml"), "old");
        Assert.Equal(0, run.Run("render", "--out", "out").Exit);
        Assert.False(File.Exists(Path.Combine(run.Directory, "out", "stale.yaml")));
    }

    [Fact]
    public void An_unknown_cluster_in_a_flag_is_reported_as_MSH121()
    {
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", AutoGateway.Build());
        var (exit, _, stderr) = run.Run("render", "Pulumi.a.yaml", "--out", "out", "--gateway-address", "nowhere=1.2.3.4");
        Assert.Equal(1, exit);
        Assert.Contains("error MSH121: --gateway-address: 'nowhere=1.2.3.4': 'nowhere' is not a cluster of this stack", stderr, StringComparison.Ordinal);
    }
}
