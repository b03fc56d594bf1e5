using MeshStack.Core.Deployment;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Deployment;

/// <summary>
/// Per-cluster stacks: the root stack holds the root CA keys, so once deployed it stays the root whatever clusters are
/// added or removed (second CA red team: a cluster sorting first used to become the root and mint new roots).
/// </summary>
public class RootStackTests
{
    private static readonly string[] Clusters = ["east1", "north3", "west2"];

    private static StackLayout Layout(string stack, params string[] clusters)
    {
        var spec = CompilationHelper.Compile(StackBuilder.TwoClusters().Build()).Spec!;
        var (layout, problem) = StackLayout.For(spec with { Clusters = [.. clusters.Select(c => spec.Clusters[0] with { Name = c })] }, stack);
        Assert.Null(problem);
        return layout!;
    }

    [Fact]
    public void With_no_record_the_root_is_the_first_cluster_by_name()
    {
        var (kept, problem) = Layout("prod-west2", Clusters).KeepingRoot([], Clusters);
        Assert.Null(problem);
        Assert.Equal("east1", kept!.RootCluster);
    }

    [Fact]
    public void A_cluster_that_sorts_first_does_not_take_the_root_from_the_recorded_root_stack()
    {
        string[] withA0 = ["a0", .. Clusters];
        var byName = Layout("prod-a0", withA0);
        Assert.Equal("a0", byName.RootCluster);

        var (kept, problem) = byName.KeepingRoot(["prod-east1"], withA0);
        Assert.Null(problem);
        Assert.Equal("east1", kept!.RootCluster);
        Assert.False(kept.IsRoot);
    }

    [Fact]
    public void Removing_the_root_cluster_is_refused_with_MSH220_because_another_stack_would_mint_new_roots()
    {
        string[] without = ["north3", "west2"];
        var (kept, problem) = Layout("prod-west2", without).KeepingRoot(["prod-east1"], without);
        Assert.Null(kept);
        Assert.Equal(("MSH220", "meshstack:clusters"), (problem!.Code, problem.Path));
        Assert.Contains("the root stack prod-east1 holds the federation's root CA keys, but its cluster is no longer in meshstack:clusters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Keep the cluster 'east1' in the config", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stacks_that_name_different_root_stacks_are_refused_with_MSH220()
    {
        var (kept, problem) = Layout("prod-west2", Clusters).KeepingRoot(["prod-east1", "prod-north3"], Clusters);
        Assert.Null(kept);
        Assert.Equal("MSH220", problem!.Code);
    }

    [Fact]
    public void The_deployment_record_carries_the_root_stack_it_was_made_under()
    {
        var result = CompilationHelper.Compile(StackBuilder.TwoClusters().Build(), options: new CompileOptions
        {
            ClusterStacks = new ClusterStacks("prod-cluster2", "prod-cluster1", System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty),
        });
        var text = DeploymentRecordJson.Write(DeploymentTransitions.RecordOf(result.Plan!));
        Assert.Equal("prod-cluster1", DeploymentRecordJson.Read(text).Record!.RootStack);
        Assert.Equal(["prod-cluster1"], ClusterStacks.RecordedRoots([text, DeploymentRecordJson.Write(new DeploymentRecord())]));
    }
}
