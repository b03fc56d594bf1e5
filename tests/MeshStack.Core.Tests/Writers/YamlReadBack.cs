using System.Globalization;
using System.Text.RegularExpressions;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Core.Tests.Writers;

/// <summary>
/// Parses YAML back with YamlDotNet and compares it with the values it was written from: same structure, same order,
/// same text, and no string written plain where a YAML 1.1 or 1.2 reader would take it for another type.
/// </summary>
public static partial class YamlReadBack
{
    /// <summary>Null when the text reads back as exactly these documents, else what differs.</summary>
    public static string? Difference(string yaml, IReadOnlyList<MapValue> documents)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner fails with either on some broken input.
            return $"does not parse: {e.Message}";
        }

        if (stream.Documents.Count != documents.Count)
        {
            return $"{stream.Documents.Count} document(s), expected {documents.Count}";
        }

        for (var i = 0; i < documents.Count; i++)
        {
            if (Difference(documents[i], stream.Documents[i].RootNode, $"doc[{i}]") is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static string? Difference(Value expected, YamlNode node, string path)
    {
        switch (expected)
        {
            case MapValue map:
                if (node is not YamlMappingNode mapping)
                {
                    return $"{path}: a {node.NodeType}, expected a mapping";
                }

                if (mapping.Children.Count != map.Entries.Length)
                {
                    return $"{path}: {mapping.Children.Count} entries, expected {map.Entries.Length}";
                }

                var index = 0;
                foreach (var (key, value) in mapping.Children)
                {
                    var (expectedKey, expectedValue) = map.Entries[index++];
                    var difference = Text(expectedKey, key, $"{path}.key[{index - 1}]") ?? Difference(expectedValue, value, $"{path}.{Shown(expectedKey)}");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case ListValue list:
                if (node is not YamlSequenceNode sequence)
                {
                    return $"{path}: a {node.NodeType}, expected a sequence";
                }

                if (sequence.Children.Count != list.Items.Length)
                {
                    return $"{path}: {sequence.Children.Count} items, expected {list.Items.Length}";
                }

                for (var i = 0; i < list.Items.Length; i++)
                {
                    if (Difference(list.Items[i], sequence.Children[i], $"{path}[{i}]") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case Scalar { Content: string text }:
                return Text(text, node, path);
            case Scalar { Content: long number }:
                return Plain(number.ToString(CultureInfo.InvariantCulture), node, path);
            case Scalar { Content: bool flag }:
                return Plain(flag ? "true" : "false", node, path);
            case Deferred d:
                return Text(YamlWriter.Placeholder(d.Ref), node, path);
            default:
                return $"{path}: cannot compare {expected.GetType().Name}";
        }
    }

    private static string? Text(string expected, YamlNode node, string path)
    {
        if (node is not YamlScalarNode scalar)
        {
            return $"{path}: a {node.NodeType}, expected the string {Shown(expected)}";
        }

        if (scalar.Value != expected)
        {
            return $"{path}: reads as {Shown(scalar.Value ?? "")} ({scalar.Style}), expected {Shown(expected)}";
        }

        return scalar.Style == ScalarStyle.Plain && ReadsAsNonString(expected)
            ? $"{path}: the string {Shown(expected)} is plain, so a YAML reader takes it for another type"
            : null;
    }

    private static string? Plain(string expected, YamlNode node, string path) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && scalar.Value == expected
            ? null
            : $"{path}: expected the plain scalar {expected}, got {node}";

    private static string Shown(string text) => "\"" + string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";

    /// <summary>
    /// The implicit types of a plain scalar, written from the specs, independent of the writer: YAML 1.2's core schema
    /// and YAML 1.1's types as PyYAML resolves them (yaml/pyyaml lib/yaml/resolver.py), plus 1.1's y/Y/n/N.
    /// </summary>
    public static bool ReadsAsNonString(string text) =>
        text.Length == 0 || Yaml11().IsMatch(text) || Yaml12Core().IsMatch(text);

    [GeneratedRegex(@"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF" +
                    @"|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)" +
                    @"|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+" +
                    @"|<<|~|null|Null|NULL|=" +
                    @"|[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$")]
    private static partial Regex Yaml11();

    [GeneratedRegex(@"^(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex Yaml12Core();
}
