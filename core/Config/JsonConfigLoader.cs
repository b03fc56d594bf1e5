using System.Collections.Immutable;
using System.Text.Json;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Config;

/// <summary>
/// Reads JSON (Pulumi hands structured config to programs as JSON text) into the same
/// <see cref="ConfigNode"/> tree as YAML, so one reader serves both.
/// </summary>
public static class JsonConfigLoader
{
    /// <summary>Parses one JSON value. Returns null and a diagnostic when the text is not JSON.</summary>
    public static (ConfigNode? Root, ImmutableArray<Diagnostic> Diagnostics) Load(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = YamlConfigLoader.MaxDepth, AllowDuplicateProperties = false });
            return (Convert(doc.RootElement), []);
        }
        catch (JsonException e)
        {
            return (null, [DiagnosticBuilder.MalformedDocument(path, e.Message)]);
        }
    }

    /// <summary>
    /// Builds a document from Pulumi's config values: each present <c>meshstack:</c> key with its raw text.
    /// Pulumi gives structured values as JSON and plain values as bare strings.
    /// </summary>
    public static (ConfigDocument Document, ImmutableArray<Diagnostic> Diagnostics) FromPulumiValues(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var entries = ImmutableArray.CreateBuilder<ConfigEntry>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var (key, raw) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var trimmed = raw.TrimStart();
            ConfigNode node;
            if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
            {
                var (root, found) = Load(raw, ConfigDocument.PathOf(key));
                diagnostics.AddRange(found);
                if (root is null)
                {
                    continue;
                }

                node = root;
            }
            else
            {
                node = new ConfigScalar(raw, ScalarStyle.Plain);
            }

            entries.Add(new ConfigEntry(key, node, null));
        }

        return (new ConfigDocument(entries.ToImmutable()), diagnostics.ToImmutable());
    }

    private static ConfigNode Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new ConfigMap(element.EnumerateObject().Select(p => new ConfigEntry(p.Name, Convert(p.Value), null)).ToImmutableArray()),
        JsonValueKind.Array => new ConfigList(element.EnumerateArray().Select(Convert).ToImmutableArray()),
        JsonValueKind.String => new ConfigScalar(element.GetString()!, ScalarStyle.Quoted),
        JsonValueKind.Number => new ConfigScalar(element.GetRawText(), ScalarStyle.Number),
        JsonValueKind.True => new ConfigScalar("true", ScalarStyle.Boolean),
        JsonValueKind.False => new ConfigScalar("false", ScalarStyle.Boolean),
        _ => new ConfigScalar("", ScalarStyle.Null),
    };
}
