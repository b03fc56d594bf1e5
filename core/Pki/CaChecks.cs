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
                    r.Report(Codes.InvalidValidity.At("meshstack:intermediateCa.validityDays",
                        $"intermediates valid for {spec.IntermediateCa.ValidityDays} days would outlive the root '{root.Name}' ({g.ValidityDays} days, {root.ConfigPath.Replace("meshstack:", "", StringComparison.Ordinal)}.generate.validityDays); " +
                        "lower intermediateCa.validityDays or raise the root's"));
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
            r.Report(Codes.InvalidCertificate.At(certPath, $"'{Excerpt(import.CertificatePem)}' is not usable: {error}; paste the root certificate in PEM form"));
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
                    r.Report(Codes.InvalidCertificate.At(keyPath, $"the root key (secret, not shown) is not usable: {keyError}"));
                }
            }

            CheckSamples(spec, certificates.Value, keyInfo, certPath, keyPath, r);
            CheckIsCa(root, certPath, r);
            CheckChainAllowsIntermediates(certificates.Value, certPath, r);
            if (keyInfo is not null && !keyInfo.AsSpan().SequenceEqual(root.PublicKey.ExportSubjectPublicKeyInfo()))
            {
                r.Report(Codes.ImportedKeyMismatch.At(keyPath,
                    $"the root key (secret, not shown; public key SHA-256 {Pem.SpkiSha256(keyInfo)}) is not the key of '{root.Subject}' (public key SHA-256 {Pem.SpkiSha256(root)}); " +
                    "set the key that belongs to this certificate"));
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
            var what = $"this is Istio's public sample CA (samples/certs/{sample!.File}, certificate SHA-256 {sample.CertSha256}); its private key is published, so anyone could sign for the mesh";
            r.Report(spec.AllowSampleCerts
                ? Codes.SampleCertificatesAllowed.At(path, $"{what}; allowed because meshstack:allowSampleCerts is true: use this stack for development only")
                : Codes.SampleCertificates.At(path, $"{what}; generate a root (meshstack:rootCa.generate) or import your organisation's, or set meshstack:allowSampleCerts: true on a throwaway dev stack"));
        }
    }

    private static void CheckIsCa(X509Certificate2 root, string certPath, NodeReader r)
    {
        var constraints = root.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
        {
            r.Report(Codes.ImportedRootNotCa.At(certPath,
                $"'{root.Subject}' has {(constraints is null ? "no basicConstraints extension" : "basicConstraints CA:FALSE")}, so it cannot sign the clusters' intermediates; import the root CA certificate, not a leaf"));
            return;
        }

        var usage = root.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
        {
            r.Report(Codes.ImportedRootNotCa.At(certPath,
                $"'{root.Subject}' has key usage '{usage.KeyUsages}' without keyCertSign, so it cannot sign the clusters' intermediates"));
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
            var position = chain.Count == 1 ? "" : $" (certificate {i + 1} of {chain.Count})";
            var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (constraints is { CertificateAuthority: true, HasPathLengthConstraint: true } && constraints.PathLengthConstraint < i + 1)
            {
                r.Report(Codes.ImportedRootPathLength.At(certPath,
                    $"'{certificate.Subject}'{position} has pathlen:{constraints.PathLengthConstraint}, but every workload certificate would have {i + 1} CA certificate{(i == 0 ? "" : "s")} below it " +
                    $"(each cluster's intermediate{(i == 0 ? "" : " and the imported certificates before it")}), so every peer would refuse it with \"path length constraint exceeded\"; " +
                    $"import a CA whose pathlen is at least {i + 1} (or has none)"));
            }

            var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault()?.EnhancedKeyUsages;
            var oids = usages?.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value ?? "").ToList();
            if (oids is not null && !oids.Contains(AnyExtendedKeyUsage) && !(oids.Contains(ServerAuth) && oids.Contains(ClientAuth)))
            {
                var listed = string.Join(", ", oids.Select(o => UsageNames.TryGetValue(o, out var name) ? name : o));
                var missing = string.Join(" and ", new[] { ServerAuth, ClientAuth }.Where(u => !oids.Contains(u)).Select(u => UsageNames[u]));
                r.Report(Codes.ImportedRootKeyUsage.At(certPath,
                    $"'{certificate.Subject}'{position} limits its extended key usage to {listed}, without {missing}: istiod verifies its CA for serverAuth (it would refuse the cacerts, then fail to start), " +
                    "and the server side of every mTLS connection verifies the client's chain for clientAuth (Envoy/BoringSSL: \"unsuitable certificate purpose\"); " +
                    "import a CA without an extendedKeyUsage extension, or with both serverAuth and clientAuth in it"));
            }

            if (certificate.Extensions.Cast<X509Extension>().Any(e => e.Oid?.Value == NameConstraints))
            {
                r.Report(Codes.ImportedRootKeyUsage.At(certPath,
                    $"'{certificate.Subject}'{position} has a nameConstraints extension: istiod re-mints its own serving certificate (istiod.istio-system.svc) under the cluster's intermediate " +
                    "(pilot/pkg/bootstrap/istio_ca.go@1.30.3:411, certcontroller.go@1.30.3:205-227), which such constraints refuse (\"permitted subtree violation\"), so no proxy could reach istiod; " +
                    "import a CA without name constraints"));
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
            r.Report(Codes.ImportedRootExpired.At(certPath, $"'{root.Subject}' expired on {Time(notAfter)} (now is {Time(now)}); import a current root"));
        }
        else if (notBefore > now)
        {
            r.Report(Codes.ImportedRootNotYetValid.At(certPath,
                $"'{root.Subject}' is valid only from {Time(notBefore)} (now is {Time(now)}); check the clock, or wait until then"));
        }
        else if (signs && notAfter < now.AddDays(spec.IntermediateCa.ValidityDays))
        {
            r.Report(Codes.ImportedRootTooShort.At(certPath,
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
