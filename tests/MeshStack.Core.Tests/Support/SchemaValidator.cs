using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Support;

/// <summary>
/// Validates planned manifests against the upstream schemas in the shared reference folder: the Istio networking CRDs'
/// OpenAPI v3 schemas (by kind and version) and the Kubernetes core/v1 schemas of the subset file. OpenAPI extensions
/// (<c>x-kubernetes-*</c>, <c>nullable</c>) are allowed and ignored. With <see cref="Strict"/> (the default) every object
/// schema that lists properties also rejects unknown ones, as <c>kubectl apply --validate=strict</c> and server-side
/// field validation do, so a misspelt field fails here instead of being pruned silently.
/// </summary>
public sealed class SchemaValidator
{
    private const string IstioFile = "networking-openapi-schemas.json";
    private const string CoreV1File = "core-v1-subset.1.35.json";

    private readonly JsonObject istio;
    private readonly JsonObject coreV1Schemas;
    private readonly ConcurrentDictionary<string, JsonSchema?> schemas = new(StringComparer.Ordinal);
    private readonly BuildOptions buildOptions;
    private readonly Lock buildLock = new();

    /// <summary>One shared instance over the reference files.</summary>
    public static SchemaValidator Default { get; } = new(strict: true);

    /// <summary>Creates a validator; <paramref name="strict"/> rejects fields a schema does not list.</summary>
    public SchemaValidator(bool strict)
    {
        Strict = strict;
        istio = (JsonObject)JsonNode.Parse(File.ReadAllText(Repo.ReferenceFile("istio", "crds-1.30.3", IstioFile)))!;
        var core = JsonNode.Parse(File.ReadAllText(Repo.ReferenceFile("kubernetes", CoreV1File)))!;
        coreV1Schemas = (JsonObject)core["components"]!["schemas"]!;
        buildOptions = new BuildOptions
        {
            Dialect = Dialect.Draft202012.With([], allowUnknownKeywords: true),
            SchemaRegistry = new SchemaRegistry(),
        };
    }

    /// <summary>True when unknown fields are rejected.</summary>
    public bool Strict { get; }

    /// <summary>True when a schema exists for this apiVersion and kind.</summary>
    public bool Covers(string apiVersion, string kind) => Schema(apiVersion, kind) is not null;

    /// <summary>Every schema violation of the manifest as "instance location: message"; a missing schema is one error.</summary>
    public ImmutableArray<string> Validate(MapValue manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var apiVersion = manifest["apiVersion"] is Scalar { Content: string a } ? a : "";
        var kind = manifest["kind"] is Scalar { Content: string k } ? k : "";
        if (Schema(apiVersion, kind) is not { } schema)
        {
            return [$"no reference schema for {apiVersion} {kind}"];
        }

        var instance = JsonSerializer.SerializeToElement(ManifestJson.From(manifest));
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({e.Key} at {d.EvaluationPath})"))
            .Distinct(StringComparer.Ordinal)
            .DefaultIfEmpty("invalid (no detail)")
            .ToImmutableArray();
    }

    // Building registers the schema in a shared registry and reads shared JSON nodes: one thread at a time.
    private JsonSchema? Schema(string apiVersion, string kind)
    {
        var key = $"{apiVersion}|{kind}";
        if (schemas.TryGetValue(key, out var schema))
        {
            return schema;
        }

        lock (buildLock)
        {
            return schemas.GetOrAdd(key, _ => Build(apiVersion, kind));
        }
    }

    private JsonSchema? Build(string apiVersion, string kind)
    {
        JsonNode? document = null;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && apiVersion[..slash] == "networking.istio.io" &&
            istio[kind]?["versions"]?[apiVersion[(slash + 1)..]]?["openAPIV3Schema"] is JsonObject crd)
        {
            document = CrdDocument(crd);
        }
        else if (apiVersion == "v1" && coreV1Schemas.ContainsKey($"io.k8s.api.core.v1.{kind}"))
        {
            document = CoreV1Document($"io.k8s.api.core.v1.{kind}");
        }

        if (document is null)
        {
            return null;
        }

        var id = new Uri($"https://meshstack.test/schemas/{Uri.EscapeDataString(apiVersion)}/{kind}{(Strict ? "/strict" : "")}");
        return JsonSchema.FromText(document.ToJsonString(), buildOptions, id);
    }

    /// <summary>The CRD schema plus what the API server adds to every object (apiVersion, kind, metadata).</summary>
    private JsonObject CrdDocument(JsonObject crd)
    {
        var schema = (JsonObject)crd.DeepClone();
        var properties = (JsonObject)schema["properties"]!;
        properties["apiVersion"] = new JsonObject { ["type"] = "string" };
        properties["kind"] = new JsonObject { ["type"] = "string" };
        properties["metadata"] = new JsonObject { ["$ref"] = "#/$defs/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" };
        schema["$defs"] = Definitions();
        return Tighten(schema);
    }

    /// <summary><c>{"$ref": …, "$defs": …}</c> with the OpenAPI <c>#/components/schemas/</c> references moved to <c>$defs</c>.</summary>
    private JsonObject CoreV1Document(string name) => Tighten(new JsonObject
    {
        ["$ref"] = $"#/$defs/{name}",
        ["$defs"] = Definitions(),
    });

    private JsonObject Definitions()
    {
        var text = coreV1Schemas.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return (JsonObject)JsonNode.Parse(text)!;
    }

    private JsonObject Tighten(JsonObject schema)
    {
        if (Strict)
        {
            CloseObjects(schema);
        }

        return schema;
    }

    /// <summary>Adds <c>additionalProperties: false</c> to every schema that lists properties and says nothing else about extra ones.</summary>
    private static void CloseObjects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject && !obj.ContainsKey("additionalProperties") &&
                    obj["x-kubernetes-preserve-unknown-fields"] is null)
                {
                    obj["additionalProperties"] = false;
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (key is not ("enum" or "default" or "example" or "required" or "x-kubernetes-validations"))
                    {
                        CloseObjects(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CloseObjects(item);
                }

                break;
        }
    }
}
