using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MeshStack.Testing;

/// <summary>
/// A stack carrying every kind of credential MeshStack is handed: an inline kubeconfig with a bearer token and
/// client-key-data, and an imported root CA with its private key. Nothing MeshStack emits may contain any of them.
/// </summary>
public sealed class RobustnessSecrets
{
    public const string Token = "meshstack-fake-bearer-token-5f1d9c2e7a4b";
    public const string ClientKeyData = "TUVTSFNUQUNLLUZBS0UtQ0xJRU5ULUtFWS1EQVRBLTQyNDI0Mg==";

    public RobustnessSecrets()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Robustness Root CA, O=Example", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        CertPem = cert.ExportCertificatePem() + "\n";
        KeyPem = key.ExportPkcs8PrivateKeyPem() + "\n";
        KeyBody = string.Concat(KeyPem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
    }

    public string CertPem { get; }

    public string KeyPem { get; }

    /// <summary>The base64 body of the root key, without PEM armour or line breaks.</summary>
    public string KeyBody { get; }

    /// <summary>The stack file text.</summary>
    public string Text => $"""
        config:
          meshstack:meshId: mesh1
          meshstack:rootCa:
            import:
              certPem: |
        {Indent(CertPem, 8)}
              keyPem: |
        {Indent(KeyPem, 8)}
          meshstack:clusters:
            - name: cluster1
              kubeconfig: |
        {Indent(Kubeconfig, 8)}
              gateway: {"{"} address: 192.0.2.1 {"}"}
              egressGateway: true
            - name: cluster2
              context: kind-cluster2
              gateway: {"{"} address: 192.0.2.2 {"}"}
              egressGateway: true
          meshstack:services:
            - name: httpbin
              namespace: bar
              clusters: [cluster2]
              ports: [{"{"} name: http1, number: 8000, protocol: http {"}"}]
            - name: reviews
              namespace: bar
              clusters: [cluster1]
              ports: [{"{"} name: http, number: 9080, protocol: http {"}"}]
              route: egress
              consumers: [cluster2]
        """;

    public static string Kubeconfig => $"""
        apiVersion: v1
        kind: Config
        clusters:
          - name: c1
            cluster: {"{"} server: "https://192.0.2.50:6443" {"}"}
        users:
          - name: admin
            user:
              token: {Token}
              client-key-data: {ClientKeyData}
        contexts:
          - name: ctx
            context: {"{"} cluster: c1, user: admin {"}"}
        current-context: ctx
        """;

    /// <summary>Each leak found in <paramref name="text"/>, named by what leaked.</summary>
    public IEnumerable<string> Leaks(string text)
    {
        if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            yield return "a PEM private key";
        }

        var flat = text.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (flat.Contains(KeyBody[..40], StringComparison.Ordinal) || flat.Contains(KeyBody[^40..], StringComparison.Ordinal))
        {
            yield return "the imported root key's base64 body";
        }

        if (text.Contains(Token, StringComparison.Ordinal))
        {
            yield return "the kubeconfig token";
        }

        if (text.Contains(ClientKeyData, StringComparison.Ordinal) || text.Contains("client-key-data", StringComparison.Ordinal))
        {
            yield return "the kubeconfig client key";
        }
    }

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.TrimEnd('\n').Split('\n').Select(l => new string(' ', spaces) + l));
}
