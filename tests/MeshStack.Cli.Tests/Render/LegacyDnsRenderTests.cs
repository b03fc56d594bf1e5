namespace MeshStack.Cli.Tests.Render;

/// <summary>
/// Every stack the Pulumi program accepts renders (issue 15): a legacy stack with each DNS flavour, with the live
/// ConfigMap from <c>--corefile</c> / <c>--stub-domains</c>, or without it on the default of the configured version
/// with a warning; <c>validate</c> names the flags render needs.
/// </summary>
public class LegacyDnsRenderTests
{
    private static readonly string Fixture = File.ReadAllText(Path.Combine(Repo.Root, "tests", "MeshStack.Core.Tests", "Fixtures", "dns-legacy.yaml"));

    private static readonly string[] IstioCoreDnsIps =
    [
        "--istiocoredns-ip", "coredns13=10.96.0.13", "--istiocoredns-ip", "coredns14=10.96.0.14",
        "--istiocoredns-ip", "coredns17=10.96.0.17", "--istiocoredns-ip", "kubedns=10.96.0.10",
    ];

    private const string LiveCoreDns = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: coredns
          namespace: kube-system
        data:
          Corefile: |
            .:53 {
                errors
                kubernetes cluster.local in-addr.arpa ip6.arpa {
                  fallthrough in-addr.arpa ip6.arpa
                }
                forward . 192.0.2.53
                cache 30
            }
            corp.example:53 {
                forward . 192.0.2.54
            }
        """;

    private const string LiveKubeDns = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: kube-dns
          namespace: kube-system
        data:
          stubDomains: |
            {"corp.example": ["192.0.2.54"]}
        """;

    [Fact]
    public void Validate_says_which_flags_render_needs()
    {
        using var run = new CliRun();
        run.Write("Pulumi.legacy.yaml", Fixture);
        var (exit, stdout, stderr) = run.Run("validate", "Pulumi.legacy.yaml");
        Assert.True(exit == 0, stderr);
        Assert.Contains("warning MSH125: --istiocoredns-ip: render needs --istiocoredns-ip coredns13=<ClusterIP of istiocoredns>", stderr, StringComparison.Ordinal);
        Assert.Contains("warning MSH125: --istiocoredns-ip: render needs --istiocoredns-ip kubedns=<ClusterIP of istiocoredns>", stderr, StringComparison.Ordinal);
        Assert.Contains("warning MSH124: --corefile: no live Corefile for coredns14", stderr, StringComparison.Ordinal);
        Assert.Contains("warning MSH124: --stub-domains: no live kube-dns ConfigMap for kubedns", stderr, StringComparison.Ordinal);
        Assert.Contains("'meshstack render' needs or should get 8 deploy-time flag(s)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_names_the_gateway_address_an_auto_gateway_needs()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.staging.yaml");
        var (exit, _, stderr) = run.Run("validate", "Pulumi.staging.yaml");
        Assert.Equal(0, exit);
        Assert.Contains("warning MSH125: --gateway-address: render needs --gateway-address us-east=<LoadBalancer IP or host name>: its gateway.address is auto", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("eu-west=", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_staging_stack_renders_with_the_flag_validate_names()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.staging.yaml");
        var (exit, _, stderr) = run.Run("render", "Pulumi.staging.yaml", "--out", "out", "--gateway-address", "us-east=203.0.113.7");
        Assert.True(exit == 0, stderr);
    }

    [Fact]
    public void Without_the_live_ConfigMaps_every_flavour_renders_on_the_defaults_with_a_warning()
    {
        using var run = new CliRun();
        run.Write("Pulumi.legacy.yaml", Fixture);
        var (exit, _, stderr) = run.Run(["render", "Pulumi.legacy.yaml", "--out", "out", .. IstioCoreDnsIps]);
        Assert.True(exit == 0, stderr);
        Assert.Contains("warning MSH124: --corefile: no live Corefile for coredns13: render merges the global block into the default Corefile of CoreDNS 1.3.1", stderr, StringComparison.Ordinal);
        Assert.Contains("warning MSH124: --stub-domains: no live kube-dns ConfigMap for kubedns", stderr, StringComparison.Ordinal);
        var out13 = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "coredns13", "05-meshconfig"));
        Assert.Contains("proxy . 10.96.0.13", out13, StringComparison.Ordinal);
        Assert.Contains("proxy . /etc/resolv.conf", out13, StringComparison.Ordinal);
        var out14 = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "coredns14", "05-meshconfig"));
        Assert.Contains("forward . 10.96.0.14", out14, StringComparison.Ordinal);
        var out17 = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "coredns17", "05-meshconfig"));
        Assert.Contains("forward . 10.96.0.17", out17, StringComparison.Ordinal);
        Assert.Contains("max_concurrent 1000", out17, StringComparison.Ordinal);
        var kubeDns = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "kubedns", "05-meshconfig"));
        Assert.Contains("10.96.0.10", kubeDns, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_live_ConfigMaps_render_keeps_every_existing_server_block_and_stub_domain()
    {
        using var run = new CliRun();
        run.Write("Pulumi.legacy.yaml", Fixture);
        run.Write("coredns17.yaml", LiveCoreDns);
        run.Write("coredns14.Corefile", ".:53 {\n    forward . 192.0.2.1\n}\n");
        run.Write("kubedns.yaml", LiveKubeDns);
        var (exit, _, stderr) = run.Run(["render", "Pulumi.legacy.yaml", "--out", "out", .. IstioCoreDnsIps,
            "--corefile", "coredns17=coredns17.yaml", "--corefile", "coredns14=coredns14.Corefile", "--stub-domains", "kubedns=kubedns.yaml"]);
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("no live Corefile for coredns17", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("no live Corefile for coredns14", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(stderr.Split('\n'), line => line.Contains("MSH124", StringComparison.Ordinal) && line.Contains("kubedns", StringComparison.Ordinal));
        Assert.Contains("no live Corefile for coredns13", stderr, StringComparison.Ordinal);
        var out17 = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "coredns17", "05-meshconfig"));
        Assert.Contains("corp.example:53", out17, StringComparison.Ordinal);
        Assert.Contains("forward . 192.0.2.53", out17, StringComparison.Ordinal);
        Assert.Contains("forward . 10.96.0.17", out17, StringComparison.Ordinal);
        Assert.DoesNotContain("max_concurrent", out17, StringComparison.Ordinal);
        var out14 = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "coredns14", "05-meshconfig"));
        Assert.Contains("forward . 192.0.2.1", out14, StringComparison.Ordinal);
        var kubeDns = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "kubedns", "05-meshconfig"));
        Assert.Contains("corp.example", kubeDns, StringComparison.Ordinal);
        Assert.Contains("10.96.0.10", kubeDns, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hosts_zone_renders_on_the_default_Corefile_with_a_warning_and_on_the_live_one_without()
    {
        using var run = new CliRun();
        run.Write("Pulumi.hosts.yaml", File.ReadAllText(Path.Combine(Repo.Root, "tests", "MeshStack.Core.Tests", "Fixtures", "dns-hosts.yaml")));
        var (exit, _, stderr) = run.Run("render", "Pulumi.hosts.yaml", "--out", "out");
        Assert.True(exit == 0, stderr);
        Assert.Contains("warning MSH124: --corefile: no live Corefile for east: render merges the global block into the default Corefile of CoreDNS 1.11.3", stderr, StringComparison.Ordinal);
        var defaults = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "east", "05-meshconfig"));
        Assert.Contains("forward . /etc/resolv.conf", defaults, StringComparison.Ordinal);
        Assert.Contains("httpbin.bar.global", defaults, StringComparison.Ordinal);

        run.Write("east.yaml", LiveCoreDns);
        (exit, _, stderr) = run.Run("render", "Pulumi.hosts.yaml", "--out", "out", "--corefile", "east=east.yaml");
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("MSH124", stderr, StringComparison.Ordinal);
        var live = File.ReadAllText(Rendered.Stage(Path.Combine(run.Directory, "out"), "east", "05-meshconfig"));
        Assert.Contains("corp.example:53", live, StringComparison.Ordinal);
        Assert.Contains("forward . 192.0.2.53", live, StringComparison.Ordinal);
        Assert.Contains("httpbin.bar.global", live, StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_Corefile_that_cannot_take_the_block_is_MSH052_and_nothing_is_written()
    {
        using var run = new CliRun();
        run.Write("Pulumi.legacy.yaml", Fixture);
        run.Write("bad.Corefile", "global:53 {\n    forward . 192.0.2.1\n}\n");
        var (exit, _, stderr) = run.Run(["render", "Pulumi.legacy.yaml", "--out", "out", .. IstioCoreDnsIps, "--corefile", "coredns17=bad.Corefile"]);
        Assert.Equal(1, exit);
        Assert.Contains("error MSH052: coredns17/kube-system/coredns.data.Corefile", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "out")));
    }

    [Fact]
    public void A_ConfigMap_without_the_key_is_MSH120()
    {
        using var run = new CliRun();
        run.Write("Pulumi.legacy.yaml", Fixture);
        run.Write("kubedns.yaml", LiveKubeDns);
        var (exit, _, stderr) = run.Run(["render", "Pulumi.legacy.yaml", "--out", "out", .. IstioCoreDnsIps, "--corefile", "coredns17=kubedns.yaml"]);
        Assert.Equal(1, exit);
        Assert.Contains("error MSH120: --corefile: 'coredns17=kubedns.yaml': the ConfigMap has no data.Corefile", stderr, StringComparison.Ordinal);
    }
}
