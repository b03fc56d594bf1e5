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
            CheckChainAllowsIntermediates(certificates.Value, certPath, r);
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

    // What a workload's chain needs of the imported certificates: chain[i] has i imported CAs and the cluster's
    // intermediate below it, so its pathLenConstraint must be at least i + 1 (RFC 5280 4.2.1.9; Envoy/BoringSSL and
    // Go enforce it: "path length constraint exceeded"). istiod verifies its ca-cert.pem with x509.Verify and empty
    // KeyUsages, which Go reads as serverAuth and enforces down the chain, so an extended key usage without serverAuth
    // or anyExtendedKeyUsage makes istiod refuse the cacerts (security/pkg/pki/util/keycertbundle.go@1.30.3:337-345,
    // "Failed to update new Plug-in CA certs", then "failed to create an istiod CA" at the next start). Envoy verifies a
    // client's chain with purpose ssl_client (source/common/tls/cert_validator/default_validator.cc, doVerifyCertChain),
    // which BoringSSL checks on CA certificates too, so clientAuth is needed as well. Name constraints would refuse
    // istiod's own DNS serving certificate, which it signs under the cluster's intermediate.
    private static void CheckChainAllowsIntermediates(IReadOnlyList<X509Certificate2> chain, string certPath, NodeReader r)
    {
        for (var i = 0; i < chain.Count; i++)
        {
            var certificate = chain[i];
            var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (constraints is { CertificateAuthority: true, HasPathLengthConstraint: true } && constraints.PathLengthConstraint < i + 1)
            {
                r.Report(DiagnosticBuilder.ImportedRootPathLength(certPath, certificate.Subject, i, chain.Count, constraints.PathLengthConstraint));
            }

            var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault()?.EnhancedKeyUsages;
            var oids = usages?.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value ?? "").ToList();
            if (oids is not null && !oids.Contains(AnyExtendedKeyUsage) && !(oids.Contains(ServerAuth) && oids.Contains(ClientAuth)))
            {
                var listed = oids.Select(o => UsageNames.TryGetValue(o, out var name) ? name : o);
                var missing = new[] { ServerAuth, ClientAuth }.Where(u => !oids.Contains(u)).Select(u => UsageNames[u]);
                r.Report(DiagnosticBuilder.ImportedRootKeyUsage(certPath, certificate.Subject, i, chain.Count, listed, missing));
            }

            if (certificate.Extensions.Cast<X509Extension>().Any(e => e.Oid?.Value == NameConstraints))
            {
                r.Report(DiagnosticBuilder.ImportedRootKeyUsage(certPath, certificate.Subject, i, chain.Count));
            }
        }
    }

    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    private const string AnyExtendedKeyUsage = "2.5.29.37.0";
    private const string NameConstraints = "2.5.29.30";

    // OpenSSL's short names, so the message reads the same on every platform.
    private static readonly Dictionary<string, string> UsageNames = new(StringComparer.Ordinal)
    {
        ["1.3.6.1.5.5.7.3.1"] = "serverAuth",
        ["1.3.6.1.5.5.7.3.2"] = "clientAuth",
        ["1.3.6.1.5.5.7.3.3"] = "codeSigning",
        ["1.3.6.1.5.5.7.3.4"] = "emailProtection",
        ["1.3.6.1.5.5.7.3.8"] = "timeStamping",
        ["1.3.6.1.5.5.7.3.9"] = "OCSPSigning",
    };

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
