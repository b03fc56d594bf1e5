using System.Collections.Immutable;
using MeshStack.Core.Plan;
using Pulumi;
using Pulumi.Testing;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Testing.Doubles;

/// <summary>One phase of a strict run: the resources, the stack outputs and the doubles (for their records).</summary>
public sealed record StrictPhase(StrictMocks Mocks, ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs);

/// <summary>Runs MeshProgram (or a federation) under <see cref="StrictMocks"/>: a preview phase, then an up phase, as <c>pulumi up</c> does.</summary>
public static class StrictDeployments
{
    /// <summary>Every stack settings file of the repository (Pulumi.&lt;stack&gt;.yaml).</summary>
    public static TheoryData<string> StackFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repo.Root, "Pulumi.*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    /// <summary>The stack name of a settings file: Pulumi.dev.yaml → dev.</summary>
    public static string StackOf(string stackFile) => stackFile["Pulumi.".Length..^".yaml".Length];

    /// <summary>
    /// PULUMI_CONFIG as the engine hands it to the program: structured values as JSON text, every <c>secure:</c> value
    /// decrypted first (so a value that cannot be decrypted fails before the program starts; <see cref="StrictRules.DecryptConfig"/>).
    /// </summary>
    public static string ConfigOf(string stackFile, Func<string, string?>? decrypt = null)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, stackFile));
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var config = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["config"];
        foreach (var (key, value) in config.Children)
        {
            foreach (var secure in SecureValues(value))
            {
                if (decrypt?.Invoke(secure) is null)
                {
                    StrictRules.DecryptConfig(stackFile, ((YamlScalarNode)key).Value!, secure);
                }
            }
        }

        return PulumiConfig.FromStackFile(text);
    }

    private static IEnumerable<string> SecureValues(YamlNode node) => node switch
    {
        YamlMappingNode { Children.Count: 1 } map when map.Children.Keys.Single() is YamlScalarNode { Value: "secure" } => [((YamlScalarNode)map.Children.Values.Single()).Value!],
        YamlMappingNode map => map.Children.Values.SelectMany(SecureValues),
        YamlSequenceNode list => list.Children.SelectMany(SecureValues),
        _ => [],
    };

    /// <summary>Runs MeshProgram for a stack file under the doubles (one phase).</summary>
    public static async Task<StrictPhase> ProgramAsync(string stackFile, StrictMocks mocks, string? config = null)
    {
        var options = new TestOptions { IsPreview = mocks.Preview, ProjectName = "meshstack", StackName = StackOf(stackFile), OrganizationName = "organization" };
        var (resources, outputs) = await PulumiConfig.WithAsync(config ?? ConfigOf(stackFile), () => Deployment.TestAsync(mocks, options, () => MeshProgram.BodyAsync(mocks.Observe)));
        mocks.Finish();
        var phase = new StrictPhase(mocks, resources, outputs);
        if (!mocks.Preview)
        {
            // What other stacks read of this one through stack references from now on.
            mocks.Cluster.StackOutputs[$"organization/meshstack/{options.StackName}"] = await StackOutputsAsync(phase);
        }

        return phase;
    }

    /// <summary><c>pulumi up</c>: a preview phase, then an up phase, on the same cluster (and the same previous run).</summary>
    public static async Task<(StrictPhase Preview, StrictPhase Up)> PreviewAndUpAsync(string stackFile, ClusterDouble? cluster = null, StrictPhase? previous = null, int generation = 1, string? config = null)
    {
        var outputs = previous is null ? ImmutableDictionary<string, object>.Empty : await StackOutputsAsync(previous);
        var preview = await ProgramAsync(stackFile, new StrictMocks(preview: true, cluster, previous?.Mocks) { Generation = generation, PreviousOutputs = outputs, OwnStack = $"organization/meshstack/{StackOf(stackFile)}" }, config);
        var up = await ProgramAsync(stackFile, new StrictMocks(preview: false, cluster, previous?.Mocks) { Generation = generation, PreviousOutputs = outputs, OwnStack = $"organization/meshstack/{StackOf(stackFile)}" }, config);
        return (preview, up);
    }

    /// <summary>Runs a federation of a plan under the doubles, recording options through <paramref name="wiring"/>.</summary>
    public static async Task<(ImmutableArray<Resource> Resources, MeshFederation Federation)> FederationAsync(FederationPlan plan, StrictMocks mocks, Wiring wiring, string name = "mesh")
    {
        MeshFederation? federation = null;
        var resources = await Deployment.TestAsync(mocks, new TestOptions { IsPreview = mocks.Preview, ProjectName = "meshstack", StackName = "test" }, () =>
        {
            federation = new MeshFederation(name, new MeshFederationArgs { Plan = plan },
                new ComponentResourceOptions { ResourceTransformations = { wiring.Transformation, mocks.Observe } });
        });
        mocks.Finish();
        return (resources, federation!);
    }

    // The stack outputs the up phase of a run exported: what a stack reference to the stack returns next time.
    internal static async Task<ImmutableDictionary<string, object>> StackOutputsAsync(StrictPhase previous)
    {
        var outputs = ImmutableDictionary.CreateBuilder<string, object>();
        foreach (var (key, value) in previous.Outputs)
        {
            if (value is Output<string> text && await Pulumi.Utilities.OutputUtilities.GetValueAsync(text) is { } known)
            {
                outputs[key] = known;
            }
            else if (value is Output<Dictionary<string, string>> map && await Pulumi.Utilities.OutputUtilities.GetValueAsync(map) is { } entries)
            {
                outputs[key] = entries.ToImmutableDictionary(e => e.Key, e => (object)e.Value);
            }
        }

        return outputs.ToImmutable();
    }
}
