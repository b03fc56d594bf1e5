using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Testing.Doubles;

/// <summary>Turns a stack file's config into PULUMI_CONFIG as the Pulumi CLI hands it to programs (structured values as JSON text).</summary>
public static class PulumiConfig
{
    public static string FromStackFile(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var config = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["config"];
        var result = new JsonObject();
        foreach (var (key, value) in config.Children)
        {
            result[((YamlScalarNode)key).Value!] = value is YamlScalarNode s ? s.Value : ToJson(value)!.ToJsonString();
        }

        return result.ToJsonString();
    }

    /// <summary>Runs <paramref name="body"/> with PULUMI_CONFIG set, restoring it afterwards.</summary>
    public static async Task<T> WithAsync<T>(string json, Func<Task<T>> body)
    {
        var before = Environment.GetEnvironmentVariable("PULUMI_CONFIG");
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", json);
        try
        {
            return await body();
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", before);
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" } => null, // YAML null is JSON null for Pulumi
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: var v } when long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => throw new JsonException("unsupported YAML node"),
    };
}
