using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using MeshStack.Core.Tests.Support;

namespace MeshStack.Core.Tests.Routing;

/// <summary>Compares text with a committed golden file under Golden/routing; rewrites it only when MESHSTACK_UPDATE_GOLDEN=1.</summary>
internal static class RoutingGolden
{
    public static void Match(string fileName, string actual)
    {
        var path = Path.Combine(Repo.TestProjectDir(), "Golden", "routing", fileName);
        if (Environment.GetEnvironmentVariable("MESHSTACK_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {fileName} is missing; run the tests with MESHSTACK_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return;
        }

        var diff = InlineDiffBuilder.Diff(expected, actual);
        var report = new StringBuilder($"{fileName} differs from the render (- golden, + actual):\n");
        foreach (var line in diff.Lines.Where(l => l.Type != ChangeType.Unchanged))
        {
            report.Append(line.Type == ChangeType.Inserted ? "+ " : "- ").Append(line.Text).Append('\n');
        }

        Assert.Fail(report.ToString());
    }
}
