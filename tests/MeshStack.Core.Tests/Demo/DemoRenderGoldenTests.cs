using System.Globalization;
using MeshStack.Core.Render;

namespace MeshStack.Core.Tests.Demo;

/// <summary>The guide's demo (Pulumi.dev.yaml) renders to exactly the committed files, in the CLI's layout.</summary>
public class DemoRenderGoldenTests
{
    // Pulumi.endpoints.yaml is discovery: endpoints (issue 16): token Secrets, remote secrets (their token and CA as
    // placeholders), *.local gateways.
    [Theory]
    [InlineData("Pulumi.dev.yaml", "demo/Pulumi.dev.yaml")]
    [InlineData("Pulumi.endpoints.yaml", "demo/Pulumi.endpoints.yaml")]
    public void The_demo_stacks_render_to_the_golden_files(string stackFile, string golden)
    {
        var result = CompilationHelper.Compile(File.ReadAllText(Path.Combine(Repo.Root, stackFile)));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        using var all = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var file in RenderLayout.Files(result.Plan!, o => o.Manifest))
        {
            all.Write($"# file: {file.RelativePath}\n");
            file.Write(all);
        }

        GoldenFile.Verify(golden, all.ToString());
    }

    [Fact]
    public void The_demo_sleep_client_reaches_httpbin_through_cluster2s_gateway()
    {
        var plan = CompilationHelper.Compile(File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml"))).Plan!;
        var cluster1 = plan.Clusters.Single(c => c.Cluster.Name == "cluster1");
        Assert.Contains(cluster1.Objects, o => o.Kind == "Deployment" && o.Namespace == "foo" && o.Name == "sleep");
        var entry = YamlWriter.ToYaml(cluster1.Objects.Single(o => o.Kind == "ServiceEntry").Manifest);
        Assert.Contains("- httpbin.bar.global", entry, StringComparison.Ordinal);
        Assert.Contains("location: MESH_INTERNAL", entry, StringComparison.Ordinal);
        Assert.Contains("- 240.0.0.2", entry, StringComparison.Ordinal);
        Assert.Contains("number: 8000", entry, StringComparison.Ordinal);
        Assert.Contains("- address: 172.18.255.2", entry, StringComparison.Ordinal);
        Assert.Contains("http1: 15443", entry, StringComparison.Ordinal);
        var cluster2 = plan.Clusters.Single(c => c.Cluster.Name == "cluster2");
        Assert.Contains(cluster2.Objects, o => o.Kind == "Deployment" && o.Namespace == "bar" && o.Name == "httpbin-v1");
    }
}
