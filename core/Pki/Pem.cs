using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MeshStack.Core.Pki;

/// <summary>Parsing of PEM text (certificates and private keys) into .NET objects, without throwing on bad input.</summary>
public static class Pem
{
    /// <summary>Every CERTIFICATE block, in order; null with a reason when the text holds none or one is malformed.</summary>
    public static ImmutableArray<X509Certificate2>? Certificates(string? text, out string? error)
    {
        error = null;
        var result = ImmutableArray.CreateBuilder<X509Certificate2>();
        var rest = (text ?? "").AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            var label = rest.Span[fields.Label];
            if (label.SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    result.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest.Span[fields.Base64Data].ToString())));
                }
                catch (CryptographicException e)
                {
                    error = $"certificate {result.Count + 1} is not a valid X.509 certificate ({e.Message.TrimEnd('.')})";
                    return null;
                }
            }

            rest = rest[fields.Location.End..];
        }

        if (result.Count == 0)
        {
            error = "no '-----BEGIN CERTIFICATE-----' block was found";
            return null;
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The SubjectPublicKeyInfo (DER) of a private key in PEM (PKCS#1, SEC1 or PKCS#8, unencrypted);
    /// null with a reason (never quoting the key) when it cannot be read.
    /// </summary>
    public static byte[]? PublicKeyInfoOfPrivateKey(string? text, out string? error)
    {
        using var key = PrivateKey(text, out error);
        return key switch
        {
            ECDsa ec => ec.ExportSubjectPublicKeyInfo(),
            RSA rsa => rsa.ExportSubjectPublicKeyInfo(),
            _ => null,
        };
    }

    /// <summary>An ECDSA or RSA private key from PEM; null with a reason (never quoting the key) when it cannot be read.</summary>
    public static AsymmetricAlgorithm? PrivateKey(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text) || !PemEncoding.TryFind(text, out var fields))
        {
            error = "no PEM private key block was found";
            return null;
        }

        var label = text[fields.Label];
        if (label.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            error = "the key is encrypted; give the unencrypted key (keep it a Pulumi secret instead)";
            return null;
        }

        if (label is not ("PRIVATE KEY" or "EC PRIVATE KEY" or "RSA PRIVATE KEY"))
        {
            error = $"a '{label}' block is not a private key";
            return null;
        }

        if (label != "RSA PRIVATE KEY")
        {
            var ec = ECDsa.Create();
            try
            {
                ec.ImportFromPem(text);
                return ec;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                ec.Dispose();
            }
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(text);
            return rsa;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            error = $"the '{label}' block is not a readable ECDSA or RSA key";
            return null;
        }
    }

    /// <summary>SHA-256 of the certificate's SubjectPublicKeyInfo, base64 (as in HPKP pins).</summary>
    public static string SpkiSha256(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return SpkiSha256(certificate.PublicKey.ExportSubjectPublicKeyInfo());
    }

    /// <summary>SHA-256 of a DER SubjectPublicKeyInfo, base64.</summary>
    public static string SpkiSha256(byte[] subjectPublicKeyInfo) => Convert.ToBase64String(SHA256.HashData(subjectPublicKeyInfo));

    /// <summary>SHA-256 of the DER certificate, upper-case hex.</summary>
    public static string CertSha256(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>SHA-256 of the first certificate of a PEM text, or of the text itself when it is not a certificate.</summary>
    public static string CertificatesSha256(string? text)
    {
        var certificates = Certificates(text, out _);
        if (certificates is null)
        {
            return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text ?? "")));
        }

        try
        {
            return CertSha256(certificates.Value[0]);
        }
        finally
        {
            foreach (var c in certificates.Value)
            {
                c.Dispose();
            }
        }
    }

    /// <summary>The NotAfter of the first certificate of a PEM text, or null when it is not a certificate.</summary>
    public static DateTimeOffset? FirstNotAfter(string? text)
    {
        var certificates = Certificates(text, out _);
        if (certificates is null)
        {
            return null;
        }

        try
        {
            return new DateTimeOffset(certificates.Value[0].NotAfter.ToUniversalTime());
        }
        finally
        {
            foreach (var c in certificates.Value)
            {
                c.Dispose();
            }
        }
    }
}
