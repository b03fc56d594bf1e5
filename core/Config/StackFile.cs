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
            return (null, [DiagnosticBuilder.MalformedDocument("config", DocumentProblem.EmptyStackFile, new SourcePosition(1, 1))]);
        }

        var (root, diagnostics) = YamlConfigLoader.Load(text);
        if (root is null)
        {
            return (null, diagnostics);
        }

        if (root is not ConfigMap map)
        {
            return (null, diagnostics.Add(DiagnosticBuilder.MalformedDocument(root.Position, root.Describe())));
        }

        if (NotAStackFile(map) is { } wrongFile)
        {
            return (null, diagnostics.Add(wrongFile));
        }

        var reader = new NodeReader();
        reader.Map(map, "", Keys);
        diagnostics = diagnostics.AddRange(reader.Diagnostics);
        var config = map["config"];
        if (config is null or ConfigScalar { IsNull: true })
        {
            return (null, diagnostics.Add(DiagnosticBuilder.MissingKey(map.Position)));
        }

        if (config is not ConfigMap configMap)
        {
            return (null, diagnostics.Add(DiagnosticBuilder.WrongType("config", ValueKind.Mapping, config.Describe(), config.Position)));
        }

        return (ConfigDocument.FromStackConfig(configMap), diagnostics);
    }

    // One diagnostic for the two usual wrong files, instead of one MSH002 per key: the project file, and a stack
    // file whose meshstack: keys lost their `config:` line.
    private static Diagnostic? NotAStackFile(ConfigMap map)
    {
        var at = map.Position ?? new SourcePosition(1, 1);
        if (map["name"] is not null && map["runtime"] is not null)
        {
            return DiagnosticBuilder.NotAStackFile(DocumentProblem.ProjectFile, at);
        }

        if (map["config"] is null && map.Entries.Any(e => e.Key.StartsWith(ConfigDocument.Namespace + ":", StringComparison.Ordinal)))
        {
            return DiagnosticBuilder.NotAStackFile(DocumentProblem.KeysWithoutConfig, at);
        }

        return null;
    }
}
