using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using MeshStack.Core.Tests.Support;

namespace MeshStack.Core.Tests.Routing;

/// <summary>
/// Checks a planned Istio networking object against the upstream CRD's OpenAPI v3 schema for its apiVersion:
/// the schema itself (JsonSchema.Net; CEL rules are not evaluated) plus, like the API server's structural pruning,
/// every field the schema does not declare.
/// </summary>
internal static class RoutingSchemaCheck
{
    private static readonly Lazy<JsonObject> Crds = new(() =>
        JsonNode.Parse(File.ReadAllText(Repo.ReferenceFile("istio", "crds-1.30.3", "networking-openapi-schemas.json")))!.AsObject());

    // OpenAPI schemas carry x-kubernetes-* and nullable keywords: use a dialect that ignores unknown keywords.
    private static readonly BuildOptions Options = new() { Dialect = Dialect.Draft202012 };

    private static readonly ConcurrentDictionary<(string Kind, string Version), JsonSchema> Schemas = new();

    /// <summary>Problems found; empty when the object is valid.</summary>
    public static List<string> Problems(PlannedObject o)
    {
        const string group = "networking.istio.io/";
        if (!o.ApiVersion.StartsWith(group, StringComparison.Ordinal))
        {
            return [$"{o.Key}: apiVersion {o.ApiVersion} is not in {group}"];
        }

        var version = o.ApiVersion[group.Length..];
        if (Crds.Value[o.Kind]?["versions"]?[version] is not JsonObject crdVersion)
        {
            return [$"{o.Key}: the 1.30.3 CRDs serve no {o.Kind} {version}"];
        }

        // apiVersion, kind and metadata are the API server's; the CRD schema covers spec (and status).
        var body = new JsonObject();
        foreach (var (key, value) in o.Manifest.Entries.Where(e => e.Key is not ("apiVersion" or "kind" or "metadata")))
        {
            body[key] = ToJson(value);
        }

        var schemaNode = crdVersion["openAPIV3Schema"]!;
        var schema = Schemas.GetOrAdd((o.Kind, version), _ => JsonSchema.FromText(schemaNode.ToJsonString(), Options));
        using var doc = JsonDocument.Parse(body.ToJsonString());
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = new List<string>();
        if (!result.IsValid)
        {
            problems.AddRange((result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{o.Key}: {d.InstanceLocation}: {e.Key}: {e.Value}")));
            if (problems.Count == 0)
            {
                problems.Add($"{o.Key}: invalid against the {o.Kind} {version} schema");
            }
        }

        UnknownFields(body, schemaNode, $"{o.Key}:", problems);
        return problems;
    }

    private static void UnknownFields(JsonNode? instance, JsonNode schema, string path, List<string> problems)
    {
        if (instance is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            var additional = schema["additionalProperties"];
            var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
            foreach (var (key, value) in obj)
            {
                if (properties?[key] is { } declared)
                {
                    UnknownFields(value, declared, $"{path}.{key}", problems);
                }
                else if (additional is JsonObject additionalSchema)
                {
                    UnknownFields(value, additionalSchema, $"{path}.{key}", problems);
                }
                else if (!preserve && additional is null)
                {
                    problems.Add($"{path}.{key}: not declared by the schema (the API server would drop it)");
                }
            }
        }
        else if (instance is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                UnknownFields(array[i], items, $"{path}[{i}]", problems);
            }
        }
    }

    /// <summary>The plan value as JSON; a deferred value becomes its placeholder text, as in the render.</summary>
    public static JsonNode? ToJson(Value value) => ManifestJson.From(value, YamlWriter.Placeholder);
}
