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
internal static class YamlConfigLoader
{
    /// <summary>Deepest nesting accepted; deeper input is hostile or broken.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Most values a document may hold once its aliases are expanded. Aliases share nodes, so the tree stays small,
    /// but every reader after the loader walks the expanded shape: a "billion laughs" document must stop here.
    /// </summary>
    public const long MaxExpandedValues = 2_000_000;

    /// <summary>Parses one YAML document. Returns null (and a diagnostic) when the text is not YAML.</summary>
    public static (ConfigNode? Root, ImmutableArray<Diagnostic> Diagnostics) Load(string text, string rootPath = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var state = new LoadState(diagnostics);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                diagnostics.Add(DiagnosticBuilder.MalformedDocument(rootPath, DocumentProblem.EmptyYaml, new SourcePosition(1, 1)));
                return (null, diagnostics.ToImmutable());
            }

            var (root, _) = ReadNode(parser, state, rootPath, 0);
            parser.Consume<DocumentEnd>();
            if (parser.TryConsume<DocumentStart>(out var second))
            {
                diagnostics.Add(DiagnosticBuilder.MalformedDocument(rootPath, DocumentProblem.SeveralDocuments, Pos(second.Start)));
            }

            return (root, diagnostics.ToImmutable());
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException && state.OpenFlows.Count > 0 && IsAboutFlows(e))
        {
            // An unclosed [ or {: say so in our words, at the bracket that was opened (YamlDotNet reports where it gave up).
            // The text scan knows brackets the parser had already closed in its look-ahead; the parser's stack is the fallback.
            var (open, at) = FlowBrackets.FirstUnclosed(text) ?? (state.OpenFlows.Peek().Open, Pos(state.OpenFlows.Peek().Start) ?? new SourcePosition(1, 1));
            diagnostics.Add(DiagnosticBuilder.MalformedDocument(rootPath, open, at));
            return (null, diagnostics.ToImmutable());
        }
        catch (YamlException) when (FlowBrackets.FirstUnclosed(text) is { } unclosed)
        {
            diagnostics.Add(DiagnosticBuilder.MalformedDocument(rootPath, unclosed.Open, unclosed.At));
            return (null, diagnostics.ToImmutable());
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            diagnostics.Add(DiagnosticBuilder.MalformedDocument(rootPath, Trim(message), Pos(e.Start) ?? new SourcePosition(1, 1)));
            return (null, diagnostics.ToImmutable());
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser ends up in an invalid state on some broken flow collections (found by fuzzing):
            // still a broken document, not a MeshStack failure.
            diagnostics.Add(DiagnosticBuilder.MalformedDocument(rootPath, DocumentProblem.ParserStopped, new SourcePosition(1, 1)));
            return (null, diagnostics.ToImmutable());
        }
    }

    private static bool IsAboutFlows(Exception e) =>
        e is InvalidOperationException || (e.InnerException?.Message ?? e.Message).Contains("flow", StringComparison.OrdinalIgnoreCase);

    private static (ConfigNode Node, long Size) ReadNode(IParser parser, LoadState state, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YamlException(parser.Current!.Start, parser.Current.End, $"nesting deeper than {MaxDepth} levels");
        }

        switch (parser.Current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (!state.Anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");
                }

                state.Count(target.Size, alias.Start, alias.End);
                return target;

            case Scalar scalar:
                parser.MoveNext();
                state.Count(1, scalar.Start, scalar.End);
                return state.Remember(scalar.Anchor, new ConfigScalar(scalar.Value, StyleOf(scalar)) { Position = Pos(scalar.Start) }, 1);

            case SequenceStart start:
            {
                state.Open(start.Style == SequenceStyle.Flow, '[', start.Start);
                parser.MoveNext();
                state.Count(1, start.Start, start.End);
                var items = ImmutableArray.CreateBuilder<ConfigNode>();
                long size = 1;
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var (item, itemSize) = ReadNode(parser, state, $"{path}[{items.Count}]", depth + 1);
                    items.Add(item);
                    size += itemSize;
                }

                state.Close(start.Style == SequenceStyle.Flow);

                return state.Remember(start.Anchor, new ConfigList(items.ToImmutable()) { Position = Pos(start.Start) }, size);
            }

            case MappingStart start:
            {
                state.Open(start.Style == MappingStyle.Flow, '{', start.Start);
                parser.MoveNext();
                state.Count(1, start.Start, start.End);
                var entries = ImmutableArray.CreateBuilder<ConfigEntry>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                long size = 1;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (parser.Current is not Scalar keyScalar)
                    {
                        throw new YamlException(parser.Current!.Start, parser.Current.End, "mapping keys must be plain text");
                    }

                    parser.MoveNext();
                    var key = keyScalar.Value;
                    var childPath = ConfigPath.Child(path, key);
                    var (value, valueSize) = ReadNode(parser, state, childPath, depth + 1);
                    size += valueSize;
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
                        state.Diagnostics.Add(DiagnosticBuilder.DuplicateKey(childPath, key, Pos(keyScalar.Start)));
                        continue;
                    }

                    entries.Add(new ConfigEntry(key, value, Pos(keyScalar.Start)));
                }

                state.Close(start.Style == MappingStyle.Flow);
                var map = new ConfigMap(entries.ToImmutable()) { Position = Pos(start.Start) };
                ConfigNode node = IsSecure(map) ? new ConfigSecret { Position = map.Position } : map;
                return state.Remember(start.Anchor, node, size);
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

    private static SourcePosition? Pos(Mark mark) => mark.Line > 0 ? new SourcePosition((int)mark.Line, (int)mark.Column) : null;

    private static string Trim(string message)
    {
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return close >= 0 && message.StartsWith('(') ? message[(close + 3)..] : message;
    }

    /// <summary>Anchors with their expanded sizes, and the running count of expanded values.</summary>
    private sealed class LoadState(ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        private long total;

        public ImmutableArray<Diagnostic>.Builder Diagnostics { get; } = diagnostics;

        public Dictionary<string, (ConfigNode Node, long Size)> Anchors { get; } = new(StringComparer.Ordinal);

        /// <summary>The flow collections ([ or {) open at the current point, innermost on top.</summary>
        public Stack<(char Open, Mark Start)> OpenFlows { get; } = new();

        public void Open(bool flow, char bracket, Mark start)
        {
            if (flow)
            {
                OpenFlows.Push((bracket, start));
            }
        }

        public void Close(bool flow)
        {
            if (flow)
            {
                OpenFlows.Pop();
            }
        }

        public void Count(long values, Mark start, Mark end)
        {
            total += values;
            if (total > MaxExpandedValues)
            {
                throw new YamlException(start, end,
                    $"the document expands to more than {MaxExpandedValues:N0} values (aliases that repeat aliases?); write the values out or shorten the lists");
            }
        }

        public (ConfigNode Node, long Size) Remember(AnchorName anchor, ConfigNode node, long size)
        {
            if (!anchor.IsEmpty)
            {
                Anchors[anchor.Value] = (node, size);
            }

            return (node, size);
        }
    }
}
