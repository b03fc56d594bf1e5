namespace MeshStack.Cli.Tests.Commands;

public class TraceCommandTests
{
    // The consumer's own network is called "external", the name remote gateway endpoints carry in the egress variant:
    // its sidecars' network view would include those endpoints, so calls would bypass the egress gateway.
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

    [Theory]
    [InlineData("trace")]
    [InlineData("validate")]
    public void A_network_called_external_is_refused_at_its_network_key_before_any_trace(string command)
    {
        // Issue 21: this used to surface as a dead path (MSH183) reported on meshstack:services, far from the cause.
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", EgressFromANetworkCalledExternal);

        var (exit, stdout, stderr) = run.Run(command, "Pulumi.a.yaml");

        Assert.Equal(1, exit);
        Assert.Contains("Pulumi.a.yaml(5,16): error MSH190: meshstack:clusters[0].network: 'external':", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("MSH183", stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("httpbin.bar.global:8000", 1)]
    [InlineData("httpbin.bar.global", 1)]
    public void To_selects_paths_by_host_and_port(string to, int paths)
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");

        var (exit, stdout, _) = run.Run("trace", "--to", to, "--from", "cluster1");

        Assert.Equal(0, exit);
        Assert.Contains($"{paths} of {paths} path(s) ok.", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--to", "httpbin.bar.global:9999")]
    [InlineData("--to", "other.bar.global")]
    [InlineData("--version", "v1")]
    public void A_filter_that_matches_no_path_exits_1_with_MSH194(string option, string value)
    {
        // Issue 21: a filter that matches nothing checked nothing (the dev stack's httpbin has no versions).
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");

        var (exit, stdout, stderr) = run.Run("trace", option, value);

        Assert.Equal(1, exit);
        Assert.Contains("no path matches.", stdout, StringComparison.Ordinal);
        Assert.Contains($"error MSH194: no path matches {option} {value}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_routing_guides_staging_example_matches_a_path()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.staging.yaml");
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "docs", "routing.md"));
        var line = readme.Split('\n').Single(l => l.StartsWith("dotnet run --project cli -- trace Pulumi.staging.yaml", StringComparison.Ordinal));
        var args = line["dotnet run --project cli -- ".Length..].Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var (exit, stdout, stderr) = run.Run(args);

        Assert.True(exit == 0, stderr + stdout);
        Assert.DoesNotContain("no path matches", stdout, StringComparison.Ordinal);
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
