using System.Globalization;
using System.Text;
using MeshStack.Core.Plan;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace MeshStack.Core.Tests.Routing;

/// <summary>
/// The YAML documents of the upstream guide page (reference/istio/docs), as plain trees, and a canonical text form
/// (keys sorted, every scalar as text) to compare them with planned objects.
/// </summary>
internal static class GuideDocuments
{
    public static List<Dictionary<object, object?>> Load(IReadOnlyDictionary<string, string>? substitutions = null)
    {
        var text = File.ReadAllText(Repo.ReferenceFile("istio", "docs", "multicluster-gateways-doc-examples.yaml"));
        foreach (var (from, to) in substitutions ?? new Dictionary<string, string>())
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        var deserializer = new DeserializerBuilder().Build();
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var documents = new List<Dictionary<object, object?>>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            documents.Add(deserializer.Deserialize<Dictionary<object, object?>>(parser));
        }

        return documents;
    }

    /// <summary>Canonical text of a guide tree.</summary>
    public static string Canonical(object? node)
    {
        var b = new StringBuilder();
        Write(node, b);
        return b.ToString();
    }

    /// <summary>Canonical text of a plan value.</summary>
    public static string Canonical(Value value) => Canonical(ToTree(value));

    private static object? ToTree(Value value) => value switch
    {
        MapValue map => map.Entries.ToDictionary(e => (object)e.Key, e => ToTree(e.Value)),
        ListValue list => list.Items.Select(ToTree).ToList(),
        Scalar { Content: long n } => n.ToString(CultureInfo.InvariantCulture),
        Scalar { Content: bool f } => f ? "true" : "false",
        Scalar s => s.Content.ToString(),
        _ => value.ToString(),
    };

    private static void Write(object? node, StringBuilder b)
    {
        switch (node)
        {
            case IDictionary<object, object?> map:
                b.Append('{');
                foreach (var (key, item) in map.OrderBy(e => e.Key.ToString(), StringComparer.Ordinal))
                {
                    b.Append(key).Append(':');
                    Write(item, b);
                    b.Append(',');
                }

                b.Append('}');
                break;
            case IEnumerable<object?> list:
                b.Append('[');
                foreach (var item in list)
                {
                    Write(item, b);
                    b.Append(',');
                }

                b.Append(']');
                break;
            default:
                b.Append('"').Append(node).Append('"');
                break;
        }
    }
}
