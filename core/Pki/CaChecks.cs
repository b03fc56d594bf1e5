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
    public static void Check(MeshSpec spec, CompileOptions options, NodeReader r)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(r);
        foreach (var root in spec.Trust.Roots)
        {
            switch (root.Source)
            {
                case RootCaSpec.Generate g when g.ValidityDays < spec.IntermediateCa.ValidityDays:
                    r.Report(DiagnosticBuilder.InvalidValidity(spec.IntermediateCa.ValidityDays, root.Name, g.ValidityDays, root.ConfigPath));
                    break;
                case RootCaSpec.Import i when !string.IsNullOrWhiteSpace(i.CertificatePem):
                    CheckImport(spec, root, i, options.Now, r);
                    break;
            }
        }
    }

    private static void CheckImport(MeshSpec spec, RootSpec rootSpec, RootCaSpec.Import import, DateTimeOffset? now, NodeReader r)
    {
        var certPath = $"{rootSpec.ConfigPath}.import.certPem";
        var keyPath = $"{rootSpec.ConfigPath}.import.keyPem";
        var certificates = Pem.Certificates(import.CertificatePem, out var error);
        if (certificates is null)
        {
            r.Report(DiagnosticBuilder.InvalidCertificate(certPath, Excerpt(import.CertificatePem), error));
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
                    r.Report(DiagnosticBuilder.InvalidCertificate(keyPath, keyError));
                }
            }

            CheckSamples(spec, certificates.Value, keyInfo, certPath, keyPath, r);
            CheckIsCa(root, certPath, r);
            if (keyInfo is not null && !keyInfo.AsSpan().SequenceEqual(root.PublicKey.ExportSubjectPublicKeyInfo()))
            {
                r.Report(DiagnosticBuilder.ImportedKeyMismatch(keyPath, Pem.SpkiSha256(keyInfo), root.Subject, Pem.SpkiSha256(root)));
            }

            if (now is { } at)
            {
                CheckValidity(spec, root, at, certPath, rootSpec.Name == spec.Trust.SigningRoot, r);
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

    private static void CheckSamples(MeshSpec spec, IEnumerable<X509Certificate2> certificates, byte[]? keyInfo, string certPath, string keyPath, NodeReader r)
    {
        var hits = certificates
            .Select(c => (Path: certPath, Sample: SampleCertificates.Find(Pem.CertSha256(c), Pem.SpkiSha256(c))))
            .Append((Path: keyPath, Sample: keyInfo is null ? null : SampleCertificates.FindByKey(Pem.SpkiSha256(keyInfo))))
            .Where(h => h.Sample is not null)
            .DistinctBy(h => h.Path);
        foreach (var (path, sample) in hits)
        {
            r.Report(spec.AllowSampleCerts
                ? DiagnosticBuilder.SampleCertificatesAllowed(path, sample!.File, sample.CertSha256)
                : DiagnosticBuilder.SampleCertificates(path, sample!.File, sample.CertSha256));
        }
    }

    private static void CheckIsCa(X509Certificate2 root, string certPath, NodeReader r)
    {
        var constraints = root.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
        {
            r.Report(DiagnosticBuilder.ImportedRootNotCa(certPath, root.Subject, constraints is null ? NotCaReason.NoBasicConstraints : NotCaReason.NotCa));
            return;
        }

        var usage = root.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
        {
            r.Report(DiagnosticBuilder.ImportedRootNotCa(certPath, root.Subject, usage.KeyUsages.ToString()));
        }
    }

    private static void CheckValidity(MeshSpec spec, X509Certificate2 root, DateTimeOffset now, string certPath, bool signs, NodeReader r)
    {
        var notBefore = new DateTimeOffset(root.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(root.NotAfter.ToUniversalTime());
        if (notAfter <= now)
        {
            r.Report(DiagnosticBuilder.ImportedRootExpired(certPath, root.Subject, notAfter, now));
        }
        else if (notBefore > now)
        {
            r.Report(DiagnosticBuilder.ImportedRootNotYetValid(certPath, root.Subject, notBefore, now));
        }
        else if (signs && notAfter < now.AddDays(spec.IntermediateCa.ValidityDays))
        {
            r.Report(DiagnosticBuilder.ImportedRootTooShort(certPath, root.Subject, notAfter, now, spec.IntermediateCa.ValidityDays));
        }
    }

    private static string Excerpt(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length > 40 ? line[..40] + "…" : line;
    }
}
