using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Pki;

/// <summary>
/// Checks on the configured CA material: an imported root must be a CA whose key matches, valid now and long enough
/// for the intermediates; Istio's sample certificates are refused outside dev stacks. Time checks need
/// <see cref="CompileOptions.Now"/> and are skipped without it.
/// </summary>
internal static class CaChecks
{
    private const string CertPath = "meshstack:rootCa.import.certPem";
    private const string KeyPath = "meshstack:rootCa.import.keyPem";

    public static void Check(MeshSpec spec, CompileOptions options, NodeReader r)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(r);
        switch (spec.RootCa)
        {
            case RootCaSpec.Generate g when g.ValidityDays < spec.IntermediateCa.ValidityDays:
                r.Report(Codes.InvalidValidity.At("meshstack:intermediateCa.validityDays",
                    $"intermediates valid for {spec.IntermediateCa.ValidityDays} days would outlive the root ({g.ValidityDays} days, rootCa.generate.validityDays); " +
                    "lower intermediateCa.validityDays or raise the root's"));
                break;
            case RootCaSpec.Import i when !string.IsNullOrWhiteSpace(i.CertificatePem):
                CheckImport(spec, i, options.Now, r);
                break;
        }
    }

    private static void CheckImport(MeshSpec spec, RootCaSpec.Import import, DateTimeOffset? now, NodeReader r)
    {
        var certificates = Pem.Certificates(import.CertificatePem, out var error);
        if (certificates is null)
        {
            r.Report(Codes.InvalidCertificate.At(CertPath, $"'{Excerpt(import.CertificatePem)}' is not usable: {error}; paste the root certificate in PEM form"));
            return;
        }

        try
        {
            var root = certificates.Value[0];
            byte[]? keyInfo = null;
            if (import.KeyPem.Value is { } keyPem)
            {
                keyInfo = Pem.PublicKeyInfoOfPrivateKey(keyPem, out var keyError);
                if (keyInfo is null)
                {
                    r.Report(Codes.InvalidCertificate.At(KeyPath, $"the root key (secret, not shown) is not usable: {keyError}"));
                }
            }

            CheckSamples(spec, certificates.Value, keyInfo, r);
            CheckIsCa(root, r);
            if (keyInfo is not null && !keyInfo.AsSpan().SequenceEqual(root.PublicKey.ExportSubjectPublicKeyInfo()))
            {
                r.Report(Codes.ImportedKeyMismatch.At(KeyPath,
                    $"the root key (secret, not shown; public key SHA-256 {Pem.SpkiSha256(keyInfo)}) is not the key of '{root.Subject}' (public key SHA-256 {Pem.SpkiSha256(root)}); " +
                    "set the key that belongs to this certificate"));
            }

            if (now is { } at)
            {
                CheckValidity(spec, root, at, r);
            }
        }
        finally
        {
            foreach (var c in certificates.Value)
            {
                c.Dispose();
            }
        }
    }

    private static void CheckSamples(MeshSpec spec, IEnumerable<X509Certificate2> certificates, byte[]? keyInfo, NodeReader r)
    {
        var hits = certificates
            .Select(c => (Path: CertPath, Sample: SampleCertificates.Find(Pem.CertSha256(c), Pem.SpkiSha256(c))))
            .Append((Path: KeyPath, Sample: keyInfo is null ? null : SampleCertificates.FindByKey(Pem.SpkiSha256(keyInfo))))
            .Where(h => h.Sample is not null)
            .DistinctBy(h => h.Path);
        foreach (var (path, sample) in hits)
        {
            var what = $"this is Istio's public sample CA (samples/certs/{sample!.File}, certificate SHA-256 {sample.CertSha256}); its private key is published, so anyone could sign for the mesh";
            r.Report(spec.AllowSampleCerts
                ? Codes.SampleCertificatesAllowed.At(path, $"{what}; allowed because meshstack:allowSampleCerts is true: use this stack for development only")
                : Codes.SampleCertificates.At(path, $"{what}; generate a root (meshstack:rootCa.generate) or import your organisation's, or set meshstack:allowSampleCerts: true on a throwaway dev stack"));
        }
    }

    private static void CheckIsCa(X509Certificate2 root, NodeReader r)
    {
        var constraints = root.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
        {
            r.Report(Codes.ImportedRootNotCa.At(CertPath,
                $"'{root.Subject}' has {(constraints is null ? "no basicConstraints extension" : "basicConstraints CA:FALSE")}, so it cannot sign the clusters' intermediates; import the root CA certificate, not a leaf"));
            return;
        }

        var usage = root.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
        {
            r.Report(Codes.ImportedRootNotCa.At(CertPath,
                $"'{root.Subject}' has key usage '{usage.KeyUsages}' without keyCertSign, so it cannot sign the clusters' intermediates"));
        }
    }

    private static void CheckValidity(MeshSpec spec, X509Certificate2 root, DateTimeOffset now, NodeReader r)
    {
        var notBefore = new DateTimeOffset(root.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(root.NotAfter.ToUniversalTime());
        if (notAfter <= now)
        {
            r.Report(Codes.ImportedRootExpired.At(CertPath, $"'{root.Subject}' expired on {Time(notAfter)} (now is {Time(now)}); import a current root"));
        }
        else if (notBefore > now)
        {
            r.Report(Codes.ImportedRootNotYetValid.At(CertPath,
                $"'{root.Subject}' is valid only from {Time(notBefore)} (now is {Time(now)}); check the clock, or wait until then"));
        }
        else if (notAfter < now.AddDays(spec.IntermediateCa.ValidityDays))
        {
            r.Report(Codes.ImportedRootTooShort.At(CertPath,
                $"'{root.Subject}' expires on {Time(notAfter)}, before intermediates issued now for {spec.IntermediateCa.ValidityDays} days (meshstack:intermediateCa.validityDays) would ({Time(now.AddDays(spec.IntermediateCa.ValidityDays))}); " +
                "renew the root or shorten the intermediates"));
        }
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Excerpt(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length > 40 ? line[..40] + "…" : line;
    }
}
