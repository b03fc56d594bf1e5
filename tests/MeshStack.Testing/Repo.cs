namespace MeshStack.Testing;

/// <summary>Locates the repository, the test project running now, and the shared reference data beside the repository.</summary>
public static class Repo
{
    /// <summary>The repository root (the folder holding Pulumi.yaml).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/reference next to the repository.</summary>
    public static string Reference => Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));

    /// <summary>A file under the shared reference folder.</summary>
    public static string ReferenceFile(params string[] parts) => Path.Combine([Reference, .. parts]);

    /// <summary>
    /// The source folder of the test project running now (tests/&lt;project&gt;, where its golden files and fixtures
    /// live): the folder under tests/ that holds the test assembly's output. Derived from the repository root, not from
    /// compile-time paths, which CI builds map to "/_/".
    /// </summary>
    public static string TestProjectDir() => TestProjectDirCache.Value;

    /// <summary>A file under the running test project's Fixtures/ folder.</summary>
    public static string Fixture(params string[] parts) => Path.Combine([TestProjectDir(), "Fixtures", .. parts]);

    /// <summary>
    /// A stack by name: a stack settings file of the repository (Pulumi.dev.yaml) or a fixture of the running test
    /// project (three-clusters → Fixtures/three-clusters.yaml).
    /// </summary>
    public static string StackFile(string stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return stack.StartsWith("Pulumi.", StringComparison.Ordinal) ? Path.Combine(Root, stack) : Fixture(stack + ".yaml");
    }

    /// <summary>The source folder of a named test project (tests/<paramref name="project"/>).</summary>
    public static string TestProjectDir(string project) => Path.Combine(Root, "tests", project);

    private static readonly Lazy<string> TestProjectDirCache = new(() =>
    {
        var tests = Path.Combine(Root, "tests") + Path.DirectorySeparatorChar;
        var output = Path.GetFullPath(AppContext.BaseDirectory);
        if (!output.StartsWith(tests, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the test assembly runs from {output}, not from a project under {tests}");
        }

        return Path.Combine(Root, "tests", output[tests.Length..].Split(Path.DirectorySeparatorChar)[0]);
    });

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Pulumi.yaml")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("cannot find the repository root (Pulumi.yaml)");
    }
}
