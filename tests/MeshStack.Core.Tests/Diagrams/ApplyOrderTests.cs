using MeshStack.Core.Render;

namespace MeshStack.Core.Tests.Diagrams;

/// <summary>The folders render writes per cluster, in apply order, and the tool for each (issue 15).</summary>
public class ApplyOrderTests
{
    [Theory]
    [InlineData("Pulumi.dev.yaml", "cluster1", "00-namespaces:Kustomize 01-cacerts:Kustomize 02-charts:Helmfile 05-meshconfig:Kustomize 06-workloads:Kustomize")]
    [InlineData("Pulumi.dev.yaml", "cluster2", "00-namespaces:Kustomize 01-cacerts:Kustomize 02-charts:Helmfile 05-meshconfig:Kustomize 06-workloads:Kustomize")]
    [InlineData("tests/MeshStack.Core.Tests/Fixtures/dns-legacy.yaml", "coredns17", "00-namespaces:Kustomize 01-cacerts:Kustomize 02-charts:Helmfile 03-controlplane:Kustomize 05-meshconfig:Kustomize")]
    public void Each_stage_of_objects_is_a_kustomization_and_each_run_of_chart_stages_one_helmfile_in_stage_order(string file, string cluster, string expected)
    {
        var plan = CompilationHelper.Compile(File.ReadAllText(Path.Combine(Repo.Root, file))).Plan!;
        var steps = ApplyOrder.For(plan.Clusters.Single(c => c.Cluster.Name == cluster));
        Assert.Equal(expected, string.Join(' ', steps.Select(s => $"{s.Folder}:{s.Tool}")));
        Assert.Equal(steps.Select(s => s.Folder).Order(StringComparer.Ordinal), steps.Select(s => s.Folder));
        Assert.All(steps, s => Assert.True(s.Tool == ApplyTool.Helmfile ? s.Items.All(i => i is MeshStack.Core.Plan.HelmRelease) : s.Items.All(i => i is MeshStack.Core.Plan.PlannedObject)));
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: coredns }\ndata:\n  Corefile: |\n    .:53 {\n        forward . 192.0.2.1\n    }\n", ".:53 {\n    forward . 192.0.2.1\n}\n")]
    [InlineData(".:53 {\n    forward . 192.0.2.1\n}\n", ".:53 {\n    forward . 192.0.2.1\n}\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: kube-dns }\ndata: { stubDomains: '{}' }\n", null)]
    public void A_saved_ConfigMap_gives_its_Corefile_and_plain_text_is_taken_as_it_is(string text, string? corefile)
    {
        // A ConfigMap without the key is null: MSH120 says so (FlagValueProblem.NoDataKey, DiagnosticBuilderMessageTests).
        Assert.Equal(corefile, LiveConfigMapText.DataKey(text, "Corefile"));
    }
}
