namespace MeshStack.Components.Tests.Support;

/// <summary>Locates the repository and the shared reference data beside it.</summary>
public static class Repo
{
    /// <summary>The repository root (the folder holding Pulumi.yaml).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/reference next to the repository.</summary>
    public static string Reference => Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));

    /// <summary>A file under the shared reference folder.</summary>
    public static string ReferenceFile(params string[] parts) => Path.Combine([Reference, .. parts]);

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
