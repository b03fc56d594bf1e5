using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using MeshStack.Core.Plan;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Core.Tests.Support;

/// <summary>Turns YAML nodes into core's <see cref="Value"/> tree, reading plain scalars as YAML 1.2 core types.</summary>
public static partial class YamlValues
{
    /// <summary>A node as a value; null for a YAML null.</summary>
    public static Value? From(YamlNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        switch (node)
        {
            case YamlMappingNode map:
                var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, Value>>();
                foreach (var (key, item) in map.Children)
                {
                    if (From(item) is { } value)
                    {
                        entries.Add(KeyValuePair.Create(((YamlScalarNode)key).Value ?? "", value));
                    }
                }

                return new MapValue(entries.ToImmutable());
            case YamlSequenceNode list:
                return new ListValue(list.Children.Select(From).Select(v => v ?? new Scalar("")).ToImmutableArray());
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new NotSupportedException(node.GetType().Name);
        }
    }

    private static Scalar? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return new Scalar(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return new Scalar(text.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return new Scalar(number);
        }

        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return new Scalar(real);
        }

        return new Scalar(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
