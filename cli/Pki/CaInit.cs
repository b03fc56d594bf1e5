using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MeshStack.Core.Deployment;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using MeshStack.Core.Pki;

namespace MeshStack.Cli.Pki;

/// <summary>
/// <c>meshstack ca init STACK_FILE --out DIR</c>, idempotent: it mints only what the folder lacks (a newly listed root, a new
/// cluster's intermediate, an intermediate in its renewal window or not signed by the signing root) and never replaces a root
/// that is there (byte for byte kept). Each cluster's root-cert.pem is every trusted root, cert-chain.pem the intermediate and
/// the signer. DIR/trust.json records the roots and the signer, so the next run checks the rotation order (MSH083/MSH084/MSH096).
/// </summary>
internal static class CaInit
{
    public static int Run(CliContext context, string? stackFile, string outName, bool force, string? rootCertFile, string? rootKeyFile)
    {
        var (result, display, _) = StackInput.Compile(context, stackFile);
        if (!result.Succeeded)
        {
            return ExitCodes.ConfigErrors;
        }

        var spec = result.Spec!;
        var folder = new CaFolder(context.Resolve(outName));
        var now = DateTimeOffset.UtcNow;
        var (previous, pendingStep) = ReadTrust(folder, outName);
        var steps = TrustTransitions.Check(spec, previous, now)
            .AddRange(previous is not null && pendingStep is { } pending ? AppliedTrust.CheckPending(spec, previous, pending, outName) : [])
            .Where(d => !result.Diagnostics.Any(e => e.Code == d.Code && e.Path == d.Path))
            .ToList();
        StackInput.Print(context, display, steps);
        if (steps.Any(d => d.IsError))
        {
            return ExitCodes.ConfigErrors;
        }

        var signerSpec = spec.Trust.Signer;
        var signerFile = folder.RootCertOf(signerSpec.Name);
        X509Certificate2? signer;
        bool minted;
        string? problem;
        if (File.Exists(signerFile))
        {
            if (rootCertFile is not null)
            {
                throw new UsageException($"'{outName}' already holds the signing root '{signerSpec.Name}' ({Path.GetRelativePath(folder.Path, signerFile)}); ca init keeps it and never takes another in its place: drop --root-cert");
            }

            (signer, problem) = LoadKept(context, folder, signerSpec, rootKeyFile);
            minted = false;
        }
        else
        {
            (signer, minted, problem) = CaRoots.LoadOrMint(context, spec, rootCertFile, rootKeyFile, now);
        }

        if (signer is null)
        {
            context.Error.WriteLine($"meshstack: {problem}");
            return ExitCodes.ConfigErrors;
        }

        using (signer)
        {
            folder.EnsureWritable(outName);
            var notes = new List<string>();
            if (!File.Exists(signerFile))
            {
                CaFolder.Write(signerFile, CaMinter.CertPem(signer), isKey: false);
                if (minted)
                {
                    CaFolder.Write(folder.RootKeyOf(signerSpec.Name), CaMinter.KeyPem(signer), isKey: true);
                }

                notes.Add($"root '{signerSpec.Name}' ('{signer.Subject}', {(minted ? "new; keep its key offline" : "reused; its key was not copied")})");
            }

            foreach (var root in spec.Trust.Roots.Where(r => r.Name != signerSpec.Name && !File.Exists(folder.RootCertOf(r.Name))))
            {
                if (root.Source is RootCaSpec.Import import)
                {
                    CaFolder.Write(folder.RootCertOf(root.Name), import.CertificatePem.TrimEnd('\n') + "\n", isKey: false);
                    notes.Add($"root '{root.Name}' (imported)");
                }
                else
                {
                    using var fresh = CaMinter.Root(CertificateProfile.Root(root), now);
                    CaFolder.Write(folder.RootCertOf(root.Name), CaMinter.CertPem(fresh), isKey: false);
                    CaFolder.Write(folder.RootKeyOf(root.Name), CaMinter.KeyPem(fresh), isKey: true);
                    notes.Add($"root '{root.Name}' ('{fresh.Subject}', new; keep its key offline)");
                }
            }

            // root-cert.pem: every trusted root's file as it is (TrustBundle, root-name order).
            var bundle = TrustBundle.RootCerts(spec.Trust.Roots.Select(r => File.ReadAllText(folder.RootCertOf(r.Name))));
            var signerPem = File.ReadAllText(signerFile);
            var issued = 0;
            foreach (var cluster in spec.Clusters)
            {
                var kept = force ? null : KeptIntermediate(folder, spec, cluster, signer, now);
                string certPem;
                if (kept is not null)
                {
                    certPem = kept;
                }
                else
                {
                    using var cert = CaMinter.Intermediate(CertificateProfile.Intermediate(spec, cluster), signer, now);
                    certPem = CaMinter.CertPem(cert);
                    CaFolder.Write(folder.File(cluster.Name, CaFile.CaCert), certPem, isKey: false);
                    CaFolder.Write(folder.File(cluster.Name, CaFile.CaKey), CaMinter.KeyPem(cert), isKey: true);
                    context.Out.WriteLine($"{cluster.Name}: '{cert.Subject}' signed by '{signerSpec.Name}', valid until {CaInspector.Time(new DateTimeOffset(cert.NotAfter.ToUniversalTime()))}");
                    issued++;
                }

                WriteIfChanged(folder.File(cluster.Name, CaFile.RootCert), bundle);
                WriteIfChanged(folder.File(cluster.Name, CaFile.CertChain), TrustBundle.CertChain(certPem, signerPem));
            }

            // A rotation step stays pending until its render reached every cluster (core: AppliedTrust).
            var step = previous is not null && AppliedTrust.Moves(previous, spec.Trust);
            var stillPending = pendingStep is not null && AppliedTrust.Reverts(spec.Trust, pendingStep) ? null  // abandoned: nothing of it was applied
                : step ? AppliedTrust.Pending(previous!, now)
                : pendingStep;
            WriteTrust(folder, TrustRecord.Next(spec.Trust, previous, now), stillPending);
            var stackName = display;
            context.Out.WriteLine($"{outName}: {(notes.Count == 0 ? "kept every root" : "added " + string.Join(", ", notes))}; {issued} intermediate CA(s) issued, {spec.Clusters.Length - issued} kept; " +
                $"every cluster trusts {string.Join(", ", spec.Trust.Roots.Select(r => r.Name))} and '{signerSpec.Name}' signs.");
            context.Out.WriteLine($"Next: meshstack render {stackName} --ca-dir {outName} --out DIR");
            if (stillPending is not null)
            {
                context.Out.WriteLine($"This rotation step is pending: once it is applied to every cluster{(spec.Profile == Profile.LegacyGateways ? " and istiod and every workload restarted" : "")}, run meshstack ca applied {outName}; the next step waits a workload certificate lifetime from then.");
            }
            CaFolderAdvice.Check(context, folder.Path, outName);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The trust the folder's cluster files reflect: trust.json, or one root named 'ca' for a folder from before it; null for a new folder.</summary>
    /// <remarks>Pending: the folder's last rotation step while it is not marked applied (<c>ca applied</c>).</remarks>
    public static (TrustRecord? Trust, PendingStep? Pending) ReadTrust(CaFolder folder, string display)
    {
        var path = folder.File(CaFolder.TrustFile);
        if (!File.Exists(path))
        {
            return (File.Exists(folder.File(CaFolder.RootCert)) ? TrustRecord.Legacy : null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var pending = document.RootElement.TryGetProperty(PendingField, out var step)
                ? new PendingStep(step.GetProperty("since").GetDateTimeOffset(), step.GetProperty("fromSigner").GetString() ?? throw new FormatException("fromSigner"),
                    [.. step.GetProperty("fromRoots").EnumerateArray().Select(r => r.GetString() ?? throw new FormatException("fromRoots"))])
                : null;
            return (DeploymentRecordJson.ReadTrust(document.RootElement), pending);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UsageException($"'{display}/{CaFolder.TrustFile}' is damaged ({e.GetType().Name}); ca init reads it to keep the root rotation in order: restore it from a backup");
        }
    }

    /// <summary>trust.json's field for a rotation step not yet marked applied.</summary>
    public const string PendingField = "pending";

    public static void WriteTrust(CaFolder folder, TrustRecord trust, PendingStep? pendingStep)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            DeploymentRecordJson.WriteTrust(w, trust);
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (pendingStep is { } pending)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
            node[PendingField] = new System.Text.Json.Nodes.JsonObject
            {
                ["since"] = pending.Since.ToUniversalTime(),
                ["fromSigner"] = pending.FromSigner,
                ["fromRoots"] = new System.Text.Json.Nodes.JsonArray([.. pending.FromRoots.Select(r => (System.Text.Json.Nodes.JsonNode?)r)]),
            };
            text = node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }

        WriteIfChanged(folder.File(CaFolder.TrustFile), text + "\n");
    }

    private static void WriteIfChanged(string path, string text)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            CaFolder.Write(path, text, isKey: false);
        }
    }

    // An existing signing root with its key: from the folder, --root-key, or the stack's import.
    private static (X509Certificate2? Root, string? Problem) LoadKept(CliContext context, CaFolder folder, RootSpec signer, string? rootKeyFile)
    {
        var certPem = File.ReadAllText(folder.RootCertOf(signer.Name));
        if (signer.Source is RootCaSpec.Import import && Pem.CertificatesSha256(import.CertificatePem) != Pem.CertificatesSha256(certPem))
        {
            return (null, $"the folder's root '{signer.Name}' is not the stack's imported root ({signer.ConfigPath}.import.certPem); ca init never replaces a root: rotate to the new one under another name (docs/certificates-rotation.md)");
        }

        var keyPath = folder.RootKeyOf(signer.Name);
        var keyPem = rootKeyFile is not null ? CaRoots.ReadFile(context, rootKeyFile, "--root-key")
            : File.Exists(keyPath) ? File.ReadAllText(keyPath)
            : (signer.Source as RootCaSpec.Import)?.KeyPem.Value;
        if (keyPem is null)
        {
            throw new UsageException($"the signing root '{signer.Name}' has no key in the folder (it was reused or imported): pass --root-key FILE");
        }

        return CaRoots.Pair(certPem, keyPem);
    }

    // An intermediate the folder already has, kept when it is signed by the signer and outside its renewal window.
    private static string? KeptIntermediate(CaFolder folder, MeshSpec spec, ClusterSpec cluster, X509Certificate2 signer, DateTimeOffset now)
    {
        var certPath = folder.File(cluster.Name, CaFile.CaCert);
        var keyPath = folder.File(cluster.Name, CaFile.CaKey);
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            return null;
        }

        var text = File.ReadAllText(certPath);
        try
        {
            using var cert = X509Certificate2.CreateFromPem(text);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(signer);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = now.UtcDateTime;
            var renewFrom = new DateTimeOffset(cert.NotAfter.ToUniversalTime()).AddDays(-spec.IntermediateCa.RenewBeforeDays);
            return chain.Build(cert) && now < renewFrom ? text : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
