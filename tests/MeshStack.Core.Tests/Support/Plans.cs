using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Support;

/// <summary>Compiles stack files of this repository and its test fixtures into plans.</summary>
public static class Plans
{
    /// <summary>The demo stack at the repository root.</summary>
    public static string DemoStack => Path.Combine(Repo.Root, "Pulumi.dev.yaml");

    /// <summary>Every planned object of every cluster, with its cluster.</summary>
    public static IEnumerable<(string Cluster, PlannedObject Object)> Objects(FederationPlan plan) =>
        plan.Clusters.SelectMany(c => c.Objects.Select(o => (c.Cluster.Name, o)));
}
