using System.Text.Json.Nodes;

namespace MeshStack.Testing.Doubles;

/// <summary>
/// A stack's config as PULUMI_CONFIG holds it (structured values as JSON text), edited fluently: the run-1 and run-2
/// configs of a change are one base and one edit.
/// </summary>
public sealed class StackConfig
{
    private readonly JsonObject json;

    private StackConfig(JsonObject json) => this.json = json;

    /// <summary>A repository stack file (Pulumi.dev.yaml) or a components fixture (three-clusters).</summary>
    public static StackConfig Of(string stack) => new(JsonNode.Parse(stack.StartsWith("Pulumi.", StringComparison.Ordinal)
        ? StrictDeployments.ConfigOf(stack)
        : PulumiConfig.FromStackFile(File.ReadAllText(Repo.StackFile(stack))))!.AsObject());

    /// <summary>The dev stack deployed to its kind clusters instead of rendered.</summary>
    public static StackConfig LiveDev => Of("Pulumi.dev.yaml").Without("renderYamlTo");

    /// <summary>A copy with a plain value set (<c>meshstack:</c> is added to the key).</summary>
    public StackConfig With(string key, string value) => Copy(j => j[$"meshstack:{key}"] = value);

    /// <summary>A copy without a key.</summary>
    public StackConfig Without(string key) => Copy(j => j.Remove($"meshstack:{key}"));

    /// <summary>
    /// A copy with the keys of whole <c>config:</c> lines set as a stack file would hand them over (structured values as
    /// JSON text), e.g. a <see cref="RootRotationStacks"/> phase.
    /// </summary>
    public StackConfig WithLines(string lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var keys = JsonNode.Parse(PulumiConfig.FromStackFile("config:\n" + lines))!.AsObject();
        return Copy(j =>
        {
            foreach (var (key, value) in keys)
            {
                j[key] = value?.DeepClone();
            }
        });
    }

    /// <summary>A copy at <paramref name="phase"/> of a root rotation: the root keys replaced by <see cref="RootRotationStacks.Phases"/>[phase].</summary>
    public StackConfig RootPhase(int phase) =>
        RootRotationStacks.Keys.Aggregate(this, (config, key) => config.Without(key)).WithLines(RootRotationStacks.Phases[phase]);

    /// <summary>A copy with a structured value edited in place.</summary>
    public StackConfig Edit(string key, Action<JsonNode> edit) => Copy(j =>
    {
        var value = JsonNode.Parse((string)j[$"meshstack:{key}"]!)!;
        edit(value);
        j[$"meshstack:{key}"] = value.ToJsonString();
    });

    /// <summary>A copy with one cluster (by name) edited.</summary>
    public StackConfig Cluster(string name, Action<JsonObject> edit) =>
        Edit("clusters", list => edit(list.AsArray().Single(c => (string)c!["name"]! == name)!.AsObject()));

    /// <summary>A copy with one service (by name) edited.</summary>
    public StackConfig Service(string name, Action<JsonObject> edit) =>
        Edit("services", list => edit(list.AsArray().Single(c => (string)c!["name"]! == name)!.AsObject()));

    /// <summary>PULUMI_CONFIG text.</summary>
    public override string ToString() => json.ToJsonString();

    private StackConfig Copy(Action<JsonObject> change)
    {
        var copy = JsonNode.Parse(json.ToJsonString())!.AsObject();
        change(copy);
        return new StackConfig(copy);
    }
}
