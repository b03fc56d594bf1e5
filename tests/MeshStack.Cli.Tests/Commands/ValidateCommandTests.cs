namespace MeshStack.Cli.Tests.Commands;

public class ValidateCommandTests
{
    [Fact]
    public void The_dev_stack_is_valid_and_is_the_default_file()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        var (exit, stdout, stderr) = run.Run("validate");
        Assert.Equal(0, exit);
        Assert.Contains("Pulumi.dev.yaml: valid: 2 cluster(s), 1 service(s)", stdout, StringComparison.Ordinal);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void Config_errors_exit_1_with_every_diagnostic_in_compiler_format()
    {
        using var run = new CliRun();
        run.Write("Pulumi.bad.yaml", """
            config:
              meshstack:clustrs: []
              meshstack:clusters:
                - name: Cluster_1
                - name: c2
                  gateway: { nodePort: 80 }
              meshstack:services:
                - name: web
                  namespace: shop
                  clusters: [c3]
                  ports: [{ name: http, number: 70000, protocol: http }]
                  address: 10.0.0.1
            """);
        var (exit, stdout, stderr) = run.Run("validate", "Pulumi.bad.yaml");
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("Pulumi.bad.yaml(2,3): error MSH002: meshstack:clustrs: unknown key 'meshstack:clustrs', did you mean 'clusters'?", stderr, StringComparison.Ordinal);
        Assert.Contains("error MSH010: meshstack:clusters[0].name: 'Cluster_1'", stderr, StringComparison.Ordinal);
        Assert.Contains("error MSH041: meshstack:clusters[1].gateway.nodePort: 80 is outside 30000-32767", stderr, StringComparison.Ordinal);
        Assert.Contains("error MSH013: meshstack:services[0].clusters: 'c3' is not a declared cluster", stderr, StringComparison.Ordinal);
        Assert.Contains("error MSH021: meshstack:services[0].ports[0].number: 70000", stderr, StringComparison.Ordinal);
        Assert.Contains("error MSH034: meshstack:services[0].address: '10.0.0.1' is outside the address pool 240.0.0.0/16", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was planned", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_yaml_exits_1_with_MSH001_and_no_stack_trace()
    {
        using var run = new CliRun();
        run.Write("Pulumi.x.yaml", "config:\n  meshstack:clusters: [\n");
        var (exit, _, stderr) = run.Run("validate", "Pulumi.x.yaml");
        Assert.Equal(1, exit);
        Assert.Contains("error MSH001", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_exits_1_with_MSH001()
    {
        using var run = new CliRun();
        run.Write("Pulumi.empty.yaml", "");
        var (exit, _, stderr) = run.Run("validate", "Pulumi.empty.yaml");
        Assert.Equal(1, exit);
        Assert.Contains("error MSH001", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        using var run = new CliRun();
        var (exit, _, stderr) = run.Run("validate", "Pulumi.nope.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("stack file 'Pulumi.nope.yaml' not found", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData("plan", "--format", "pdf")]
    [InlineData("render")]
    public void Bad_command_lines_exit_2(params string[] args)
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        var (exit, _, stderr) = run.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains("meshstack --help", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_shows_examples_and_exit_codes()
    {
        using var run = new CliRun();
        var (exit, stdout, _) = run.Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("meshstack render --out rendered", stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 valid, 1 configuration errors, 2 usage or file-system errors.", stdout, StringComparison.Ordinal);
    }
}
