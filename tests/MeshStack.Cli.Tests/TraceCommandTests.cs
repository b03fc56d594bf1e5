namespace MeshStack.Cli.Tests;

public class TraceCommandTests
{
    // The consumer's own network is called "external", the name remote gateway endpoints carry in the egress variant:
    // its sidecars' network view then includes those endpoints, so calls would bypass the egress gateway.
    private const string EgressFromANetworkCalledExternal = """
        config:
          meshstack:meshId: mesh1
          meshstack:clusters:
            - name: cluster1
              network: external
              gateway: { address: 192.0.2.1 }
              egressGateway: true
            - name: cluster2
              gateway: { address: 192.0.2.2 }
          meshstack:services:
            - name: httpbin
              namespace: bar
              clusters: [cluster2]
              ports: [{ name: http1, number: 8000, protocol: http }]
              route: egress
        """;

    [Fact]
    public void The_dev_stack_traces_every_path_ok_and_exits_0()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");

        var (exit, stdout, stderr) = run.Run("trace", "--hops");

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("ok    cluster1 → httpbin.bar.global:8000", stdout, StringComparison.Ordinal);
        Assert.Contains("cluster2 gateway: istio-system/meshstack-global-gateway 15443 SNI outbound_.8000_._.httpbin.bar.global → httpbin.bar.global → pod bar/httpbin", stdout, StringComparison.Ordinal);
        Assert.Contains("Pulumi.dev.yaml: 1 of 1 path(s) ok.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_bypasses_the_egress_gateway_dies_with_MSH183_and_exit_1()
    {
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", EgressFromANetworkCalledExternal);

        var (exit, stdout, _) = run.Run("trace", "Pulumi.a.yaml");

        Assert.Equal(1, exit);
        Assert.Contains("dies  cluster1 → httpbin.bar.global:8000 at cluster1 sidecar: MSH183: endpoint 192.0.2.2:15443 (network external) (gateway of cluster2) is visible to sidecars, so calls bypass the egress gateway", stdout, StringComparison.Ordinal);
        Assert.Contains("rule: pilot/pkg/model/proxy_view.go", stdout, StringComparison.Ordinal);
        Assert.Contains("0 of 1 path(s) ok, 1 dead.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_refuses_the_same_stack_because_compile_runs_the_tracer()
    {
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", EgressFromANetworkCalledExternal);

        var (exit, _, stderr) = run.Run("validate", "Pulumi.a.yaml");

        Assert.Equal(1, exit);
        Assert.Contains("error MSH183: meshstack:services: cluster1 → httpbin.bar.global:8000: cluster1 sidecar:", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("httpbin.bar.global:8000", 1)]
    [InlineData("httpbin.bar.global", 1)]
    [InlineData("httpbin.bar.global:9999", 0)]
    [InlineData("other.bar.global", 0)]
    public void To_selects_paths_by_host_and_port(string to, int paths)
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");

        var (exit, stdout, _) = run.Run("trace", "--to", to, "--from", "cluster1");

        Assert.Equal(0, exit);
        Assert.Contains(paths == 0 ? "no path matches." : $"{paths} of {paths} path(s) ok.", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--to", "httpbin.bar.global:http")]
    [InlineData("--from", "nowhere")]
    public void Bad_filters_are_usage_errors(string option, string value)
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");

        Assert.Equal(2, run.Run("trace", option, value).Exit);
    }
}
