namespace MeshStack.Cli.Tests.Robustness;

/// <summary>render writes the whole folder or nothing: no partial output, no temporary folder, no lock file on failure.</summary>
public class RobustnessRenderTests
{
    [Fact]
    public void A_failure_while_writing_leaves_no_folder_and_no_temporary_folder()
    {
        using var run = new CliRun();
        var target = Path.Combine(run.Directory, "out");
        var error = Assert.Throws<UsageException>(() => AtomicFolder.Write(target, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "cluster1.yaml"), "half");
            throw new IOException("disk full");
        }, "marker\n"));
        Assert.Contains("disk full; nothing was written", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(run.Directory));
    }

    [Fact]
    public void A_failure_while_writing_keeps_the_previous_render_untouched()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("render", "--out", "out").Exit);
        var before = Snapshot(Path.Combine(run.Directory, "out"));

        Assert.Throws<UsageException>(() => AtomicFolder.Write(Path.Combine(run.Directory, "out"), temp =>
        {
            File.WriteAllText(Path.Combine(temp, "cluster1.yaml"), "half");
            throw new IOException("disk full");
        }, "marker\n"));

        Assert.Equal(before, Snapshot(Path.Combine(run.Directory, "out")));
        Assert.Equal(["Pulumi.dev.yaml", "meshstack.dev.lock.json", "out"], Directory.GetFileSystemEntries(run.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unresolved_value_fails_before_any_file_is_written()
    {
        using var run = new CliRun();
        run.Write("Pulumi.a.yaml", File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml")).Replace("address: 172.18.255.2", "address: auto", StringComparison.Ordinal));
        var (exit, _, stderr) = run.Run("render", "Pulumi.a.yaml", "--out", "nested/out");
        Assert.Equal(1, exit);
        Assert.Contains("error MSH090", stderr, StringComparison.Ordinal);
        Assert.Equal(["Pulumi.a.yaml"], Directory.GetFileSystemEntries(run.Directory).Select(Path.GetFileName));
    }

    private static Dictionary<string, string> Snapshot(string folder) => Directory
        .GetFiles(folder, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText, StringComparer.Ordinal);
}
