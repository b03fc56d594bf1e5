using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MeshStack.Core.Model;
using MeshStack.Core.Pki;

namespace MeshStack.Cli.Pki;

/// <summary>The signing root with its key for <c>ca init</c>: minted, the stack's imported root, or <c>--root-cert</c>/<c>--root-key</c>.</summary>
internal static class CaRoots
{
    /// <summary>The issuing root with its key: minted from the profile, the stack's imported root, or --root-cert/--root-key.</summary>
    public static (X509Certificate2? Root, bool Minted, string? Problem) LoadOrMint(CliContext context, MeshSpec spec, string? certFile, string? keyFile, DateTimeOffset now)
    {
        string certPem;
        string keyPem;
        if (spec.RootCa is RootCaSpec.Import import)
        {
            if (certFile is not null)
            {
                throw new UsageException($"this stack imports its signing root: the certificate comes from {spec.Trust.Signer.ConfigPath}.import.certPem; pass only --root-key");
            }

            certPem = import.CertificatePem;
            keyPem = (keyFile is null ? import.KeyPem.Value : ReadFile(context, keyFile, "--root-key"))
                ?? throw new UsageException("this stack imports its root and its key is a Pulumi secret the CLI cannot decrypt: pass --root-key FILE");
        }
        else if (certFile is null && keyFile is null)
        {
            return (CaMinter.Root(CertificateProfile.Root(spec.Trust.Signer), now), true, null);
        }
        else if (certFile is null || keyFile is null)
        {
            throw new UsageException("--root-cert and --root-key go together (reuse an existing root), or leave both out to mint a new root");
        }
        else
        {
            certPem = ReadFile(context, certFile, "--root-cert");
            keyPem = ReadFile(context, keyFile, "--root-key");
        }

        var (root, problem) = Pair(certPem, keyPem);
        if (root is null)
        {
            return (null, false, problem);
        }

        var needed = now.AddDays(spec.IntermediateCa.ValidityDays);
        if (new DateTimeOffset(root.NotAfter.ToUniversalTime()) < needed)
        {
            var message = $"'{root.Subject}' expires on {CaInspector.Time(new DateTimeOffset(root.NotAfter.ToUniversalTime()))}, before intermediates issued now would ({CaInspector.Time(needed)})";
            root.Dispose();
            return (null, false, message);
        }

        return (root, false, null);
    }

    /// <summary>A root certificate with its key, checked: the key is the certificate's and the certificate is a CA.</summary>
    public static (X509Certificate2? Root, string? Problem) Pair(string certPem, string keyPem)
    {
        var certificates = Pem.Certificates(certPem, out var error);
        if (certificates is null)
        {
            return (null, $"the root certificate is not usable: {error}");
        }

        var root = certificates.Value[0];
        try
        {
            var keyInfo = Pem.PublicKeyInfoOfPrivateKey(keyPem, out error);
            if (keyInfo is null || !keyInfo.AsSpan().SequenceEqual(root.PublicKey.ExportSubjectPublicKeyInfo()))
            {
                return (null, keyInfo is null ? $"the root key is not usable: {error}" : $"the root key is not the key of '{root.Subject}'");
            }

            if (root.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
            {
                return (null, $"'{root.Subject}' is not a CA certificate");
            }

            return (X509Certificate2.CreateFromPem(root.ExportCertificatePem(), keyPem), null);
        }
        catch (CryptographicException e)
        {
            return (null, $"the root certificate and key cannot be used together: {e.Message}");
        }
        finally
        {
            foreach (var c in certificates.Value)
            {
                c.Dispose();
            }
        }
    }

    public static string ReadFile(CliContext context, string name, string flag)
    {
        var path = context.Resolve(name);
        return File.Exists(path) ? File.ReadAllText(path) : throw new UsageException($"{flag} '{name}' not found");
    }
}
