namespace MeshStack.Cli.Tests.Robustness;

/// <summary>Every file of the core bad-input catalogue, through the real CLI: exit 1, the code printed, no stack trace, nothing written.</summary>
public class RobustnessCatalogueTests
{
    private static readonly string Folder = Path.Combine(Repo.Root, "tests", "MeshStack.Core.Tests", "Fixtures", "bad");

    public static TheoryData<string> Catalogue()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Validate_and_render_reject_the_bad_stack_with_its_code_and_no_stack_trace(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name));
        var code = text.Split('\n').Single(l => l.StartsWith("# expect-code:", StringComparison.Ordinal))["# expect-code:".Length..].Trim();
        using var run = new CliRun();
        run.Write("Pulumi.bad.yaml", text);
        var lockFile = LockFileOf(text);
        string[] expected = lockFile is null ? ["Pulumi.bad.yaml"] : ["Pulumi.bad.yaml", "meshstack.bad.lock.json"];
        if (lockFile is not null)
        {
            File.Copy(Path.Combine(Folder, lockFile), Path.Combine(run.Directory, "meshstack.bad.lock.json"));
        }

        var (exit, stdout, stderr) = run.Run("validate", "Pulumi.bad.yaml");
        Assert.True(exit == 1, $"exit {exit}\n{stderr}");
        Assert.Contains($"error {code}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr + stdout, StringComparison.Ordinal);
        foreach (var line in stderr.Split('\n').Where(l => l.Contains(": error MSH", StringComparison.Ordinal) || l.Contains(": warning MSH", StringComparison.Ordinal)))
        {
            Assert.Matches(@"^[^:(]+\(\d+,\d+\): (error|warning) MSH\d{3}: ", line);  // every diagnostic carries its line and column
        }

        var render = run.Run("render", "Pulumi.bad.yaml", "--out", "out");
        Assert.Equal(1, render.Exit);
        Assert.DoesNotContain("   at ", render.Err + render.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", render.Err + render.Out, StringComparison.Ordinal);
        Assert.Equal(expected, Directory.GetFileSystemEntries(run.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        if (lockFile is not null)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(Folder, lockFile)), File.ReadAllText(Path.Combine(run.Directory, "meshstack.bad.lock.json")));
        }
    }

    // The damaged lock file a catalogue row reads with its (valid) stack, if any.
    private static string? LockFileOf(string text) => text.Split('\n')
        .Where(l => l.StartsWith("# expect-lock-file:", StringComparison.Ordinal))
        .Select(l => l["# expect-lock-file:".Length..].Trim())
        .SingleOrDefault();
}
