using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MeshStack.Core.Model;
using MeshStack.Core.Pki;
using NetRequest = System.Security.Cryptography.X509Certificates.CertificateRequest;
using ProfileRequest = MeshStack.Core.Pki.CertificateRequest;

namespace MeshStack.Cli.Pki;

/// <summary>Mints the profile's certificates with System.Security.Cryptography (the GitOps path; Pulumi.Tls is the other).</summary>
internal static class CaMinter
{
    /// <summary>A self-signed root from the profile.</summary>
    public static X509Certificate2 Root(ProfileRequest profile, DateTimeOffset now)
    {
        using var key = NewKey(profile.Algorithm);
        var request = Request(profile, key, HashFor(key));
        var ski = new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false);
        request.CertificateExtensions.Add(ski);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski));
        var (notBefore, notAfter) = Validity(profile, now);
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>An intermediate signed by <paramref name="issuer"/> (which carries its private key).</summary>
    public static X509Certificate2 Intermediate(ProfileRequest profile, X509Certificate2 issuer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        using var key = NewKey(profile.Algorithm);
        using var issuerKey = (AsymmetricAlgorithm?)issuer.GetECDsaPrivateKey() ?? issuer.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("the issuer has no private key");
        var request = Request(profile, key, HashFor(issuerKey));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var (notBefore, notAfter) = Validity(profile, now);
        // Never past the issuer: an intermediate that outlived its root would stop verifying first (issue 20).
        var issuerEnd = new DateTimeOffset(issuer.NotAfter.ToUniversalTime());
        notAfter = notAfter > issuerEnd ? issuerEnd : notAfter;
        // The generator overload lets the root and the intermediates use different key types (an RSA root, ECDSA intermediates).
        var generator = issuerKey is ECDsa ecIssuer ? X509SignatureGenerator.CreateForECDsa(ecIssuer) : X509SignatureGenerator.CreateForRSA((RSA)issuerKey, RSASignaturePadding.Pkcs1);
        using var signed = request.Create(issuer.SubjectName, generator, notBefore, notAfter, Serial());
        return key switch
        {
            ECDsa ec => signed.CopyWithPrivateKey(ec),
            RSA rsa => signed.CopyWithPrivateKey(rsa),
            _ => throw new InvalidOperationException("unexpected key type"),
        };
    }

    /// <summary>The private key of a minted certificate in the PEM form Pulumi.Tls writes (SEC1 for ECDSA, PKCS#1 for RSA).</summary>
    public static string KeyPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var ec = certificate.GetECDsaPrivateKey();
        if (ec is not null)
        {
            return ec.ExportECPrivateKeyPem() + "\n";
        }

        using var rsa = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("the certificate has no private key");
        return rsa.ExportRSAPrivateKeyPem() + "\n";
    }

    /// <summary>A certificate in PEM with a final newline.</summary>
    public static string CertPem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

    private static NetRequest Request(ProfileRequest profile, AsymmetricAlgorithm key, HashAlgorithmName hash)
    {
        // The builder encodes in reverse order of the calls: this gives L, O, CN, the order Go's crypto/x509
        // (so Pulumi.Tls) writes, and both paths produce the same subject.
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(profile.CommonName);
        subject.AddOrganizationName(profile.Organization);
        if (profile.Locality is { } locality)
        {
            subject.AddLocalityName(locality);
        }

        var request = key switch
        {
            ECDsa ec => new NetRequest(subject.Build(), ec, hash),
            RSA rsa => new NetRequest(subject.Build(), rsa, hash, RSASignaturePadding.Pkcs1),
            _ => throw new InvalidOperationException("unexpected key type"),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(profile.IsCa, profile.MaxPathLength.HasValue, profile.MaxPathLength ?? 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(KeyUsages.Flags(profile), critical: true));
        return request;
    }

    private static (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Validity(ProfileRequest profile, DateTimeOffset now)
    {
        // X.509 times have whole seconds; truncate so the files say exactly what was asked.
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return (start, start.AddHours(profile.ValidityHours));
    }

    private static AsymmetricAlgorithm NewKey(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        KeyAlgorithm.EcdsaP384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        _ => RSA.Create(KeyAlgorithms.RsaBits(algorithm) ?? 2048),
    };

    /// <summary>The signature hash follows the signer's key: SHA-384 for P-384, SHA-256 otherwise.</summary>
    private static HashAlgorithmName HashFor(AsymmetricAlgorithm signer) =>
        signer is ECDsa { KeySize: 384 } ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40); // positive, full length
        return serial;
    }
}
