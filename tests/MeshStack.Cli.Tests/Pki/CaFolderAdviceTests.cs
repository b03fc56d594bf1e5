namespace MeshStack.Cli.Tests.Pki;

/// <summary><c>ca init --out</c> inside a Git work tree warns unless .gitignore covers the folder (issue 15).</summary>
public class CaFolderAdviceTests
{
    [Fact]
    public void A_CA_folder_in_a_repository_that_does_not_ignore_it_gets_MSH128_with_the_gitignore_line()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Git.Init(run);
        var (exit, _, stderr) = run.Run("ca", "init", "--out", "ca");
        Assert.Equal(0, exit);
        Assert.Contains("warning MSH128: --out: 'ca' is inside the Git repository", stderr, StringComparison.Ordinal);
        Assert.Contains("add '/ca/' to the repository's .gitignore", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ignored_CA_folder_or_one_outside_any_repository_gets_no_warning()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.DoesNotContain("MSH128", run.Run("ca", "init", "--out", "outside").Err, StringComparison.Ordinal);
        Git.Init(run, "/ca/\n");
        var (exit, _, stderr) = run.Run("ca", "init", "--out", "ca");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("MSH128", stderr, StringComparison.Ordinal);
    }
}
