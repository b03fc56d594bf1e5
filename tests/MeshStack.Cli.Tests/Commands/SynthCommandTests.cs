namespace MeshStack.Cli.Tests.Commands;

public class SynthCommandTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(7, 120)]
    public void Synthetic_stacks_validate_and_render_without_flags(int clusters, int services)
    {
        using var run = new CliRun();
        var (exit, yaml, err) = run.Run("synth", "--clusters", clusters.ToString(System.Globalization.CultureInfo.InvariantCulture), "--services", services.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, exit);
        Assert.Equal("", err);
        run.Write("big.yaml", yaml);

        var validate = run.Run("validate", "big.yaml");
        Assert.Equal("", validate.Err);
        Assert.Equal(0, validate.Exit);
        Assert.Contains($"valid: {clusters} cluster(s), {services} service(s)", validate.Out, StringComparison.Ordinal);

        var render = run.Run("render", "big.yaml", "--out", "out");
        Assert.All(render.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("big.yaml: warning MSH126: --ca-dir:", l, StringComparison.Ordinal));
        Assert.Equal(0, render.Exit);
        Assert.True(File.Exists(Rendered.Stage(Path.Combine(run.Directory, "out"), "c00", "00-namespaces")));
    }

    [Fact]
    public void The_same_seed_prints_the_same_file_and_another_seed_another()
    {
        using var run = new CliRun();
        var first = run.Run("synth", "--clusters", "5", "--services", "200", "--seed", "7").Out;
        var again = run.Run("synth", "--clusters", "5", "--services", "200", "--seed", "7").Out;
        var other = run.Run("synth", "--clusters", "5", "--services", "200", "--seed", "8").Out;
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData("--clusters", "0", "--services", "10", "--clusters must be a whole number from 1 to 256, got '0'")]
    [InlineData("--clusters", "2", "--services", "-1", "--services must be a whole number from 0 to 50000, got '-1'")]
    public void Out_of_range_sizes_are_usage_errors(string a, string b, string c, string d, string message)
    {
        using var run = new CliRun();
        var (exit, stdout, stderr) = run.Run("synth", a, b, c, d);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }
}

public class RenderProgressTests
{
    [Fact]
    public void A_terminal_sees_a_progress_line_per_cluster_that_is_erased_at_the_end()
    {
        using var run = new CliRun();
        run.Write("s.yaml", run.Run("synth", "--clusters", "2", "--services", "4").Out);
        using var stdout = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var exit = MeshCli.Run(["render", "s.yaml", "--out", "out"], stdout, stderr, run.Directory, stderrIsTerminal: true);
        Assert.Equal(0, exit);
        var all = stderr.ToString();
        var line = all[..all.IndexOf("s.yaml: warning MSH126", StringComparison.Ordinal)];
        Assert.Contains("\rWriting c00 (1/2 clusters)…", line, StringComparison.Ordinal);
        Assert.Contains("\rWriting c01 (2/2 clusters)…", line, StringComparison.Ordinal);
        Assert.EndsWith("\r", line, StringComparison.Ordinal);
        Assert.Equal("", line.Split('\r')[^2].Trim());
    }

    [Fact]
    public void Redirected_stderr_gets_no_progress()
    {
        using var run = new CliRun();
        run.Write("s.yaml", run.Run("synth", "--clusters", "2", "--services", "4").Out);
        var (exit, _, stderr) = run.Run("render", "s.yaml", "--out", "out");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("\r", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Writing", stderr, StringComparison.Ordinal);
    }
}
