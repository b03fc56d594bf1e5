using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MeshStack.Components.Package;
using Pulumi;
using Pulumi.Experimental;
using Pulumi.Experimental.Provider;
using Pulumi.Testing;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Components.Tests.Package;

/// <summary>
/// The meshstack package (issue 22): the schema the provider serves is a valid Pulumi package schema listing every
/// input with its type and secrecy, the examples use only what it declares, and Construct with the YAML example's
/// inputs registers exactly what the typed C# args register.
/// </summary>
public class PackageTests
{
    private static readonly string ExamplesRoot = Path.Combine(Repo.Root, "examples");

    private static async Task<JsonObject> SchemaAsync()
    {
        var response = await MeshStackPackage.Create().GetSchema(new GetSchemaRequest(1, null, null), CancellationToken.None);
        return JsonNode.Parse(response.Schema!)!.AsObject();
    }

    private static JsonObject Inputs(JsonObject schema) => schema["resources"]!["meshstack:index:MeshFederation"]!["inputProperties"]!.AsObject();

    private static JsonObject TypeOf(JsonObject schema, string name) => schema["types"]![$"meshstack:index:{name}"]!["properties"]!.AsObject();

    [Fact]
    public async Task The_schema_is_a_valid_Pulumi_package_schema_for_the_meshstack_package()
    {
        var schema = await SchemaAsync();
        var metaschema = JsonSchema.FromText(File.ReadAllText(Repo.ReferenceFile("pulumi", "package-schema.pulumi.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var result = metaschema.Evaluate(JsonDocument.Parse(schema.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        Assert.Equal("meshstack", (string)schema["name"]!);
        Assert.True((bool)schema["resources"]!["meshstack:index:MeshFederation"]!["isComponent"]!);
        Assert.Single(schema["resources"]!.AsObject());
    }

    [Fact]
    public async Task Every_input_has_its_type_and_the_credentials_are_secret()
    {
        var schema = await SchemaAsync();
        var inputs = Inputs(schema);
        Assert.Equal(["clusters"], schema["resources"]!["meshstack:index:MeshFederation"]!["requiredInputs"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("#/types/meshstack:index:MeshCluster", (string)inputs["clusters"]!["items"]!["$ref"]!);
        var cluster = TypeOf(schema, "MeshCluster");
        Assert.True((bool)cluster["kubeconfig"]!["secret"]!);
        Assert.Equal("string", (string)cluster["kubeconfig"]!["type"]!);
        Assert.Null(cluster["kubeconfig"]!["plain"]);           // an input: an output of another resource may go here
        Assert.True((bool)cluster["name"]!["plain"]!);           // structure is plain: validated before anything registers
        Assert.Null(TypeOf(schema, "MeshGateway")["address"]!["plain"]);
        Assert.True((bool)TypeOf(schema, "MeshRootCaImport")["keyPem"]!["secret"]!);
        Assert.Equal("integer", (string)TypeOf(schema, "MeshServicePort")["number"]!["type"]!);

        // Every key of a stack file's meshstack: config is an input (per-cluster stacks are the program's).
        foreach (var key in Core.Config.ConfigKeys.TopLevel.Except(["stackMode"]))
        {
            Assert.True(inputs.ContainsKey(key), $"the stack-file key {key} is no input of the package");
        }

        foreach (var key in Core.Config.ConfigKeys.Cluster)
        {
            Assert.True(cluster.ContainsKey(key), $"clusters[].{key} is no input of the package");
        }

        var outputs = schema["resources"]!["meshstack:index:MeshFederation"]!["properties"]!.AsObject();
        Assert.Equal(["addressTable", "deployment", "gatewayAddresses", "meshId", "rootCertificatePem", "state", "trustedRootsPem"], outputs.Select(o => o.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_property_the_YAML_example_gives_the_federation_exists_in_the_schema_with_its_type()
    {
        var schema = await SchemaAsync();
        var mesh = ExampleMesh();
        void Check(YamlNode node, JsonObject spec, string path)
        {
            if (spec["$ref"] is { } reference)
            {
                spec = schema["types"]![((string)reference!)["#/types/".Length..]]!.AsObject();
            }

            switch (node)
            {
                case YamlMappingNode map:
                    var properties = (spec["properties"] ?? spec)!.AsObject();
                    foreach (var (key, value) in map.Children)
                    {
                        var name = ((YamlScalarNode)key).Value!;
                        Assert.True(properties.ContainsKey(name), $"{path}.{name} is not in the schema");
                        Check(value, properties[name]!.AsObject(), $"{path}.{name}");
                    }

                    break;
                case YamlSequenceNode list:
                    Assert.Equal("array", (string)spec["type"]!);
                    foreach (var item in list.Children)
                    {
                        Check(item, spec["items"]!.AsObject(), $"{path}[]");
                    }

                    break;
                case YamlScalarNode scalar when !scalar.Value!.StartsWith("${", StringComparison.Ordinal):
                    var type = (string)spec["type"]!;
                    Assert.True(type switch
                    {
                        "integer" => int.TryParse(scalar.Value, out _),
                        "boolean" => scalar.Value is "true" or "false",
                        _ => type == "string",
                    }, $"{path}: '{scalar.Value}' is not a {type}");
                    break;
                case YamlScalarNode:
                    Assert.False(spec["plain"] is JsonValue plain && plain.GetValue<bool>(), $"{path}: an output can only go into an input, not a plain property");
                    break;
            }
        }

        Check(mesh, new JsonObject { ["properties"] = Inputs(schema).DeepClone() }, "mesh");
    }

    // The properties of the example's meshstack:index:MeshFederation resource.
    private static YamlMappingNode ExampleMesh()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(ExamplesRoot, "yaml", "Pulumi.yaml"))));
        var resources = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["resources"];
        var mesh = resources.Children.Values.Cast<YamlMappingNode>().Single(r => ((YamlScalarNode)r["type"]).Value == "meshstack:index:MeshFederation");
        return (YamlMappingNode)mesh["properties"];
    }

    // The example's properties as the engine hands them to Construct, with `${cluster.kubeconfigJson}` resolved.
    private static PropertyValue ToProperty(YamlNode node, Func<string, PropertyValue> reference) => node switch
    {
        YamlMappingNode map => new PropertyValue(map.Children.ToImmutableDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ToProperty(c.Value, reference))),
        YamlSequenceNode list => new PropertyValue(list.Children.Select(c => ToProperty(c, reference)).ToImmutableArray()),
        YamlScalarNode { Value: var v } when v!.StartsWith("${", StringComparison.Ordinal) => reference(v[2..^1]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: var v } when int.TryParse(v, out var n) => new PropertyValue(n),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } s => new PropertyValue(s.Value == "true"),
        YamlScalarNode s => new PropertyValue(s.Value!),
        _ => throw new InvalidOperationException("unsupported YAML node"),
    };

    private static string KubeconfigOf(string reference) => $"apiVersion: v1\nkind: Config\ncurrent-context: {reference.Split('.')[0]}\n";

    [Fact]
    public async Task Construct_with_the_YAML_examples_inputs_registers_what_the_typed_CSharp_args_register()
    {
        var map = ToProperty(ExampleMesh(), r => new PropertyValue(KubeconfigOf(r))).TryGetMap(out var found) ? found : throw new InvalidOperationException("the example's properties are not a map");
        var fromPackage = new StrictMocks(preview: false);
        await Deployment.TestAsync(fromPackage, new TestOptions { IsPreview = false, ProjectName = "yaml", StackName = "dev" }, async () =>
        {
            var response = await MeshStackPackage.Create().Construct(new ConstructRequest("meshstack:index:MeshFederation", "mesh", map, new ComponentResourceOptions()), CancellationToken.None);
            Assert.Contains("state", response.Outputs.Keys);
        });
        fromPackage.Finish();
        Assert.Empty(fromPackage.Violations);

        var fromCSharp = new StrictMocks(preview: false);
        await Deployment.TestAsync(fromCSharp, new TestOptions { IsPreview = false, ProjectName = "yaml", StackName = "dev" }, () =>
        {
            _ = new MeshFederation("mesh", new MeshFederationArgs
            {
                MeshId = "mesh1",
                Clusters =
                {
                    new MeshClusterArgs { Name = "east", Network = "net-east", Kubeconfig = Output.CreateSecret(KubeconfigOf("east")), Gateway = new MeshGatewayArgs { Address = "203.0.113.10" }, EgressGateway = true },
                    new MeshClusterArgs { Name = "west", Network = "net-west", Kubeconfig = Output.CreateSecret(KubeconfigOf("west")), Gateway = new MeshGatewayArgs { Address = "203.0.113.20" } },
                },
                Services =
                {
                    new MeshServiceArgs { Name = "httpbin", Namespace = "bar", Clusters = { "west" }, Consumers = { "east" }, Ports = { new MeshServicePortArgs { Name = "http", Number = 8000, Protocol = "http" } } },
                },
            });
        });
        fromCSharp.Finish();

        static List<string> Registrations(StrictMocks mocks) => [.. mocks.Registered
            .Select(r => $"{r.Type} {r.Name} {JsonSerializer.Serialize(StrictEngine.Normalize(r.Inputs))}")
            .Order(StringComparer.Ordinal)];
        Assert.Equal(Registrations(fromCSharp), Registrations(fromPackage));
        Assert.Contains(fromPackage.Registered, r => r.Type == "pulumi:providers:kubernetes" && (string)r.Inputs["kubeconfig"] == KubeconfigOf("east"));
    }
}
