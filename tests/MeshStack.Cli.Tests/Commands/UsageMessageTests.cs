namespace MeshStack.Cli.Tests.Commands;

/// <summary>Usage details a user notices (issue 14): stdin, contradicting flags, the wrong file.</summary>
public class UsageMessageTests
{
    [Fact]
    public void Validate_dash_reads_the_stack_from_standard_input()
    {
        using var run = new CliRun();
        var (exit, stdout, stderr) = run.RunWithInput(File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml")), "validate", "-");
        Assert.True(exit == 0, stderr);
        Assert.StartsWith("<stdin>: valid: 2 cluster(s), 1 service(s)", stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(run.Directory));
    }

    [Fact]
    public void Validate_dash_reports_with_stdin_positions()
    {
        using var run = new CliRun();
        var (exit, _, stderr) = run.RunWithInput("config:\n  meshstack:clusters: [ { name: a }\n", "validate", "-");
        Assert.Equal(1, exit);
        Assert.Contains("<stdin>(2,23): error MSH001: not valid YAML: the '[' opened here is never closed", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_with_another_format_is_a_usage_error()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        var (exit, stdout, stderr) = run.Run("plan", "--json", "--format", "mermaid");
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("--json and --format mermaid contradict each other", stderr, StringComparison.Ordinal);
        Assert.Equal(0, run.Run("plan", "--json", "--format", "json").Exit);
    }

    [Fact]
    public void The_project_file_passed_by_mistake_is_one_diagnostic()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.yaml");
        var (exit, _, stderr) = run.Run("validate", "Pulumi.yaml");
        Assert.Equal(1, exit);
        Assert.Equal(["Pulumi.yaml(1,1): error MSH102: config: this is the Pulumi project file (Pulumi.yaml: name, runtime), not a stack settings file; pass Pulumi.<stack>.yaml, e.g. Pulumi.dev.yaml", "Pulumi.yaml: 1 error(s), 0 warning(s); nothing was planned."],
            stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Render_refuses_standard_input_because_the_lock_file_sits_beside_the_stack_file()
    {
        using var run = new CliRun();
        var (exit, _, stderr) = run.RunWithInput("config: {}\n", "render", "-", "--out", "out");
        Assert.Equal(2, exit);
        Assert.Contains("render reads a stack file, not standard input", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_shows_the_config_words_not_enum_names()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        var (exit, stdout, _) = run.Run("plan");
        Assert.Equal(0, exit);
        Assert.Contains("profile multi-primary", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n  cluster1 +network1 +proxy +", stdout);
        Assert.DoesNotContain("Proxy", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("MultiPrimary", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_level_help_shows_the_stack_file_as_optional()
    {
        using var run = new CliRun();
        var (exit, stdout, _) = run.Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("  validate [<STACK_FILE>]  Check a stack file", stdout, StringComparison.Ordinal);
        Assert.Contains("  render [<STACK_FILE>]    Write every cluster", stdout, StringComparison.Ordinal);
        Assert.Contains("  synth                    Print a synthetic", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(" <STACK_FILE> ", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrongdir", "--ca-dir 'wrongdir' is not a CA folder of this stack (no cluster1/ca-cert.pem")]
    [InlineData("afile", "--ca-dir 'afile' is a file; pass the folder written by 'meshstack ca init Pulumi.dev.yaml --out DIR'")]
    [InlineData("missing", "--ca-dir 'missing' does not exist; create it with 'meshstack ca init Pulumi.dev.yaml --out missing'")]
    public void A_wrong_ca_dir_is_named_in_one_usage_error(string caDir, string message)
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Directory.CreateDirectory(Path.Combine(run.Directory, "wrongdir"));
        run.Write("afile", "x");
        var (exit, _, stderr) = run.Run("render", "--ca-dir", caDir, "--out", "out");
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("pass --ca-dir DIR", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "out")));
    }

    [Fact]
    public void Ca_init_into_a_file_says_it_is_a_file()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        run.Write("afile", "x");
        var (exit, _, stderr) = run.Run("ca", "init", "--out", "afile");
        Assert.Equal(2, exit);
        Assert.Contains("--out 'afile' is a file; --out needs a folder", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("--force", stderr, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(Path.Combine(run.Directory, "afile")));
    }
}
