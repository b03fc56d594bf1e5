using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Config;

/// <summary>Reads a Pulumi stack settings file (<c>Pulumi.&lt;stack&gt;.yaml</c>) into its <c>meshstack:</c> config.</summary>
public static class StackFile
{
    /// <summary>Top-level keys Pulumi defines for stack files.</summary>
    public static readonly string[] Keys = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

    /// <summary>Parses the text. Returns null and diagnostics when it is not a usable stack file.</summary>
    public static (ConfigDocument? Document, ImmutableArray<Diagnostic> Diagnostics) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, [Codes.MalformedDocument.At("config", "the file is empty; a stack file starts with 'config:'")]);
        }

        var (root, diagnostics) = YamlConfigLoader.Load(text);
        if (root is null)
        {
            return (null, diagnostics);
        }

        if (root is not ConfigMap map)
        {
            return (null, diagnostics.Add(Codes.MalformedDocument.At("", $"a stack file is a mapping with a 'config:' key, found {root.Describe()}", root.Position)));
        }

        var reader = new NodeReader();
        reader.Map(map, "", Keys);
        diagnostics = diagnostics.AddRange(reader.Diagnostics);
        var config = map["config"];
        if (config is null or ConfigScalar { IsNull: true })
        {
            return (null, diagnostics.Add(Codes.MissingKey.At("config", "the file has no 'config:' mapping with meshstack: keys", map.Position)));
        }

        if (config is not ConfigMap configMap)
        {
            return (null, diagnostics.Add(Codes.WrongType.At("config", $"expected a mapping, found {config.Describe()}", config.Position)));
        }

        return (ConfigDocument.FromStackConfig(configMap), diagnostics);
    }
}
