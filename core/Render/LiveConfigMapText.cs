using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Core.Render;

/// <summary>
/// Reads one data key from what a user saved of a live ConfigMap: either the ConfigMap itself
/// (<c>kubectl -n kube-system get configmap coredns -o yaml</c>) or just the key's text (a Corefile, a stubDomains JSON).
/// </summary>
internal static class LiveConfigMapText
{
    /// <summary>The key's text, or null when the text is a ConfigMap without that key (MSH120, FlagValueProblem.NoDataKey).</summary>
    public static string? DataKey(string text, string key)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (AsConfigMap(text) is not { } configMap)
        {
            return text;
        }

        return configMap.Children.TryGetValue("data", out var data) && data is YamlMappingNode map &&
               map.Children.TryGetValue(key, out var value) && value is YamlScalarNode { Value: { } found }
            ? found
            : null;
    }

    private static YamlMappingNode? AsConfigMap(string text)
    {
        try
        {
            var stream = new YamlStream();
            using var reader = new StringReader(text);
            stream.Load(reader);
            return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root &&
                   root.Children.TryGetValue("kind", out var kind) && kind is YamlScalarNode { Value: "ConfigMap" }
                ? root
                : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }
}
