namespace MeshStack.Cli.Tests.Robustness;

/// <summary>The CLI is a function of the stack file and its lock file: byte-identical output, and a no-op run changes nothing.</summary>
public class RobustnessDeterminismTests
{
    [Fact]
    public void Rendering_twice_gives_identical_files_and_leaves_the_lock_file_unchanged()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("render", "--out", "a").Exit);
        var lockAfterFirst = File.ReadAllText(Path.Combine(run.Directory, "meshstack.dev.lock.json"));
        var planFirst = run.Run("plan", "--json").Out;
        Assert.Equal(0, run.Run("render", "--out", "b").Exit);

        Assert.Equal(lockAfterFirst, File.ReadAllText(Path.Combine(run.Directory, "meshstack.dev.lock.json")));
        Assert.Equal(planFirst, run.Run("plan", "--json").Out);
        Assert.Equal(Snapshot(Path.Combine(run.Directory, "a")), Snapshot(Path.Combine(run.Directory, "b")));
    }

    [Fact]
    public void Addresses_from_the_lock_file_survive_a_reordered_stack()
    {
        using var run = new CliRun();
        var cluster1 = (StackBuilder s) => s.Cluster("cluster1", "192.0.2.1");
        var cluster2 = (StackBuilder s) => s.Cluster("cluster2", "192.0.2.2");
        var a = (StackBuilder s) => s.Service("a", "bar", "[cluster2]", "[{ name: http, number: 80 }]");
        var b = (StackBuilder s) => s.Service("b", "bar", "[cluster1]", "[{ name: http, number: 80 }]");
        var c = (StackBuilder s) => s.Service("c", "foo", "[cluster2]", "[{ name: tcp, number: 7000, protocol: tcp }]");
        static string Stack(params Func<StackBuilder, StackBuilder>[] parts) => parts.Aggregate(StackBuilder.Mesh(), (s, part) => part(s)).Build();
        run.Write("Pulumi.dev.yaml", Stack(cluster1, cluster2, a, b, c));
        Assert.Equal(0, run.Run("render", "--out", "a").Exit);
        var lockFile = File.ReadAllText(Path.Combine(run.Directory, "meshstack.dev.lock.json"));

        run.Write("Pulumi.dev.yaml", Stack(cluster2, cluster1, c, a, b));
        Assert.Equal(0, run.Run("render", "--out", "b").Exit);

        Assert.Equal(lockFile, File.ReadAllText(Path.Combine(run.Directory, "meshstack.dev.lock.json")));
        Assert.Equal(Snapshot(Path.Combine(run.Directory, "a")), Snapshot(Path.Combine(run.Directory, "b")));
    }

    private static Dictionary<string, string> Snapshot(string folder) => Directory
        .GetFiles(folder, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText, StringComparer.Ordinal);
}
