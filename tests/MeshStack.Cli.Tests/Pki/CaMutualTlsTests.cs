using System.Net.Security;
using System.Security.Authentication;

namespace MeshStack.Cli.Tests.Pki;

/// <summary>
/// The property the shared root exists for (issue 4): workloads of different clusters, each certificate issued by its
/// own cluster's intermediate, complete mutual TLS trusting only the root; a certificate from another root does not.
/// </summary>
public class CaMutualTlsTests
{
    private const string Sleep = "spiffe://cluster.local/ns/foo/sa/sleep";
    private const string Httpbin = "spiffe://cluster.local/ns/bar/sa/httpbin";

    // The dev stack's CA folder (ca/) and a second one with another root (other/).
    private static CliRun CaFoldersOfTwoRoots()
    {
        var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("ca", "init", "--out", "ca").Exit);
        Assert.Equal(0, run.Run("ca", "init", "--out", "other").Exit);
        return run;
    }

    [Fact]
    public async Task Workloads_of_cluster1_and_cluster2_complete_mutual_TLS_trusting_only_the_root()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("ca", "init", "--out", "ca").Exit);
        var ca = Path.Combine(run.Directory, "ca");
        using var root = Workloads.Root(ca);
        using var i1 = Workloads.Intermediate(ca, "cluster1");
        using var i2 = Workloads.Intermediate(ca, "cluster2");
        using var client = Workloads.Issue(i1, Sleep);
        using var server = Workloads.Issue(i2, Httpbin);

        var result = await MutualTls.Handshake(new(server, i2, [root], Httpbin), new(client, i1, [root], Sleep));

        Assert.Null(result.ServerError);
        Assert.Null(result.ClientError);
        Assert.Equal(Sleep, result.ServerSawPeer);
        Assert.Equal(Httpbin, result.ClientSawPeer);
        Assert.Equal("pong", result.Reply);
    }

    [Fact]
    public async Task A_client_certificate_chained_to_another_root_fails_the_handshake()
    {
        using var run = CaFoldersOfTwoRoots();
        var ca = Path.Combine(run.Directory, "ca");
        using var root = Workloads.Root(ca);
        using var foreignIntermediate = Workloads.Intermediate(Path.Combine(run.Directory, "other"), "cluster1");
        using var i2 = Workloads.Intermediate(ca, "cluster2");
        using var client = Workloads.Issue(foreignIntermediate, Sleep);
        using var server = Workloads.Issue(i2, Httpbin);

        var result = await MutualTls.Handshake(new(server, i2, [root], Httpbin), new(client, foreignIntermediate, [root], Sleep));

        Assert.IsType<AuthenticationException>(result.ServerError);
        Assert.Null(result.Reply);
        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, result.ServerPolicyErrors & SslPolicyErrors.RemoteCertificateChainErrors);
    }

    [Fact]
    public async Task A_server_certificate_chained_to_another_root_is_refused_by_the_client()
    {
        using var run = CaFoldersOfTwoRoots();
        var ca = Path.Combine(run.Directory, "ca");
        using var root = Workloads.Root(ca);
        using var i1 = Workloads.Intermediate(ca, "cluster1");
        using var foreignIntermediate = Workloads.Intermediate(Path.Combine(run.Directory, "other"), "cluster2");
        using var client = Workloads.Issue(i1, Sleep);
        using var server = Workloads.Issue(foreignIntermediate, Httpbin);

        var result = await MutualTls.Handshake(new(server, foreignIntermediate, [root], Httpbin), new(client, i1, [root], Sleep));

        Assert.IsType<AuthenticationException>(result.ClientError);
        Assert.Null(result.Reply);
    }
}
