using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MeshStack.Cli.Tests.Support;

namespace MeshStack.Cli.Tests;

/// <summary>
/// The property the shared root exists for (issue 4): workloads of different clusters, each certificate issued by its
/// own cluster's intermediate, complete mutual TLS trusting only the root; a certificate from another root does not.
/// </summary>
public class CaMutualTlsTests
{
    private const string Sleep = "spiffe://cluster.local/ns/foo/sa/sleep";
    private const string Httpbin = "spiffe://cluster.local/ns/bar/sa/httpbin";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

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

        var result = await Handshake(root, server, i2, client, i1);

        Assert.Null(result.ServerError);
        Assert.Null(result.ClientError);
        Assert.Equal(Sleep, result.ServerSawPeer);
        Assert.Equal(Httpbin, result.ClientSawPeer);
        Assert.Equal("pong", result.Reply);
    }

    [Fact]
    public async Task A_client_certificate_chained_to_another_root_fails_the_handshake()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("ca", "init", "--out", "ca").Exit);
        Assert.Equal(0, run.Run("ca", "init", "--out", "other").Exit);
        var ca = Path.Combine(run.Directory, "ca");
        using var root = Workloads.Root(ca);
        using var foreignIntermediate = Workloads.Intermediate(Path.Combine(run.Directory, "other"), "cluster1");
        using var i2 = Workloads.Intermediate(ca, "cluster2");
        using var client = Workloads.Issue(foreignIntermediate, Sleep);
        using var server = Workloads.Issue(i2, Httpbin);

        var result = await Handshake(root, server, i2, client, foreignIntermediate);

        Assert.IsType<AuthenticationException>(result.ServerError);
        Assert.Null(result.Reply);
        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, result.ServerPolicyErrors & SslPolicyErrors.RemoteCertificateChainErrors);
    }

    [Fact]
    public async Task A_server_certificate_chained_to_another_root_is_refused_by_the_client()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("ca", "init", "--out", "ca").Exit);
        Assert.Equal(0, run.Run("ca", "init", "--out", "other").Exit);
        var ca = Path.Combine(run.Directory, "ca");
        using var root = Workloads.Root(ca);
        using var i1 = Workloads.Intermediate(ca, "cluster1");
        using var foreignIntermediate = Workloads.Intermediate(Path.Combine(run.Directory, "other"), "cluster2");
        using var client = Workloads.Issue(i1, Sleep);
        using var server = Workloads.Issue(foreignIntermediate, Httpbin);

        var result = await Handshake(root, server, foreignIntermediate, client, i1);

        Assert.IsType<AuthenticationException>(result.ClientError);
        Assert.Null(result.Reply);
    }

    private sealed record Outcome(Exception? ServerError, Exception? ClientError, string? ServerSawPeer, string? ClientSawPeer, string? Reply, SslPolicyErrors ServerPolicyErrors);

    /// <summary>One TLS connection over loopback; each side sends its leaf and intermediate and trusts only <paramref name="root"/>.</summary>
    private static async Task<Outcome> Handshake(X509Certificate2 root, X509Certificate2 serverLeaf, X509Certificate2 serverIntermediate, X509Certificate2 clientLeaf, X509Certificate2 clientIntermediate)
    {
        using var timeout = new CancellationTokenSource(Limit);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        string? serverSaw = null, clientSaw = null, reply = null;
        var serverErrors = SslPolicyErrors.None;

        var serverTask = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync(timeout.Token);
            await using var tls = new SslStream(socket.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = SslStreamCertificateContext.Create(serverLeaf, [serverIntermediate], offline: true),
                ClientCertificateRequired = true,
                CertificateChainPolicy = TrustOnly(root),
                RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                {
                    serverErrors = errors;
                    serverSaw = cert is X509Certificate2 c ? Workloads.SpiffeId(c) : null;
                    return errors == SslPolicyErrors.None;
                },
            }, timeout.Token);
            var buffer = new byte[4];
            await tls.ReadExactlyAsync(buffer, timeout.Token);
            await tls.WriteAsync("pong"u8.ToArray(), timeout.Token);
        }, timeout.Token);

        var clientTask = Task.Run(async () =>
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            await using var tls = new SslStream(socket.GetStream());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "httpbin.bar.global",
                ClientCertificateContext = SslStreamCertificateContext.Create(clientLeaf, [clientIntermediate], offline: true),
                CertificateChainPolicy = TrustOnly(root),
                // Istio checks the peer's SPIFFE identity, not a host name: ignore only the name mismatch.
                RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                {
                    clientSaw = cert is X509Certificate2 c ? Workloads.SpiffeId(c) : null;
                    return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None && clientSaw == Httpbin;
                },
            }, timeout.Token);
            await tls.WriteAsync("ping"u8.ToArray(), timeout.Token);
            var buffer = new byte[4];
            await tls.ReadExactlyAsync(buffer, timeout.Token);
            reply = System.Text.Encoding.ASCII.GetString(buffer);
        }, timeout.Token);

        var serverError = await Failure(serverTask);
        var clientError = await Failure(clientTask);
        Assert.False(timeout.IsCancellationRequested, "the handshake did not finish in time");
        return new Outcome(serverError, clientError, serverSaw, clientSaw, reply, serverErrors);
    }

    private static X509ChainPolicy TrustOnly(X509Certificate2 root)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(root);
        return policy;
    }

    private static async Task<Exception?> Failure(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or SocketException)
        {
            return e;
        }
    }
}
