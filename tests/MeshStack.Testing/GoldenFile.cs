using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace MeshStack.Testing;

/// <summary>
/// The one golden-file comparer: text against a committed file under the running test project's Golden/ folder, with a
/// readable line diff on failure. MESHSTACK_UPDATE_GOLDEN=1 rewrites the file instead, on purpose only: where the CI
/// variable is set (CI builds set CI=true) it refuses, so a CI run can never accept its own output.
/// </summary>
public static class GoldenFile
{
    /// <summary>The environment variable that asks for golden files to be rewritten.</summary>
    public const string UpdateVariable = "MESHSTACK_UPDATE_GOLDEN";

    /// <summary>Asserts <paramref name="actual"/> equals Golden/<paramref name="relativePath"/>, with a line diff on failure.</summary>
    public static void Verify(string relativePath, string actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var path = PathOf(relativePath);
        if (UpdateRequested())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Xunit.Assert.True(File.Exists(path), $"missing golden file Golden/{relativePath}; run the tests with {UpdateVariable}=1 to create it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return;
        }

        var diff = InlineDiffBuilder.Diff(expected, actual);
        var lines = diff.Lines.Where(l => l.Type != ChangeType.Unchanged)
            .Select(l => (l.Type == ChangeType.Inserted ? "+ " : "- ") + l.Text);
        Xunit.Assert.Fail($"Golden/{relativePath} differs (- golden, + actual); run with {UpdateVariable}=1 to accept:\n{string.Join('\n', lines)}");
    }

    /// <summary>Golden/<paramref name="relativePath"/> of the running test project, for a comparison other than equality.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Repo.TestProjectDir(), "Golden", relativePath);

    /// <summary>
    /// True when <see cref="UpdateVariable"/> is 1 and this is not a CI run; throws when both are set, so a CI job
    /// that sets the variable fails loudly instead of comparing nothing.
    /// </summary>
    public static bool UpdateRequested() => UpdateRequested(Environment.GetEnvironmentVariable);

    /// <summary><see cref="UpdateRequested()"/> over a given environment (for its own test).</summary>
    public static bool UpdateRequested(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(UpdateVariable) != "1")
        {
            return false;
        }

        if (environment("CI") is { Length: > 0 } ci && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0")
        {
            throw new InvalidOperationException($"{UpdateVariable}=1 is refused on CI (CI={ci}): golden files are rewritten on purpose, on a developer's machine, never by a CI run");
        }

        return true;
    }
}
