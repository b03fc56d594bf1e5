namespace MeshStack.Components.Mapping;

/// <summary>Whether the Kubernetes provider will find a kubeconfig of its own (client-go's default loading rules).</summary>
internal static class AmbientKubeconfig
{
    public static bool Exists()
    {
        var variable = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (variable is { Length: > 0 })
        {
            return variable.Split(Path.PathSeparator).Any(p => p.Length > 0 && p != "/dev/null" && File.Exists(p) && new FileInfo(p).Length > 0);
        }

        return File.Exists(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config"));
    }
}
