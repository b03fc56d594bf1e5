using System.Globalization;
using System.Text.RegularExpressions;
using MeshStack.Core.Plan;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalar = YamlDotNet.Core.Events.Scalar;

namespace MeshStack.Core.Render;

/// <summary>
/// Writes plan values as YAML through YamlDotNet's low-level <see cref="Emitter"/> (no reflection on the hot path).
/// Strings that YAML would read as another type are quoted; multi-line text is written as a literal block.
/// </summary>
public static partial class YamlWriter
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
            emitter.Emit(new DocumentStart(null, null, false));
            Emit(emitter, document);
            emitter.Emit(new DocumentEnd(true));
        }

        emitter.Emit(new StreamEnd());
    }

    /// <summary>One value as a single YAML document string.</summary>
    public static string ToYaml(MapValue document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteDocuments(writer, [document]);
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, Value value)
    {
        switch (value)
        {
            case MapValue map:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, item) in map.Entries)
                {
                    EmitString(emitter, key);
                    Emit(emitter, item);
                }

                emitter.Emit(new MappingEnd());
                break;
            case ListValue list:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in list.Items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case Plan.Scalar { Content: string text }:
                EmitString(emitter, text);
                break;
            case Plan.Scalar { Content: long number }:
                emitter.Emit(new YamlScalar(null, null, number.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain, true, false));
                break;
            case Plan.Scalar { Content: bool flag }:
                emitter.Emit(new YamlScalar(null, null, flag ? "true" : "false", ScalarStyle.Plain, true, false));
                break;
            case Deferred d:
                EmitString(emitter, Placeholder(d.Ref));
                break;
            case Template t:
                EmitString(emitter, string.Concat(t.Parts.Select(p => p as string ?? Placeholder((DeployValue)p))));
                break;
            default:
                throw new InvalidOperationException($"cannot write {value.GetType().Name}");
        }
    }

    /// <summary>How an unresolved deploy-time value shows in plan output: never its content.</summary>
    public static string Placeholder(DeployValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.IsSecret ? $"<secret: {value.Describe()}>" : $"<{value.Describe()}>";
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        var style = text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : NeedsQuotes(text) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        emitter.Emit(new YamlScalar(null, null, text, style, true, true));
    }

    /// <summary>True when a plain scalar would not read back as this string (numbers, booleans, null, YAML 1.1 words).</summary>
    internal static bool NeedsQuotes(string text) =>
        text.Length == 0 || NonString().IsMatch(text) || text[0] is ' ' or '*' or '&' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or '{' or '[' or '#' or ',' or '?' or '-' or ':' ||
        text[^1] == ' ' || text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?:[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)|\d+(?::\d+)+(?:\.\d*)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex NonString();
}
