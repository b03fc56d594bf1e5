using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MeshStack.Core.Tests.Pki;

/// <summary>Mints certificate fixtures with .NET, so each test states exactly what is wrong with its root.</summary>
internal static class TestCa
{
    public static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A self-signed certificate; <paramref name="isCa"/> null leaves basicConstraints out.</summary>
    public static X509Certificate2 SelfSigned(string commonName, bool? isCa = true, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null,
        X509KeyUsageFlags usages = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, int? pathLength = null, string[]? extendedUsages = null, params X509Extension[] extensions)
    {
        extendedUsages ??= [];
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=Test", key, HashAlgorithmName.SHA256);
        if (isCa is { } ca)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, pathLength is not null, pathLength ?? 0, true));
        }

        request.CertificateExtensions.Add(new X509KeyUsageExtension(usages, true));
        if (extendedUsages.Length > 0)
        {
            var oids = new OidCollection();
            foreach (var oid in extendedUsages)
            {
                oids.Add(new Oid(oid));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }

        foreach (var extension in extensions)
        {
            request.CertificateExtensions.Add(extension);
        }

        return request.CreateSelfSigned(notBefore ?? Now.AddDays(-1), notAfter ?? Now.AddYears(10));
    }

    public static string CertPem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    public static string KeyPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()!;
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>A stack file importing this root (key as plain text, or as a Pulumi secret when null).</summary>
    public static string ImportStack(string certPem, string? keyPem, bool allowSampleCerts = false, int intermediateDays = 365) => $"""
        config:
          meshstack:allowSampleCerts: {(allowSampleCerts ? "true" : "false")}
          meshstack:rootCa:
            import:
              certPem: |
        {Indent(certPem, 8)}
              keyPem:{(keyPem is null ? " { secure: v1:AAAAAAAAAAAAAAAA }" : " |\n" + Indent(keyPem, 8))}
          meshstack:intermediateCa: {"{"} validityDays: {intermediateDays}, renewBeforeDays: 1 {"}"}
          meshstack:clusters:
            - name: cluster1
            - name: cluster2
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Trim().Split('\n').Select(l => new string(' ', spaces) + l.TrimEnd('\r')));
}
