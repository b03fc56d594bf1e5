using MeshStack.Cli.Tests.Support;

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
        var text = """
            config:
              meshstack:meshId: mesh1
              meshstack:clusters:
                - { name: cluster1, gateway: { address: 192.0.2.1 } }
                - { name: cluster2, gateway: { address: 192.0.2.2 } }
              meshstack:services:
                - { name: a, namespace: bar, clusters: [cluster2], ports: [{ name: http, number: 80 }] }
                - { name: b, namespace: bar, clusters: [cluster1], ports: [{ name: http, number: 80 }] }
                - { name: c, namespace: foo, clusters: [cluster2], ports: [{ name: tcp, number: 7000, protocol: tcp }] }
            """;
        run.Write("Pulumi.dev.yaml", text);
        Assert.Equal(0, run.Run("render", "--out", "a").Exit);
        var lockFile = File.ReadAllText(Path.Combine(run.Directory, "meshstack.dev.lock.json"));

        var lines = text.Split('\n');
        var reordered = string.Join('\n', lines[..3].Concat([lines[4], lines[3], lines[5], lines[8], lines[6], lines[7]]));
        run.Write("Pulumi.dev.yaml", reordered);
        Assert.Equal(0, run.Run("render", "--out", "b").Exit);

        Assert.Equal(lockFile, File.ReadAllText(Path.Combine(run.Directory, "meshstack.dev.lock.json")));
        Assert.Equal(Snapshot(Path.Combine(run.Directory, "a")), Snapshot(Path.Combine(run.Directory, "b")));
    }

    private static Dictionary<string, string> Snapshot(string folder) => Directory
        .GetFiles(folder, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText, StringComparer.Ordinal);
}
