using System.Collections.Immutable;

namespace MeshStack.Core.Dns;

/// <summary>
/// A parsed Corefile: its server blocks and top-level <c>import</c> lines, each with its exact source span,
/// so a merge can add or remove one block and leave every other byte where it was.
/// </summary>
public sealed record Corefile(string Text, ImmutableArray<ServerBlock> Blocks, ImmutableArray<TopLevelImport> Imports)
{
    /// <summary>Parses a Corefile. Malformed text gives an error message, never an exception.</summary>
    public static CorefileParse Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CorefileParser.Parse(text);
    }

    /// <summary>The blocks that serve a zone on a port over plain DNS.</summary>
    public IEnumerable<ServerBlock> Serving(string zone, int port) =>
        Blocks.Where(b => b.Keys.Any(k => k.Serves(zone, port)));
}

/// <summary>The outcome of parsing: a Corefile, or an error that says where and what.</summary>
public sealed record CorefileParse(Corefile? Corefile, string? Error)
{
    /// <summary>True when the text parsed.</summary>
    public bool Succeeded => Corefile is not null;
}

/// <summary>One server block: <c>KEYS { DIRECTIVES }</c>, with the source span from the first key to the closing brace.</summary>
public sealed record ServerBlock(ImmutableArray<ServerKey> Keys, ImmutableArray<Directive> Directives, int Start, int End, string Text)
{
    /// <summary>The directive names used at the top of this block (plugins, in Corefile order).</summary>
    public IEnumerable<string> DirectiveNames => Directives.Select(d => d.Name);
}

/// <summary>A top-level <c>import PATTERN</c> line (k3s imports <c>*.server</c> files this way).</summary>
public sealed record TopLevelImport(string Argument, int Start, int End);

/// <summary>A directive with its arguments and the directives of its nested block, if any (plugin options).</summary>
public sealed record Directive(string Name, ImmutableArray<string> Args, ImmutableArray<Directive> Block, int Line);

/// <summary>A server block key such as <c>.:53</c>, <c>global:53</c> or <c>dns://example.org</c>.</summary>
public sealed record ServerKey(string Text)
{
    /// <summary>The transport: <c>dns</c> unless the key says <c>tls://</c>, <c>grpc://</c>, <c>https://</c>….</summary>
    public string Scheme => Split().Scheme;

    /// <summary>The zone, lower case, without the trailing dot; the root zone is the empty string.</summary>
    public string Zone => Split().Zone;

    /// <summary>The port, 53 unless given.</summary>
    public int? Port => Split().Port;

    /// <summary>True when this key makes its block answer <paramref name="zone"/> on <paramref name="port"/> over plain DNS.</summary>
    public bool Serves(string zone, int port) =>
        Scheme == "dns" && (Port ?? 53) == port && string.Equals(Zone, zone.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    private (string Scheme, string Zone, int? Port) Split()
    {
        var text = Text;
        var scheme = "dns";
        var at = text.IndexOf("://", StringComparison.Ordinal);
        if (at >= 0)
        {
            scheme = text[..at].ToLowerInvariant();
            text = text[(at + 3)..];
        }

        int? port = null;
        var colon = text.LastIndexOf(':');
        if (colon >= 0 && int.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p))
        {
            port = p;
            text = text[..colon];
        }

        return (scheme, text.TrimEnd('.').ToLowerInvariant(), port);
    }
}
