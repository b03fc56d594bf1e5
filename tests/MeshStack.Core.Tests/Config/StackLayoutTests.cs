using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Config;

public class StackLayoutTests
{
    private static MeshSpec Spec(params string[] clusters)
    {
        var yaml = clusters.Select((c, i) => (Name: c, Index: i))
            .Aggregate(StackBuilder.Mesh("m").With("stackMode", "per-cluster"), (stack, c) => stack.Cluster(c.Name, $"172.18.0.{c.Index + 1}", $"context: kind-{c.Name}"))
            .Build();
        var result = CompilationHelper.Compile(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Spec!;
    }

    [Theory]
    [InlineData("west2", "west2", "")]
    [InlineData("prod-west2", "west2", "prod-")]
    [InlineData("prod-east-west2", "west2", "prod-east-")]
    public void The_stack_name_picks_the_cluster_and_the_prefix_names_its_peers(string stack, string cluster, string prefix)
    {
        var (layout, problem) = StackLayout.For(Spec("west2", "east1"), stack);
        Assert.Null(problem);
        Assert.Equal(new StackLayout(cluster, "east1", prefix), layout);
        Assert.Equal(prefix + "east1", layout!.StackOf("east1"));
    }

    [Fact]
    public void The_root_is_the_first_cluster_in_ordinal_order_whatever_the_config_order()
    {
        Assert.Equal("a1", StackLayout.For(Spec("b2", "a1"), "x-b2").Layout!.RootCluster);
        Assert.Equal("a1", StackLayout.For(Spec("a1", "b2"), "x-b2").Layout!.RootCluster);
    }

    [Fact]
    public void A_stack_that_names_no_cluster_is_MSH093()
    {
        var (layout, problem) = StackLayout.For(Spec("east1"), "prod-south9");
        Assert.Null(layout);
        Assert.Equal(("MSH093", Severity.Error, "meshstack:stackMode"), (problem!.Code, problem.Severity, problem.Path));
        Assert.Contains("'prod-south9'", problem.Message, StringComparison.Ordinal);
    }
}
