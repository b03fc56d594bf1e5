using YamlDotNet.RepresentationModel;

namespace MeshStack.Core.Deployment;

/// <summary>
/// The API server an inline kubeconfig points at: the <c>server</c> of the cluster named by the chosen context (or the
/// kubeconfig's <c>current-context</c>), as client-go picks it. A new token or certificate in the same kubeconfig keeps
/// the server, so it is what tells "the same cluster" from "another cluster" across runs.
/// </summary>
internal static class KubeconfigTarget
{
    /// <summary>The server URL, or null when the text is not a kubeconfig MeshStack can read (a path, say).</summary>
    public static string? ServerOf(string kubeconfig, string? context)
    {
        if (!kubeconfig.Contains('\n', StringComparison.Ordinal) && !kubeconfig.TrimStart().StartsWith('{'))
        {
            return null; // a file path: the provider reads it, core does no I/O
        }

        try
        {
            var stream = new YamlStream();
            using var reader = new StringReader(kubeconfig);
            stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                return null;
            }

            var contextName = context ?? Scalar(root, "current-context");
            var cluster = Named(root, "contexts", contextName) is { } entry && entry.Children.TryGetValue("context", out var c) && c is YamlMappingNode ctx
                ? Scalar(ctx, "cluster")
                : null;
            return Named(root, "clusters", cluster) is { } clusterEntry && clusterEntry.Children.TryGetValue("cluster", out var body) && body is YamlMappingNode server
                ? Scalar(server, "server")
                : null;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var node) && node is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;

    private static YamlMappingNode? Named(YamlMappingNode root, string list, string? name) =>
        name is null || !root.Children.TryGetValue(list, out var items) || items is not YamlSequenceNode sequence
            ? null
            : sequence.Children.OfType<YamlMappingNode>().FirstOrDefault(e => Scalar(e, "name") == name);
}
