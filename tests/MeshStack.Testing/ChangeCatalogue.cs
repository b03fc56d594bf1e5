namespace MeshStack.Testing;

/// <summary>
/// The change catalogue (issue 19): every user change as two stack files, <c>tests/Shared/Changes/&lt;row&gt;/run1.yaml</c>
/// (yesterday) and <c>run2.yaml</c> (today). The GitOps rows (render → apply → render → apply, in the CLI tests) and the
/// Pulumi rows (two runs through the strict doubles) read the same files; each test keeps its own expectations per row.
/// </summary>
public static class ChangeCatalogue
{
    /// <summary>The catalogue folder below the repository root.</summary>
    public static string Folder(string repoRoot) => Path.Combine(repoRoot, "tests", "Shared", "Changes");

    /// <summary>Every row name, sorted.</summary>
    public static IReadOnlyList<string> Names(string repoRoot) =>
        [.. Directory.GetDirectories(Folder(repoRoot)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>A row's two stack texts.</summary>
    public static (string Run1, string Run2) Texts(string repoRoot, string row) =>
        (File.ReadAllText(Path.Combine(Folder(repoRoot), row, "run1.yaml")), File.ReadAllText(Path.Combine(Folder(repoRoot), row, "run2.yaml")));

    /// <summary>What the row changes, from its run-2 header line.</summary>
    public static string What(string repoRoot, string row)
    {
        var first = File.ReadLines(Path.Combine(Folder(repoRoot), row, "run2.yaml")).First();
        return first[(first.IndexOf(": ", StringComparison.Ordinal) + 2)..];
    }
}
