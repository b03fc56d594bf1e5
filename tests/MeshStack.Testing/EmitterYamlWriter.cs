using System.Globalization;
using System.Text.RegularExpressions;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalar = YamlDotNet.Core.Events.Scalar;

namespace MeshStack.Testing;

/// <summary>
/// The oracle: MeshStack's YAML writer as it was up to issue 23, frozen, writing plan values through YamlDotNet's
/// low-level <see cref="Emitter"/>. Tests and benchmarks compare core's own UTF-8 writer with it byte for byte.
/// Strings that YAML would read as another type are quoted; multi-line text is written as a literal block.
/// </summary>
public static partial class EmitterYamlWriter
{
    /// <summary>Writes each manifest as one document of a multi-document stream.</summary>
    public static void WriteDocuments(TextWriter writer, IEnumerable<MapValue> documents)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(documents);
        var emitter = new Emitter(writer, new EmitterSettings(2, int.MaxValue, false, 1024, false, false, "\n", false));
        emitter.Emit(new StreamStart());
        foreach (var document in documents)
        {
            emitter.Emit(ImplicitDocumentStart);
            Emit(emitter, document);
            emitter.Emit(ImplicitDocumentEnd);
        }

        emitter.Emit(new StreamEnd());
    }

    /// <summary>Writes one document without a <c>---</c> marker (for files that tools read as one document: helmfile.yaml, kustomization.yaml, values).</summary>
    public static void WriteDocument(TextWriter writer, MapValue document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        var emitter = new Emitter(writer, new EmitterSettings(2, int.MaxValue, false, 1024, false, false, "\n", false));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, document);
        emitter.Emit(ImplicitDocumentEnd);
        emitter.Emit(new StreamEnd());
    }

    /// <summary>One value as a single YAML document string.</summary>
    public static string ToYaml(MapValue document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteDocuments(writer, [document]);
        return writer.ToString();
    }

    // Events are immutable: the structural ones are shared instead of allocated per node.
    private static readonly MappingStart BlockMappingStart = new(null, null, true, MappingStyle.Block);
    private static readonly MappingEnd MappingEndEvent = new();
    private static readonly SequenceStart BlockSequenceStart = new(null, null, true, SequenceStyle.Block);
    private static readonly SequenceEnd SequenceEndEvent = new();
    private static readonly DocumentStart ImplicitDocumentStart = new(null, null, false);
    private static readonly DocumentEnd ImplicitDocumentEnd = new(true);

    private static void Emit(IEmitter emitter, Value value)
    {
        switch (value)
        {
            case MapValue map:
                emitter.Emit(BlockMappingStart);
                foreach (var (key, item) in map.Entries)
                {
                    EmitString(emitter, key);
                    Emit(emitter, item);
                }

                emitter.Emit(MappingEndEvent);
                break;
            case ListValue list:
                emitter.Emit(BlockSequenceStart);
                foreach (var item in list.Items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(SequenceEndEvent);
                break;
            case MeshStack.Core.Plan.Scalar { Content: string text }:
                EmitString(emitter, text);
                break;
            case MeshStack.Core.Plan.Scalar { Content: long number }:
                emitter.Emit(new YamlScalar(null, null, number.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain, true, false));
                break;
            case MeshStack.Core.Plan.Scalar { Content: bool flag }:
                emitter.Emit(new YamlScalar(null, null, flag ? "true" : "false", ScalarStyle.Plain, true, false));
                break;
            case Deferred d:
                EmitString(emitter, YamlWriter.Placeholder(d.Ref));
                break;
            case Template t:
                EmitString(emitter, string.Concat(t.Parts.Select(p => p as string ?? YamlWriter.Placeholder((DeployValue)p))));
                break;
            default:
                throw new InvalidOperationException($"cannot write {value.GetType().Name}");
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        var style = text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : NeedsQuotes(text) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        emitter.Emit(new YamlScalar(null, null, text, style, true, true));
    }

    /// <summary>True when a plain scalar would not read back as this string (numbers, booleans, null, YAML 1.1 words).</summary>
    public static bool NeedsQuotes(string text) =>
        text.Length == 0 || ReadsAsNonString(text) || text[0] is ' ' or '*' or '&' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or '{' or '[' or '#' or ',' or '?' or '-' or ':' ||
        text[^1] == ' ' || text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal);

    // The regex below only matches a string that starts with a letter when it is one of these words or an exponent
    // like e5 (or ends in a line feed, which $ also matches before); every other string that starts with a letter
    // skips it (most keys and names).
    private static readonly HashSet<string> NonStringWords = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    };

    private static bool ReadsAsNonString(string text) =>
        char.IsAsciiLetter(text[0]) && text[0] is not ('e' or 'E') && text[^1] != '\n'
            ? text.Length <= 5 && NonStringWords.Contains(text)
            : NonString().IsMatch(text);

    [GeneratedRegex(@"^(?:[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)|\d+(?::\d+)+(?:\.\d*)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex NonString();
}
