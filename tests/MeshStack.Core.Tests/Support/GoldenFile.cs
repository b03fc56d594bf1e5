using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace MeshStack.Core.Tests.Support;

/// <summary>
/// The one golden-file comparer: text against a committed file under Golden/, with a readable line diff on failure.
/// MESHSTACK_UPDATE_GOLDEN=1 rewrites the file instead (only on purpose, never in CI).
/// </summary>
public static class GoldenFile
{
    /// <summary>Asserts <paramref name="actual"/> equals Golden/<paramref name="relativePath"/>, with a line diff on failure.</summary>
    public static void Verify(string relativePath, string actual)
    {
        var path = Path.Combine(Repo.TestProjectDir(), "Golden", relativePath);
        if (Environment.GetEnvironmentVariable("MESHSTACK_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"missing golden file Golden/{relativePath}; run the tests with MESHSTACK_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return;
        }

        var diff = InlineDiffBuilder.Diff(expected, actual);
        var lines = diff.Lines.Where(l => l.Type != ChangeType.Unchanged)
            .Select(l => (l.Type == ChangeType.Inserted ? "+ " : "- ") + l.Text);
        Assert.Fail($"Golden/{relativePath} differs (- golden, + actual); run with MESHSTACK_UPDATE_GOLDEN=1 to accept:\n{string.Join('\n', lines)}");
    }
}
