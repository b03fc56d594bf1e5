using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using MeshStack.Core.Pki;

namespace MeshStack.Cli.Pki;

/// <summary>
/// Checks a CA folder against a stack: each cluster's chain verifies to the shared root (X509Chain trusting only it),
/// intermediates are CAs with the profile's usages and outside the renewal window, keys match their certificates,
/// cert-chain.pem is the intermediate then the root, key files are private, and no sample certificate is used.
/// </summary>
internal static class CaInspector
{
    public static IReadOnlyList<CaFinding> Inspect(CaFolder folder, MeshSpec spec, DateTimeOffset now, Action<string> ok, string? stackFile = null, string? folderName = null)
    {
        var findings = new List<CaFinding>();
        var rootPath = folder.RootCertOf(spec.Trust.SigningRoot);
        using var root = LoadOne(rootPath, findings);
        if (root is null)
        {
            return findings;
        }

        CheckRoot(folder, spec, root, now, findings);
        var trusted = spec.Trust.Roots.Select(r => LoadOne(folder.RootCertOf(r.Name), findings)).ToList();
        var init = $"meshstack ca init {stackFile ?? StackInput.DefaultStackFile} --out {folderName ?? folder.Path}";
        foreach (var cluster in spec.Clusters)
        {
            var before = findings.Count(f => f.IsError);
            var notAfter = CheckCluster(folder, spec, cluster, root, trusted, now, findings, init);
            if (findings.Count(f => f.IsError) == before && notAfter is { } end)
            {
                var renewAt = end.AddDays(-spec.IntermediateCa.RenewBeforeDays);
                ok($"{cluster.Name}: ok: chain verifies to '{root.Subject}'; valid until {Time(end)}, re-issue from {Time(renewAt)}");
            }
        }

        foreach (var extra in Directory.EnumerateDirectories(folder.Path).Select(Path.GetFileName).Where(n => spec.FindCluster(n!) is null && n != CaFolder.RootsFolder).Order(StringComparer.Ordinal))
        {
            findings.Add(new(false, Path.Combine(folder.Path, extra!), "not a cluster of this stack; render ignores it"));
        }

        foreach (var t in trusted)
        {
            t?.Dispose();
        }

        return findings;
    }

    private static void CheckRoot(CaFolder folder, MeshSpec spec, X509Certificate2 root, DateTimeOffset now, List<CaFinding> findings)
    {
        var path = folder.RootCertOf(spec.Trust.SigningRoot);
        CheckCa(root, null, X509KeyUsageFlags.KeyCertSign, path, findings);
        CheckSample(root, spec, path, findings);
        if (!string.Equals(root.Subject, root.Issuer, StringComparison.Ordinal))
        {
            findings.Add(new(false, path, $"'{root.Subject}' is not self-signed (issuer '{root.Issuer}'); istiod trusts exactly the root-cert.pem it is given"));
        }

        if (Until(root) <= now)
        {
            findings.Add(new(true, path, $"the root expired on {Time(Until(root))}"));
        }

        if (spec.RootCa is RootCaSpec.Import import && Pem.Certificates(import.CertificatePem, out _) is { } imported)
        {
            if (!imported[0].RawDataMemory.Span.SequenceEqual(root.RawDataMemory.Span))
            {
                findings.Add(new(true, path, $"'{root.Subject}' is not the stack's imported root ('{imported[0].Subject}', {spec.Trust.Signer.ConfigPath}.import.certPem)"));
            }

            foreach (var c in imported)
            {
                c.Dispose();
            }
        }

        var keyPath = folder.RootKeyOf(spec.Trust.SigningRoot);
        if (File.Exists(keyPath))
        {
            CheckKey(root, keyPath, findings);
        }
    }

    private static DateTimeOffset? CheckCluster(CaFolder folder, MeshSpec spec, ClusterSpec cluster, X509Certificate2 root, List<X509Certificate2?> trusted, DateTimeOffset now, List<CaFinding> findings, string init)
    {
        var certPath = folder.File(cluster.Name, CaFile.CaCert);
        if (!Directory.Exists(Path.GetDirectoryName(certPath)))
        {
            findings.Add(new(true, Path.GetDirectoryName(certPath)!, $"missing: no CA files for cluster '{cluster.Name}'; run '{init}' (it mints only what is missing and keeps the roots)"));
            return null;
        }

        using var intermediate = LoadOne(certPath, findings);
        var chain = LoadAll(folder.File(cluster.Name, CaFile.CertChain), findings);
        var clusterRoots = LoadAll(folder.File(cluster.Name, CaFile.RootCert), findings);
        var keyPath = folder.File(cluster.Name, CaFile.CaKey);
        if (!File.Exists(keyPath))
        {
            findings.Add(new(true, keyPath, "missing"));
        }

        try
        {
            if (intermediate is null)
            {
                return null;
            }

            if (File.Exists(keyPath))
            {
                CheckKey(intermediate, keyPath, findings);
            }

            if (clusterRoots is not null && trusted.All(t => t is not null)
                && (clusterRoots.Count != trusted.Count || clusterRoots.Zip(trusted).Any(p => !Same(p.First, p.Second!))))
            {
                findings.Add(new(true, folder.File(cluster.Name, CaFile.RootCert),
                    $"holds {string.Join(", ", clusterRoots.Select(c => $"'{c.Subject}'"))}, not exactly the trusted roots ({string.Join(", ", spec.Trust.Roots.Select(r => r.Name))}); clusters with different roots cannot verify each other: run '{init}'"));
            }

            if (chain is not null && (chain.Count != 2 || !Same(chain[0], intermediate) || !Same(chain[^1], root)))
            {
                findings.Add(new(true, folder.File(cluster.Name, CaFile.CertChain), $"must hold the intermediate then the root; it holds {string.Join(", ", chain.Select(c => $"'{c.Subject}'"))}"));
            }

            var profile = CertificateProfile.Intermediate(spec, cluster);
            CheckCa(intermediate, profile.MaxPathLength, KeyUsages.Flags(profile), certPath, findings);
            CheckSample(intermediate, spec, certPath, findings);
            VerifyChain(intermediate, root, chain ?? [], now, certPath, findings);
            var end = Until(intermediate);
            if (end <= now)
            {
                findings.Add(new(true, certPath, $"expired on {Time(end)}"));
            }
            else if (end < now.AddDays(spec.IntermediateCa.RenewBeforeDays))
            {
                findings.Add(new(true, certPath, $"expires on {Time(end)}, inside the renewal window ({spec.IntermediateCa.RenewBeforeDays} days, meshstack:intermediateCa.renewBeforeDays); re-issue it with '{init}'"));
            }

            return end;
        }
        finally
        {
            foreach (var c in (chain ?? []).Concat(clusterRoots ?? []))
            {
                c.Dispose();
            }
        }
    }

    private static void VerifyChain(X509Certificate2 intermediate, X509Certificate2 root, IEnumerable<X509Certificate2> extra, DateTimeOffset now, string path, List<CaFinding> findings)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.AddRange(extra.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (!chain.Build(intermediate))
        {
            var reasons = string.Join("; ", chain.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}").Distinct(StringComparer.Ordinal));
            findings.Add(new(true, path, $"'{intermediate.Subject}' does not verify to the shared root '{root.Subject}': {reasons}"));
        }
    }

    private static void CheckCa(X509Certificate2 certificate, int? pathLength, X509KeyUsageFlags uses, string path, List<CaFinding> findings)
    {
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
        {
            findings.Add(new(true, path, $"'{certificate.Subject}' is not a CA (basicConstraints CA:TRUE missing); istiod cannot sign workload certificates with it"));
        }
        else if (pathLength is { } expected && (!constraints.HasPathLengthConstraint || constraints.PathLengthConstraint != expected))
        {
            findings.Add(new(false, path, $"'{certificate.Subject}' has {(constraints.HasPathLengthConstraint ? "pathlen:" + constraints.PathLengthConstraint.ToString(CultureInfo.InvariantCulture) : "no pathlen")}; the profile sets pathlen:{expected}"));
        }

        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault()?.KeyUsages ?? X509KeyUsageFlags.None;
        if ((usage & uses) != uses)
        {
            findings.Add(new(true, path, $"'{certificate.Subject}' has key usage '{usage}' but needs '{uses}'"));
        }
    }

    private static void CheckKey(X509Certificate2 certificate, string keyPath, List<CaFinding> findings)
    {
        var info = Pem.PublicKeyInfoOfPrivateKey(File.ReadAllText(keyPath), out var error);
        if (info is null)
        {
            findings.Add(new(true, keyPath, $"not a usable key: {error}"));
            return;
        }

        if (!info.AsSpan().SequenceEqual(certificate.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            findings.Add(new(true, keyPath, $"is not the key of '{certificate.Subject}'"));
        }

        if (CaFolder.IsTooOpen(keyPath))
        {
            findings.Add(new(false, keyPath, "can be read by group or others; chmod 600 it"));
        }
    }

    private static void CheckSample(X509Certificate2 certificate, MeshSpec spec, string path, List<CaFinding> findings)
    {
        if (SampleCertificates.Find(Pem.CertSha256(certificate), Pem.SpkiSha256(certificate)) is { } sample)
        {
            findings.Add(new(!spec.AllowSampleCerts, path, $"is Istio's public sample certificate samples/certs/{sample.File} (MSH076); {(spec.AllowSampleCerts ? "allowed on this dev stack (meshstack:allowSampleCerts)" : "never use it outside a dev stack")}"));
        }
    }

    private static X509Certificate2? LoadOne(string path, List<CaFinding> findings)
    {
        var all = LoadAll(path, findings);
        if (all is null)
        {
            return null;
        }

        foreach (var extra in all.Skip(1))
        {
            extra.Dispose();
        }

        return all[0];
    }

    private static List<X509Certificate2>? LoadAll(string path, List<CaFinding> findings)
    {
        if (!File.Exists(path))
        {
            findings.Add(new(true, path, "missing"));
            return null;
        }

        var certificates = Pem.Certificates(File.ReadAllText(path), out var error);
        if (certificates is null)
        {
            findings.Add(new(true, path, $"not a PEM certificate: {error}"));
            return null;
        }

        return [.. certificates.Value];
    }

    private static bool Same(X509Certificate2 a, X509Certificate2 b) => a.RawDataMemory.Span.SequenceEqual(b.RawDataMemory.Span);

    private static DateTimeOffset Until(X509Certificate2 c) => new(c.NotAfter.ToUniversalTime());

    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
