using System.Text.Json.Nodes;
using Json.Schema;
using MeshStack.Core.Config;
using YamlDotNet.Serialization;

namespace MeshStack.Core.Tests;

public class PulumiProjectFileTests
{
    private static JsonNode ProjectAsJson()
    {
        var yaml = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.yaml")));
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml);
        return JsonNode.Parse(json)!;
    }

    // Both schema versions share one $id: each gets its own registry.
    private static JsonSchema Schema(string file) =>
        JsonSchema.FromText(File.ReadAllText(Repo.ReferenceFile("pulumi", file)), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static System.Text.Json.JsonElement Element(JsonNode node) => System.Text.Json.JsonDocument.Parse(node.ToJsonString()).RootElement;

    [Theory]
    [InlineData("project.v3.259.0.json")]
    [InlineData("project.v3.242.0.json")]
    public void Pulumi_yaml_is_valid_against_the_Pulumi_project_schema(string schemaFile)
    {
        var schema = Schema(schemaFile);
        var result = schema.Evaluate(Element(ProjectAsJson()), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void The_schema_check_rejects_a_config_type_Pulumi_does_not_know()
    {
        var schema = Schema("project.v3.259.0.json");
        var project = ProjectAsJson();
        project["config"]!["demo"]!["type"] = "bool";
        Assert.False(schema.Evaluate(Element(project)).IsValid);
    }

    [Fact]
    public void Pulumi_yaml_declares_only_keys_core_reads_and_mentions_every_other_one()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.yaml"));
        var declared = ProjectAsJson()["config"]!.AsObject().Select(p => p.Key).ToList();
        Assert.All(declared, key => Assert.Contains(key, ConfigKeys.TopLevel));
        Assert.All(ConfigKeys.TopLevel, key => Assert.Contains(key, text, StringComparison.Ordinal));
    }
}

public class StackFilesTests
{
    // Pulumi decrypts every secure value before the program starts: a placeholder breaks every preview (issue 12).
    [Fact]
    public void The_staging_stack_plans_three_clusters_on_a_generated_root_and_holds_no_encrypted_value()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.staging.yaml"));
        var result = CompilationHelper.Compile(text);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["ap-south", "eu-west", "us-east"], result.Plan!.Clusters.Select(c => c.Cluster.Name));
        Assert.IsType<Model.RootCaSpec.Generate>(result.Spec!.RootCa);
        Assert.DoesNotContain("secure:", string.Join("\n", text.Split('\n').Where(l => !l.TrimStart().StartsWith('#'))), StringComparison.Ordinal);
    }
}
