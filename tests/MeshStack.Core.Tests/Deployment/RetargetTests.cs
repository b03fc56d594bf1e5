using MeshStack.Core.Deployment;

namespace MeshStack.Core.Tests.Deployment;

/// <summary>
/// A deployed cluster keeps its provider's clusterIdentifier, so pulumi-kubernetes never notices a new target
/// (pulumi-kubernetes provider/pkg/provider/provider.go@v4.32.0:495-502): MeshStack must (MSH212), and must not mistake a new token for a new cluster.
/// </summary>
public class RetargetTests
{
    private static string LiveDev => File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml"))
        .Replace("  meshstack:renderYamlTo: ./pulumi-rendered\n", "", StringComparison.Ordinal);

    private static CompileOptions Deploy(DeploymentRecord? previous) => new() { Previous = previous, Deploying = true };

    private static DeploymentRecord RecordOf(string text) => DeploymentTransitions.RecordOf(CompilationHelper.Compile(text, options: Deploy(null)).Plan!);

    // An inline kubeconfig (a block scalar in the stack file) whose current context names SERVER, with TOKEN as credential.
    private static string WithInlineKubeconfig(string text, string server, string token) => text.Replace(
        "      context: kind-cluster2\n",
        "      kubeconfig: |\n" +
        "        apiVersion: v1\n" +
        "        kind: Config\n" +
        "        current-context: west\n" +
        "        contexts:\n" +
        "          - name: west\n" +
        "            context: { cluster: west, user: admin }\n" +
        "        clusters:\n" +
        $"          - name: west\n" +
        $"            cluster: {{ server: '{server}' }}\n" +
        "        users:\n" +
        $"          - name: admin\n" +
        $"            user: {{ token: {token} }}\n",
        StringComparison.Ordinal);

    [Fact]
    public void A_deployed_cluster_whose_context_now_names_another_cluster_is_refused_with_the_way_out()
    {
        var moved = LiveDev.Replace("context: kind-cluster2", "context: kind-cluster2b", StringComparison.Ordinal);
        var result = CompilationHelper.Compile(moved, options: Deploy(RecordOf(LiveDev)));
        Assert.Null(result.Plan);
        var error = Assert.Single(result.Errors, d => d.Code == "MSH212");
        Assert.Equal("meshstack:clusters[1]", error.Path);
        Assert.Contains("'kind-cluster2b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("reconnect: true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconnect_lets_the_same_cluster_be_reached_another_way_and_is_flagged_once_the_target_is_unchanged()
    {
        var moved = LiveDev.Replace("context: kind-cluster2", "context: kind-cluster2b\n      reconnect: true", StringComparison.Ordinal);
        var result = CompilationHelper.Compile(moved, options: Deploy(RecordOf(LiveDev)));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code is "MSH212" or "MSH213");

        var next = CompilationHelper.Compile(moved, options: Deploy(RecordOf(moved)));
        var warning = Assert.Single(next.Diagnostics, d => d.Code == "MSH213");
        Assert.False(warning.IsError);
        Assert.Equal("meshstack:clusters[1].reconnect", warning.Path);
    }

    [Fact]
    public void A_new_token_in_an_inline_kubeconfig_is_the_same_cluster_and_a_new_server_is_not()
    {
        var deployed = WithInlineKubeconfig(LiveDev, "https://10.0.0.2:6443", "first");
        var newToken = WithInlineKubeconfig(LiveDev, "https://10.0.0.2:6443", "second");
        var newServer = WithInlineKubeconfig(LiveDev, "https://10.9.9.9:6443", "first");

        Assert.True(CompilationHelper.Compile(newToken, options: Deploy(RecordOf(deployed))).Succeeded);
        var error = Assert.Single(CompilationHelper.Compile(newServer, options: Deploy(RecordOf(deployed))).Errors, d => d.Code == "MSH212");
        Assert.Contains("another API server", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("10.9.9.9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fingerprint_of_an_inline_kubeconfig_holds_no_credential_and_no_server_address()
    {
        var spec = CompilationHelper.Compile(WithInlineKubeconfig(LiveDev, "https://10.0.0.2:6443", "s3cr3t"), options: Deploy(null)).Spec!;
        var fingerprint = DeploymentTransitions.ConnectionOf(spec.Clusters[1])!;
        Assert.StartsWith("server:", fingerprint, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", fingerprint, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.2", fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_of_earlier_runs_with_a_whole_kubeconfig_hash_are_not_compared()
    {
        var deployed = WithInlineKubeconfig(LiveDev, "https://10.0.0.2:6443", "first");
        var old = RecordOf(deployed);
        var legacy = old with { Clusters = old.Clusters.SetItem("cluster2", old.Clusters["cluster2"] with { Connection = "kubeconfig:0123456789abcdef" }) };
        Assert.True(CompilationHelper.Compile(WithInlineKubeconfig(LiveDev, "https://10.9.9.9:6443", "first"), options: Deploy(legacy)).Succeeded);
    }
}
