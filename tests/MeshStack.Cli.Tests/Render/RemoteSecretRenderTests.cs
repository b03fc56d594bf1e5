using System.Text;

namespace MeshStack.Cli.Tests.Render;

/// <summary>
/// meshstack render with discovery: endpoints (issue 16): remote secrets only from an explicit reader token Secret
/// (--remote-secret-token CLUSTER=FILE), otherwise skipped with MSH168; the token is never printed.
/// </summary>
public class RemoteSecretRenderTests
{
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.cluster2-reader.sig";

    private static string TokenSecret(string? token = Token, string type = "kubernetes.io/service-account-token") => $"""
        apiVersion: v1
        data:
          ca.crt: {Convert.ToBase64String(Encoding.UTF8.GetBytes("-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n"))}
          namespace: aXN0aW8tc3lzdGVt
        {(token is null ? "" : $"  token: {Convert.ToBase64String(Encoding.UTF8.GetBytes(token))}")}
        kind: Secret
        metadata:
          annotations:
            kubernetes.io/service-account.name: istio-reader-service-account
          name: istio-reader-service-account-istio-remote-secret-token
          namespace: istio-system
        type: {type}
        """;

    private static string MeshConfig(CliRun run, string cluster) =>
        File.ReadAllText(Path.Combine(run.Directory, "out", cluster, "05-meshconfig", "resources.yaml"));

    [Fact]
    public void Without_a_token_the_remote_secrets_are_skipped_with_MSH168_and_the_rest_is_rendered()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.endpoints.yaml");
        var (exit, stdout, stderr) = run.Run("render", "Pulumi.endpoints.yaml", "--out", "out");
        Assert.True(exit == 0, stderr);
        Assert.Contains("warning MSH168: --remote-secret-token: cluster1: skipped the remote secret(s) of cluster2", stderr, StringComparison.Ordinal);
        Assert.Contains("cluster2: skipped the remote secret(s) of cluster1", stderr, StringComparison.Ordinal);
        foreach (var cluster in new[] { "cluster1", "cluster2" })
        {
            var text = MeshConfig(run, cluster);
            Assert.DoesNotContain("istio-remote-secret-cluster", text, StringComparison.Ordinal);
            Assert.Contains("name: istio-reader-service-account-istio-remote-secret-token", text, StringComparison.Ordinal);
            Assert.Contains("name: cross-network-gateway", text, StringComparison.Ordinal);
            Assert.DoesNotContain(".global", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("remote secret(s) into", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_clusters_token_Secret_its_peer_gets_the_remote_secret_owner_only_and_the_token_is_never_printed()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.endpoints.yaml");
        run.Write("cluster2-token.yaml", TokenSecret());
        var (exit, stdout, stderr) = run.Run("render", "Pulumi.endpoints.yaml", "--out", "out", "--remote-secret-token", "cluster2=cluster2-token.yaml");
        Assert.True(exit == 0, stderr);
        var text = MeshConfig(run, "cluster1");
        Assert.Contains("name: istio-remote-secret-cluster2", text, StringComparison.Ordinal);
        Assert.Contains($"        token: {Token}\n", text, StringComparison.Ordinal);
        Assert.Contains("        server: https://172.18.0.3:6443\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("name: istio-remote-secret-cluster1", MeshConfig(run, "cluster2"), StringComparison.Ordinal);
        Assert.Contains("cluster2: skipped the remote secret(s) of cluster1", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("Rendered 1 remote secret(s)", stdout, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Path.Combine(run.Directory, "out", "cluster1", "05-meshconfig", "resources.yaml"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        }
    }

    [Fact]
    public void Validate_lists_the_token_flag_render_should_get_for_each_cluster()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.endpoints.yaml");
        var (exit, _, stderr) = run.Run("validate", "Pulumi.endpoints.yaml");
        Assert.Equal(0, exit);
        foreach (var cluster in new[] { "cluster1", "cluster2" })
        {
            Assert.Contains($"warning MSH125: --remote-secret-token: render needs --remote-secret-token {cluster}=<file: kubectl -n istio-system get secret istio-reader-service-account-istio-remote-secret-token -o yaml>", stderr, StringComparison.Ordinal);
        }

        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.DoesNotContain("--remote-secret-token", run.Run("validate", "Pulumi.dev.yaml").Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-token", "the Secret has no data.token")]
    [InlineData("wrong-type", "the Secret is not of type kubernetes.io/service-account-token")]
    [InlineData("not-a-secret", "the file is not one Secret")]
    [InlineData("not-a-jwt", "data.token does not decode to a service-account token (a JWT)")]
    public void A_bad_token_file_is_MSH120_and_nothing_is_written(string variant, string message)
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.endpoints.yaml");
        run.Write("t.yaml", variant switch
        {
            "no-token" => TokenSecret(token: null),
            "wrong-type" => TokenSecret(type: "Opaque"),
            "not-a-jwt" => TokenSecret(token: "abc\"\n  injected: yes"),
            _ => "kind: ConfigMap\n",
        });
        var (exit, _, stderr) = run.Run("render", "Pulumi.endpoints.yaml", "--out", "out", "--remote-secret-token", "cluster2=t.yaml");
        Assert.Equal(1, exit);
        Assert.Contains($"error MSH120: --remote-secret-token: 'cluster2=t.yaml': {message}", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "out")));
    }
}
