using System.Collections.Immutable;
using System.Globalization;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Config;

/// <summary>
/// Typed, forgiving reads from a <see cref="ConfigNode"/> tree. Every problem becomes a diagnostic with the
/// config path and the bad value; reads return null so the caller can go on and report everything at once.
/// </summary>
internal sealed class NodeReader
{
    private readonly ImmutableArray<Diagnostic>.Builder diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();

    /// <summary>All diagnostics so far.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => diagnostics.ToImmutable();

    /// <summary>True when an error was reported.</summary>
    public bool HasErrors => diagnostics.Any(d => d.IsError);

    /// <summary>Adds a diagnostic.</summary>
    public void Report(Diagnostic diagnostic) => diagnostics.Add(diagnostic);

    /// <summary>Reads a mapping and reports keys outside <paramref name="allowed"/>, suggesting the closest known key.</summary>
    public ConfigMap? Map(ConfigNode? node, string path, IReadOnlyCollection<string> allowed)
    {
        if (node is null || node is ConfigScalar { IsNull: true })
        {
            return null;
        }

        if (node is not ConfigMap map)
        {
            WrongType(node, path, ValueKind.Mapping);
            return null;
        }

        foreach (var entry in map.Entries.Where(e => !allowed.Contains(e.Key)))
        {
            diagnostics.Add(DiagnosticBuilder.UnknownKey(ConfigPath.Child(path, entry.Key), entry.Key, Closest(entry.Key, allowed), allowed, entry.KeyPosition ?? entry.Value.Position));
        }

        return map;
    }

    /// <summary>Reads a list; a single scalar is not promoted.</summary>
    public ImmutableArray<ConfigNode>? List(ConfigNode? node, string path)
    {
        if (node is null || node is ConfigScalar { IsNull: true })
        {
            return null;
        }

        if (node is not ConfigList list)
        {
            WrongType(node, path, ValueKind.List);
            return null;
        }

        return list.Items;
    }

    /// <summary>Reads text. Numbers and booleans written plainly are read as their text.</summary>
    public string? String(ConfigNode? node, string path)
    {
        switch (node)
        {
            case null:
            case ConfigScalar { IsNull: true }:
                return null;
            case ConfigScalar s:
                return s.Text;
            case ConfigSecret:
                return null;
            default:
                WrongType(node, path, ValueKind.Text);
                return null;
        }
    }

    /// <summary>Reads a whole number within a range.</summary>
    public int? Int(ConfigNode? node, string path, int min = int.MinValue, int max = int.MaxValue, OutOfRange? outOfRange = null)
    {
        if (node is null || node is ConfigScalar { IsNull: true })
        {
            return null;
        }

        if (node is not ConfigScalar s || s.Style == ScalarStyle.Boolean ||
            !long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            WrongType(node, path, ValueKind.WholeNumber);
            return null;
        }

        if (value < min || value > max)
        {
            diagnostics.Add((outOfRange ?? DiagnosticBuilder.InvalidValue)(path, value, min, max, node.Position));
            return null;
        }

        return (int)value;
    }

    /// <summary>Reads true/false.</summary>
    public bool? Bool(ConfigNode? node, string path)
    {
        if (node is null || node is ConfigScalar { IsNull: true })
        {
            return null;
        }

        if (node is ConfigScalar s && s.Style != ScalarStyle.Number)
        {
            if (string.Equals(s.Text, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(s.Text, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        WrongType(node, path, ValueKind.Boolean);
        return null;
    }

    /// <summary>Reads one of a fixed set of words.</summary>
    public T? Enum<T>(ConfigNode? node, string path, IReadOnlyDictionary<string, T> words)
        where T : struct
    {
        var text = String(node, path);
        if (text is null)
        {
            return null;
        }

        if (words.TryGetValue(text, out var value))
        {
            return value;
        }

        diagnostics.Add(DiagnosticBuilder.InvalidValue(path, text, words.Keys, Closest(text, words.Keys.ToArray()), node!.Position));
        return null;
    }

    /// <summary>Reports a required key that is missing.</summary>
    public void Missing(string path, RequiredValue what, SourcePosition? position = null) =>
        diagnostics.Add(DiagnosticBuilder.MissingKey(path, what, position));

    private void WrongType(ConfigNode node, string path, ValueKind expected) =>
        diagnostics.Add(DiagnosticBuilder.WrongType(path, expected, node.Describe(), node.Position));

    /// <summary>The closest known word within two edits (a third of the word's length for long words), else null; the builder words it as a did-you-mean.</summary>
    public static string? Closest(string word, IReadOnlyCollection<string> known)
    {
        var best = known
            .Select(k => (Key: k, Distance: Distance(word.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Max(2, word.Length / 3))
            .OrderBy(x => x.Distance).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => x.Key)
            .FirstOrDefault();
        return best;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
