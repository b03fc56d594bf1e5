using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace MeshStack.Core.Config;

/// <summary>
/// Reads YAML text into a <see cref="ConfigNode"/> tree with source positions. Built on YamlDotNet's
/// event parser (not the representation model) so duplicate keys become diagnostics instead of exceptions.
/// </summary>
public static class YamlConfigLoader
{
    /// <summary>Deepest nesting accepted; deeper input is hostile or broken.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses one YAML document. Returns null (and a diagnostic) when the text is not YAML.</summary>
    public static (ConfigNode? Root, ImmutableArray<Diagnostic> Diagnostics) Load(string text, string rootPath = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        try
        {
            var parser = new Parser(new StringReader(text));
            var anchors = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                diagnostics.Add(Codes.MalformedDocument.At(rootPath, "the file is empty; expected a mapping with a 'config:' key"));
                return (null, diagnostics.ToImmutable());
            }

            var root = ReadNode(parser, anchors, diagnostics, rootPath, 0);
            parser.Consume<DocumentEnd>();
            if (parser.TryConsume<DocumentStart>(out var second))
            {
                diagnostics.Add(Codes.MalformedDocument.At(rootPath, "the file holds more than one YAML document; keep one stack per file", Pos(second.Start)));
            }

            return (root, diagnostics.ToImmutable());
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            diagnostics.Add(Codes.MalformedDocument.At(rootPath, $"not valid YAML: {Trim(message)}", Pos(e.Start)));
            return (null, diagnostics.ToImmutable());
        }
    }

    private static ConfigNode ReadNode(IParser parser, Dictionary<string, ConfigNode> anchors, ImmutableArray<Diagnostic>.Builder diagnostics, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YamlException(parser.Current!.Start, parser.Current.End, $"nesting deeper than {MaxDepth} levels");
        }

        switch (parser.Current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");

            case Scalar scalar:
                parser.MoveNext();
                return Remember(anchors, scalar.Anchor, new ConfigScalar(scalar.Value, StyleOf(scalar)) { Position = Pos(scalar.Start) });

            case SequenceStart start:
            {
                parser.MoveNext();
                var items = ImmutableArray.CreateBuilder<ConfigNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, anchors, diagnostics, $"{path}[{items.Count}]", depth + 1));
                }

                return Remember(anchors, start.Anchor, new ConfigList(items.ToImmutable()) { Position = Pos(start.Start) });
            }

            case MappingStart start:
            {
                parser.MoveNext();
                var entries = ImmutableArray.CreateBuilder<ConfigEntry>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (parser.Current is not Scalar keyScalar)
                    {
                        throw new YamlException(parser.Current!.Start, parser.Current.End, "mapping keys must be plain text");
                    }

                    parser.MoveNext();
                    var key = keyScalar.Value;
                    var childPath = ConfigPath.Child(path, key);
                    var value = ReadNode(parser, anchors, diagnostics, childPath, depth + 1);
                    if (key == "<<" && value is ConfigMap merged)
                    {
                        foreach (var m in merged.Entries.Where(m => seen.Add(m.Key)))
                        {
                            entries.Add(m);
                        }

                        continue;
                    }

                    if (!seen.Add(key))
                    {
                        diagnostics.Add(Codes.DuplicateKey.At(childPath, $"the key '{key}' appears more than once; keep one", Pos(keyScalar.Start)));
                        continue;
                    }

                    entries.Add(new ConfigEntry(key, value, Pos(keyScalar.Start)));
                }

                var map = new ConfigMap(entries.ToImmutable()) { Position = Pos(start.Start) };
                ConfigNode node = IsSecure(map) ? new ConfigSecret { Position = map.Position } : map;
                return Remember(anchors, start.Anchor, node);
            }

            default:
                throw new YamlException(parser.Current!.Start, parser.Current.End, $"unexpected {parser.Current.GetType().Name}");
        }
    }

    private static bool IsSecure(ConfigMap map) => map.Entries.Length == 1 && map.Entries[0].Key == "secure";

    private static ScalarStyle StyleOf(Scalar scalar)
    {
        if (scalar.Style is YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted or YamlScalarStyle.Literal or YamlScalarStyle.Folded)
        {
            return ScalarStyle.Quoted;
        }

        return scalar.Value is "" or "~" or "null" or "Null" or "NULL" ? ScalarStyle.Null : ScalarStyle.Plain;
    }

    private static ConfigNode Remember(Dictionary<string, ConfigNode> anchors, AnchorName anchor, ConfigNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }

        return node;
    }

    private static SourcePosition? Pos(Mark mark) => mark.Line > 0 ? new SourcePosition((int)mark.Line, (int)mark.Column) : null;

    private static string Trim(string message)
    {
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return close >= 0 && message.StartsWith('(') ? message[(close + 3)..] : message;
    }
}
