using System.Globalization;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Config;

/// <summary>
/// Finds where a config path sits in its file, so every diagnostic carries a line and column even when the rule that
/// reported it (cross-service checks, allocation) only knew the path. A path that names something not written (a
/// missing key, an absent list) points at the nearest written ancestor.
/// </summary>
internal static class ConfigPositions
{
    /// <summary>Fills in the position of every diagnostic that has none and whose path is in the document.</summary>
    public static Diagnostic WithPosition(ConfigDocument document, Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(diagnostic);
        return diagnostic.Position is null && Find(document, diagnostic.Path) is { } at ? diagnostic with { Position = at } : diagnostic;
    }

    /// <summary>
    /// The position of a path such as <c>meshstack:services[1].consumers</c> or <c>meshstack:services[httpbin.bar]</c>
    /// (a service key); null when the document has no positions (Pulumi's JSON config) or the path is not a config path.
    /// </summary>
    public static SourcePosition? Find(ConfigDocument document, string path)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(path);
        var prefix = ConfigDocument.Namespace + ":";
        if (path.Length == 0 || path == "config")
        {
            return document.Position;
        }

        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[prefix.Length..];
        var end = rest.IndexOfAny(['.', '[']);
        var key = end < 0 ? rest : rest[..end];
        var entry = document.Keys.FirstOrDefault(e => e.Key == key);
        if (entry is null)
        {
            return document.Position;
        }

        ConfigNode node = entry.Value;
        var best = node.Position ?? entry.KeyPosition ?? document.Position;
        var i = end < 0 ? rest.Length : end;
        while (i < rest.Length)
        {
            ConfigNode? next;
            if (rest[i] == '.')
            {
                var stop = rest.IndexOfAny(['.', '['], i + 1);
                var name = stop < 0 ? rest[(i + 1)..] : rest[(i + 1)..stop];
                i = stop < 0 ? rest.Length : stop;
                next = node is ConfigMap map ? map[name] : null;
            }
            else
            {
                var close = rest.IndexOf(']', i);
                if (close < 0)
                {
                    return best;
                }

                var index = rest[(i + 1)..close];
                i = close + 1;
                next = node is ConfigList list ? Item(list, index) : null;
            }

            if (next is null)
            {
                return best;
            }

            node = next;
            best = node.Position ?? best;
        }

        return best;
    }

    // A list item by index, or the service whose NAME.NS key is given.
    private static ConfigNode? Item(ConfigList list, string index)
    {
        if (int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n < list.Items.Length ? list.Items[n] : null;
        }

        var dot = index.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return null;
        }

        var (name, ns) = (index[..dot], index[(dot + 1)..]);
        return list.Items.FirstOrDefault(item => item is ConfigMap m
            && m["name"] is ConfigScalar { Text: var itemName } && itemName == name
            && m["namespace"] is ConfigScalar { Text: var itemNs } && itemNs == ns);
    }
}
