namespace MeshStack.Core.Tests.Support;

/// <summary>Locates the repository and the shared reference data beside it.</summary>
public static class Repo
{
    /// <summary>The repository root (the folder holding Pulumi.yaml).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/reference next to the repository.</summary>
    public static string Reference => Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));

    /// <summary>A file under the shared reference folder.</summary>
    public static string ReferenceFile(params string[] parts) => Path.Combine([Reference, .. parts]);

    /// <summary>
    /// The source folder of this test project (golden files and fixtures live there). Derived from the repository
    /// root, not from compile-time paths, which CI builds map to "/_/".
    /// </summary>
    public static string TestProjectDir() => Path.Combine(Root, "tests", "MeshStack.Core.Tests");

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
