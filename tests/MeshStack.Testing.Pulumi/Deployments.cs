using MeshStack.Core.Plan;
using Pulumi;
using Pulumi.Testing;

namespace MeshStack.Testing.Doubles;

/// <summary>Runs a federation under mocks and keeps what tests look at.</summary>
public sealed record FederationRun(FederationPlan Plan, RecordingMocks Mocks, Wiring Wiring, System.Collections.Immutable.ImmutableArray<Resource> Resources, MeshFederation Federation);

public static class Deployments
{
    /// <summary>Registers the plan's federation under <paramref name="mocks"/> (fresh recording mocks when none are given).</summary>
    public static async Task<FederationRun> RunAsync(FederationPlan plan, RecordingMocks? mocks = null)
    {
        mocks ??= new RecordingMocks();
        var wiring = new Wiring();
        MeshFederation? federation = null;
        var resources = await Deployment.TestAsync(mocks, new TestOptions { IsPreview = false, ProjectName = "meshstack", StackName = "test" }, () =>
        {
            federation = new MeshFederation("mesh", new MeshFederationArgs { Plan = plan },
                new ComponentResourceOptions { ResourceTransformations = { wiring.Transformation } });
        });
        return new FederationRun(plan, mocks, wiring, resources, federation!);
    }

    public static Task<T> ValueAsync<T>(Output<T> output) => Pulumi.Utilities.OutputUtilities.GetValueAsync(output);
}
