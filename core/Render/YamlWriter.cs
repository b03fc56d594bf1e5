using System.Text;
using System.Text.RegularExpressions;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>
/// Writes plan values as YAML, straight from the value tree to UTF-8 (see <see cref="Utf8YamlWriter"/>).
/// Strings that YAML would read as another type are quoted; multi-line text is written as a literal block.
/// </summary>
public static partial class YamlWriter
{
    /// <summary>Writes each manifest as one document of a multi-document stream, as UTF-8.</summary>
    public static void WriteDocuments(Stream stream, IEnumerable<MapValue> documents) => WriteDocuments(stream, documents, fragments: null);

    /// <summary>The same, copying the subtrees documents share from <paramref name="fragments"/> (one render's files share one).</summary>
    internal static void WriteDocuments(Stream stream, IEnumerable<MapValue> documents, YamlFragments? fragments)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(documents);
        using var writer = new Utf8YamlWriter(stream, fragments);
        foreach (var document in documents)
        {
            writer.WriteDocument(document, marker: true);
        }
    }

    /// <summary>Writes one document without a <c>---</c> marker, as UTF-8 (for files that tools read as one document: helmfile.yaml, kustomization.yaml, values).</summary>
    public static void WriteDocument(Stream stream, MapValue document)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(document);
        using var writer = new Utf8YamlWriter(stream);
        writer.WriteDocument(document, marker: false);
    }

    /// <summary>Writes each manifest as one document of a multi-document stream.</summary>
    public static void WriteDocuments(TextWriter writer, IEnumerable<MapValue> documents)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(documents);
        using var stream = new TextWriterStream(writer);
        WriteDocuments(stream, documents);
    }

    /// <summary>Writes one document without a <c>---</c> marker (for files that tools read as one document: helmfile.yaml, kustomization.yaml, values).</summary>
    public static void WriteDocument(TextWriter writer, MapValue document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new TextWriterStream(writer);
        WriteDocument(stream, document);
    }

    /// <summary>One value as a single YAML document string.</summary>
    public static string ToYaml(MapValue document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var writer = new Utf8YamlWriter(null);
        writer.WriteDocument(document, marker: true);
        return writer.ToText();
    }

    /// <summary>How an unresolved deploy-time value shows in plan output: never its content.</summary>
    public static string Placeholder(DeployValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.IsSecret ? $"<secret: {value.Describe()}>" : $"<{value.Describe()}>";
    }

    /// <summary>The text of a template, its deploy-time parts as placeholders.</summary>
    internal static string TemplateText(Template template)
    {
        var text = new StringBuilder();
        foreach (var part in template.Parts)
        {
            text.Append(part as string ?? Placeholder((DeployValue)part));
        }

        return text.ToString();
    }

    /// <summary>True when a plain scalar would not read back as this string (numbers, booleans, null, YAML 1.1 words).</summary>
    /// <remarks>
    /// A word starting with <c>*</c> is quoted too: YamlDotNet's scanner then no longer ends a plain key at its
    /// <c>:</c> (v18.1.0, YamlDotNet/Core/Scanner.cs, ScanPlainScalar's <c>isAliasValue</c>), so <c>a *b: 1</c> does not read back.
    /// </remarks>
    internal static bool NeedsQuotes(string text) =>
        text.Length == 0 || ReadsAsNonString(text) || text[0] is ' ' or '*' or '&' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or '{' or '[' or '#' or ',' or '?' or '-' or ':' ||
        text[^1] == ' ' || text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal) ||
        text.Contains(" *", StringComparison.Ordinal) || text.Contains("\t*", StringComparison.Ordinal);

    // The regex below only matches a string that starts with a letter when it is one of these words or an exponent
    // like e5 (or ends in a line feed, which $ also matches before); every other string that starts with a letter
    // skips it (most keys and names).
    private static readonly HashSet<string> NonStringWords = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    };

    internal static bool ReadsAsNonString(string text) =>
        char.IsAsciiLetter(text[0]) && text[0] is not ('e' or 'E') && text[^1] != '\n'
            ? text.Length <= 5 && NonStringWords.Contains(text)
            : NonString().IsMatch(text);

    // YAML 1.2 core types and YAML 1.1's implicit types as PyYAML resolves them (yaml/pyyaml 6.0.2, lib/yaml/resolver.py:
    // bool, float, int incl. sexagesimal as the resolver has them ([-+]?[1-9][0-9_]*(:[0-5]?[0-9])+, and with a fraction
    // [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*), plus every unsigned digits:digits[.digits] the Emitter quotes (012:30, 1:60),
    // so +12:301.5 stays plain as the Emitter writes it), merge <<, null, timestamp, value =), plus YAML 1.1's y/n and
    // 1.2's 0o.
    [GeneratedRegex(@"^(?:[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|[-+]?\d[\d_]*\.[\d_]*(?:[eE][-+]\d+)?|\.\d[\d_]*(?:[eE][-+]\d+)?|[-+]?0x[0-9a-fA-F_]+|0o[0-7_]+|[-+]?0b[01_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<|=)|\d+(?::\d+)+(?:\.\d*)?|[-+]?[1-9][\d_]*(?::[0-5]?\d)+|[-+]?\d[\d_]*(?::[0-5]?\d)+\.[\d_]*|\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex NonString();
}
