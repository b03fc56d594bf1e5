namespace MeshStack.Cli.Tests.Support;

/// <summary>Runs <c>git</c> in a test's working folder: the CLI checks whether a key folder is inside a work tree that does not ignore it.</summary>
internal static class Git
{
    /// <summary>Makes <paramref name="run"/>'s folder a Git work tree ignoring the lines of <paramref name="gitignore"/>.</summary>
    public static void Init(CliRun run, string? gitignore = null)
    {
        var (exit, stdout, stderr) = ExternalTool.Run("git", "the CLI asks git whether a folder is ignored", run.Directory, TimeSpan.FromSeconds(30), ["init", "-q"]);
        Assert.True(exit == 0, stdout + stderr);
        if (gitignore is not null)
        {
            run.Write(".gitignore", gitignore);
        }
    }
}
