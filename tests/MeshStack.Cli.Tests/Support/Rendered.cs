namespace MeshStack.Cli.Tests.Support;

/// <summary>Where <c>meshstack render</c> puts things, in one place for the tests.</summary>
internal static class Rendered
{
    /// <summary>The objects file of a cluster's stage, e.g. <c>Stage(out, "cluster1", "05-meshconfig")</c>.</summary>
    public static string Stage(string root, string cluster, string stage) => Path.Combine(root, cluster, stage, "resources.yaml");
}
