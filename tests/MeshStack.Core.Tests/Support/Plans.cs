using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Support;

/// <summary>Compiles stack files of this repository and its test fixtures into plans.</summary>
public static class Plans
{
    /// <summary>The demo stack at the repository root.</summary>
    public static string DemoStack => Path.Combine(Repo.Root, "Pulumi.dev.yaml");

    /// <summary>A stack file under tests/MeshStack.Core.Tests/Fixtures.</summary>
    public static string Fixture(string name) => Path.Combine(Repo.TestProjectDir(), "Fixtures", name);

    /// <summary>Compiles a stack file; fails the test with every diagnostic when it does not plan.</summary>
    public static FederationPlan Compile(string stackFile)
    {
        var result = MeshCompiler.CompileStackFile(File.ReadAllText(stackFile), options: new CompileOptions { Now = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero) });
        Assert.True(result.Succeeded, $"{stackFile} did not plan:\n{string.Join("\n", result.Diagnostics)}");
        return result.Plan!;
    }

    /// <summary>Every planned object of every cluster, with its cluster.</summary>
    public static IEnumerable<(string Cluster, PlannedObject Object)> Objects(FederationPlan plan) =>
        plan.Clusters.SelectMany(c => c.Objects.Select(o => (c.Cluster.Name, o)));
}
