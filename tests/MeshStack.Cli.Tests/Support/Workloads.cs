using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MeshStack.Cli.Tests.Support;

/// <summary>What istiod does with a cluster's cacerts: issue short-lived workload certificates with a SPIFFE identity.</summary>
internal static class Workloads
{
    /// <summary>The intermediate of a cluster from a <c>ca init</c> folder, with its key.</summary>
    public static X509Certificate2 Intermediate(string caDir, string cluster) =>
        X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(caDir, cluster, "ca-cert.pem")), File.ReadAllText(Path.Combine(caDir, cluster, "ca-key.pem")));

    public static X509Certificate2 Root(string caDir) => X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(caDir, "root-cert.pem")));

    /// <summary>A workload leaf for <paramref name="spiffeId"/>, signed by <paramref name="issuer"/>, for client and server auth.</summary>
    public static X509Certificate2 Issue(X509Certificate2 issuer, string spiffeId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("O=cluster.local", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(spiffeId));
        request.CertificateExtensions.Add(san.Build(critical: true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var notBefore = issuer.NotBefore.ToUniversalTime() > DateTime.UtcNow.AddHours(-1) ? new DateTimeOffset(issuer.NotBefore.ToUniversalTime()) : DateTimeOffset.UtcNow.AddHours(-1);
        using var issuerKey = (AsymmetricAlgorithm?)issuer.GetECDsaPrivateKey() ?? issuer.GetRSAPrivateKey()!;
        var generator = issuerKey is ECDsa ec ? X509SignatureGenerator.CreateForECDsa(ec) : X509SignatureGenerator.CreateForRSA((RSA)issuerKey, RSASignaturePadding.Pkcs1);
        using var signed = request.Create(issuer.SubjectName, generator, notBefore, DateTimeOffset.UtcNow.AddHours(1), RandomNumberGenerator.GetBytes(16));
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>The SPIFFE URI SAN of a certificate, if any.</summary>
    public static string? SpiffeId(X509Certificate2 certificate)
    {
        if (certificate.Extensions["2.5.29.17"] is not { } san)
        {
            return null;
        }

        // GeneralNames: SEQUENCE OF GeneralName; uniformResourceIdentifier is [6] IA5String.
        var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
        var names = new AsnReader(san.RawData, AsnEncodingRules.DER).ReadSequence();
        while (names.HasData)
        {
            if (names.PeekTag().HasSameClassAndValue(uriTag))
            {
                var uri = names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag);
                if (uri.StartsWith("spiffe://", StringComparison.Ordinal))
                {
                    return uri;
                }
            }
            else
            {
                names.ReadEncodedValue();
            }
        }

        return null;
    }
}
