using MeshStack.Core.Render;

namespace MeshStack.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void Dev_stack_compiles_and_cluster1_gets_the_httpbin_service_entry()
    {
        var result = CompilationHelper.Compile(File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml")));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var cluster1 = result.Plan!.Clusters.Single(c => c.Cluster.Name == "cluster1");
        var entry = cluster1.Objects.Single(o => o.Kind == "ServiceEntry" && o.Name == "httpbin.bar.global");
        var yaml = YamlWriter.ToYaml(entry.Manifest);
        Console.WriteLine(yaml);
        Assert.Contains("15443", yaml, StringComparison.Ordinal);
    }
}
