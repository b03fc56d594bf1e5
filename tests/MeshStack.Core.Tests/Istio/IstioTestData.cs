using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshStack.Core.Config;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using MeshStack.Core.Tests.Support;

namespace MeshStack.Core.Tests.Istio;

/// <summary>Fixtures, plan-to-data and YAML-to-data conversions, and golden files for the Istio install tests.</summary>
internal static partial class IstioTestData
{
    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "istio", name));

    public static string Reference(params string[] parts) => File.ReadAllText(Repo.ReferenceFile(["istio", .. parts]));

    public static ClusterPlan Cluster(FederationPlan plan, string name) => plan.Clusters.Single(c => c.Cluster.Name == name);

    public static HelmRelease Release(ClusterPlan cluster, string name) => cluster.Releases.Single(r => r.Name == name);

    /// <summary>A plan value as JSON: what Helm and the API server receive (deploy-time values as their placeholder text).</summary>
    public static JsonNode? ToJson(Value value) => ManifestJson.From(value, YamlWriter.Placeholder);

    /// <summary>One YAML document as JSON data, scalars typed by the YAML 1.2 core schema (quoted scalars stay text).</summary>
    public static JsonNode? YamlToJson(string yaml)
    {
        var (root, diagnostics) = YamlConfigLoader.Load(yaml);
        Assert.True(root is not null, string.Join("\n", diagnostics));
        return ToJson(root);
    }

    private static JsonNode? ToJson(ConfigNode node) => node switch
    {
        ConfigMap map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key, ToJson(e.Value)))),
        ConfigList list => new JsonArray(list.Items.Select(ToJson).ToArray()),
        ConfigScalar { IsNull: true } => null,
        ConfigScalar { Style: ScalarStyle.Plain } s => Plain(s.Text),
        ConfigScalar s => JsonValue.Create(s.Text),
        _ => throw new InvalidOperationException($"unexpected {node.Describe()}"),
    };

    private static JsonValue? Plain(string text) => text switch
    {
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        "null" or "Null" or "NULL" or "~" or "" => null,
        _ when Integer().IsMatch(text) => JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture)),
        _ when Float().IsMatch(text) => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(text),
    };

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    /// <summary>Every leaf of a JSON tree as its key path (lists and empty maps count as leaves).</summary>
    public static IEnumerable<(string[] Path, JsonNode? Value)> Leaves(JsonNode? node, string[]? prefix = null)
    {
        prefix ??= [];
        if (node is JsonObject obj && obj.Count > 0)
        {
            foreach (var (key, child) in obj)
            {
                foreach (var leaf in Leaves(child, [.. prefix, key]))
                {
                    yield return leaf;
                }
            }
        }
        else
        {
            yield return (prefix, node);
        }
    }

    /// <summary>The node at a key path, or false when a step is missing.</summary>
    public static bool TryGet(JsonNode? node, IEnumerable<string> path, out JsonNode? found)
    {
        found = node;
        foreach (var key in path)
        {
            if (found is not JsonObject obj || !obj.TryGetPropertyValue(key, out found))
            {
                found = null;
                return false;
            }
        }

        return true;
    }

    /// <summary>The Istio items of a plan as one YAML stream: each release or object with where it goes and what it waits for.</summary>
    public static string IstioYaml(FederationPlan plan)
    {
        var documents = plan.Clusters.SelectMany(c => c.Items.Where(i => i.Concern == Concern.Istio).Select(Describe));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        YamlWriter.WriteDocuments(writer, documents);
        return writer.ToString();
    }

    /// <summary>One plan item as data, for goldens and plan diffs.</summary>
    public static MapValue Describe(PlanItem item) => item switch
    {
        HelmRelease r => Value.Map(
            ("cluster", r.Cluster), ("stage", r.Stage.ToString()), ("dependsOn", Value.List(r.DependsOn.Select(d => (Value)d))),
            ("release", r.Name), ("namespace", r.Namespace), ("chart", r.Chart), ("version", r.Version), ("repository", r.Repository),
            ("values", r.Values)),
        PlannedObject o => Value.Map(
            ("cluster", o.Cluster), ("stage", o.Stage.ToString()), ("dependsOn", Value.List(o.DependsOn.Select(d => (Value)d))),
            ("manifest", o.Manifest)),
        _ => throw new InvalidOperationException(item.GetType().Name),
    };

    /// <summary>
    /// Compares with the committed golden file and shows a line diff. Set MESHSTACK_UPDATE_GOLDEN=1 to rewrite
    /// the file in the source tree instead (only on purpose, never in CI).
    /// </summary>
    public static void AssertGolden(string name, string actual) => GoldenFile.Verify($"istio/{name}", actual);
}
