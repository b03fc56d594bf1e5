using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace MeshStack.Cli.Tests.Support;

/// <summary>
/// One mutual TLS connection over loopback as two sidecars make it: each side sends its leaf and its intermediate and
/// trusts exactly its own bundle (root-cert.pem), checks the peer's SPIFFE identity and ignores host names.
/// </summary>
internal static class MutualTls
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>A workload as a proxy holds it: its leaf, the intermediate that issued it, and the roots it trusts.</summary>
    public sealed record Side(X509Certificate2 Leaf, X509Certificate2 Intermediate, IReadOnlyList<X509Certificate2> Bundle, string Identity);

    /// <summary>What one connection showed: each side's failure, the identity each saw, the reply, the server's policy errors.</summary>
    public sealed record Outcome(Exception? ServerError, Exception? ClientError, string? ServerSawPeer, string? ClientSawPeer, string? Reply, SslPolicyErrors ServerPolicyErrors, string ServerChain)
    {
        /// <summary>Both sides completed the handshake, saw the expected peer and exchanged data.</summary>
        public bool Ok => ServerError is null && ClientError is null && Reply == "pong";

        /// <summary>Each side's failure and what the server's chain check said, for a test's message.</summary>
        public string Detail => $"server: {ServerError?.Message ?? "ok"} ({ServerPolicyErrors} {ServerChain}); client: {ClientError?.Message ?? "ok"}";
    }

    /// <summary>True when both sides completed the handshake, saw the expected peer and exchanged data.</summary>
    public static async Task<(bool Ok, string Detail)> Connect(Side server, Side client)
    {
        var outcome = await Handshake(server, client);
        return (outcome.Ok, outcome.Detail);
    }

    /// <summary>One connection: the server requires a client certificate; each side checks chain and SPIFFE identity of the other.</summary>
    public static async Task<Outcome> Handshake(Side server, Side client)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(client);
        using var timeout = new CancellationTokenSource(Limit);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        string? reply = null, serverSaw = null, clientSaw = null;
        var serverErrors = SslPolicyErrors.None;
        var serverChain = "";
        var serverTask = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync(timeout.Token);
            await using var tls = new SslStream(socket.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = SslStreamCertificateContext.Create(server.Leaf, [server.Intermediate], offline: true),
                ClientCertificateRequired = true,
                // Every connection is a full handshake: a resumed session would skip the certificate checks under test.
                AllowTlsResume = false,
                CertificateChainPolicy = Trust(server.Bundle),
                RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
                {
                    serverErrors = errors;
                    serverChain = string.Join(",", chain?.ChainStatus.Select(s => s.Status) ?? []);
                    serverSaw = cert is X509Certificate2 c ? Workloads.SpiffeId(c) : null;
                    return errors == SslPolicyErrors.None && serverSaw == client.Identity;
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
                AllowTlsResume = false,
                ClientCertificateContext = SslStreamCertificateContext.Create(client.Leaf, [client.Intermediate], offline: true),
                CertificateChainPolicy = Trust(client.Bundle),
                // Istio checks the peer's SPIFFE identity, not a host name: ignore only the name mismatch.
                RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                {
                    clientSaw = cert is X509Certificate2 c ? Workloads.SpiffeId(c) : null;
                    return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None && clientSaw == server.Identity;
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
        return new Outcome(serverError, clientError, serverSaw, clientSaw, reply, serverErrors, serverChain);
    }

    private static X509ChainPolicy Trust(IEnumerable<X509Certificate2> bundle)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(bundle.ToArray());
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
