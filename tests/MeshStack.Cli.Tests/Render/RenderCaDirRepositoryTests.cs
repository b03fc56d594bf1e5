namespace MeshStack.Cli.Tests.Render;

/// <summary>
/// <c>render --ca-dir</c> writes every intermediate's key into the rendered cacerts Secrets: inside a Git work tree that
/// does not ignore the output folder it refuses (MSH097) and writes nothing (issue 20; only <c>ca init</c> checked before).
/// </summary>
public class RenderCaDirRepositoryTests
{
    // The dev stack's CA folder made by ca init inside a Git work tree with these .gitignore lines, then render --ca-dir.
    private static (int Exit, string Err) RenderWithCaDir(CliRun run, string gitignore)
    {
        run.CopyFromRepo("Pulumi.dev.yaml");
        Git.Init(run, gitignore);
        Assert.Equal(0, run.Run("ca", "init", "Pulumi.dev.yaml", "--out", "ca").Exit);
        var (exit, _, stderr) = run.Run("render", "Pulumi.dev.yaml", "--ca-dir", "ca", "--out", "out");
        return (exit, stderr);
    }

    [Fact]
    public void Render_with_ca_dir_into_an_unignored_folder_of_a_git_work_tree_is_refused_and_writes_nothing()
    {
        using var run = new CliRun();
        var (exit, stderr) = RenderWithCaDir(run, "/ca/\n");

        Assert.Equal(1, exit);
        Assert.Contains("error MSH097", stderr, StringComparison.Ordinal);
        Assert.Contains("add '/out/' to the repository's .gitignore", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "out")));
    }

    [Fact]
    public void Render_with_ca_dir_into_an_ignored_folder_goes_ahead_and_without_ca_dir_no_check_is_needed()
    {
        using var run = new CliRun();
        var (exit, stderr) = RenderWithCaDir(run, "/ca/\n/out/\n");
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("MSH097", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = run.Run("render", "Pulumi.dev.yaml", "--out", "public");
        Assert.True(exit == 0, stderr);
    }

    [Fact]
    public void Ignoring_only_the_cacerts_folders_as_the_readme_suggests_is_enough()
    {
        using var run = new CliRun();
        var (exit, stderr) = RenderWithCaDir(run, "/ca/\n/out/*/01-cacerts/\n");

        Assert.True(exit == 0, stderr);
        Assert.True(File.Exists(Path.Combine(run.Directory, "out", "cluster1", "01-cacerts", "resources.yaml")));
    }
}
