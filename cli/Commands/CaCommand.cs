using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MeshStack.Cli.Pki;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using MeshStack.Core.Pki;

namespace MeshStack.Cli.Commands;

/// <summary>
/// <c>meshstack ca init|check</c>: the GitOps path to the shared root and per-cluster intermediates, minted from the
/// same core profile Pulumi.Tls uses, in the folder layout <c>render --ca-dir</c> reads.
/// </summary>
internal static class CaCommand
{
    public static Command Create(CliContext context) => new("ca", "Mint and check the shared root CA and each cluster's intermediate CA (for render --ca-dir).")
    {
        Init(context),
        Check(context),
    };

    private static Command Init(CliContext context)
    {
        var file = CommonOptions.StackFile();
        var output = new Option<string>("--out") { Description = "Folder to write: root-cert.pem, root-key.pem and <cluster>/{ca-cert,ca-key,root-cert,cert-chain}.pem.", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite the CA files in an existing folder." };
        var rootCert = new Option<string?>("--root-cert") { Description = "Reuse this root certificate (PEM) instead of minting one, e.g. to re-issue intermediates. Needs --root-key." };
        var rootKey = new Option<string?>("--root-key") { Description = "The root's private key (PEM). Needed for an imported root whose key is a Pulumi secret; never copied into --out." };
        var command = new Command("init", """
            Mint a root CA (or use the stack's imported root) and one intermediate CA per cluster of the stack.
            Key files are written with mode 0600. Then: meshstack render --ca-dir DIR.
            """)
        {
            file, output, force, rootCert, rootKey,
        };
        command.SetAction(parse =>
        {
            var (result, _, _) = StackInput.Compile(context, parse.GetValue(file));
            if (!result.Succeeded)
            {
                return ExitCodes.ConfigErrors;
            }

            var spec = result.Spec!;
            var outName = parse.GetValue(output)!;
            var folder = new CaFolder(context.Resolve(outName));
            if (!File.Exists(folder.Path) && Directory.Exists(folder.Path) && Directory.EnumerateFileSystemEntries(folder.Path).Any() && !parse.GetValue(force))
            {
                throw new UsageException($"'{outName}' already exists; pass --force to overwrite the CA files in it (the old keys are lost)");
            }

            var now = DateTimeOffset.UtcNow;
            var (root, minted, problem) = LoadOrMintRoot(context, spec, parse.GetValue(rootCert), parse.GetValue(rootKey), now);
            if (root is null)
            {
                context.Error.WriteLine($"meshstack: {problem}");
                return ExitCodes.ConfigErrors;
            }

            using (root)
            {
                folder.EnsureWritable(outName);
                var intermediates = spec.Clusters.Select(c => (Cluster: c, Cert: CaMinter.Intermediate(CertificateProfile.Intermediate(spec, c), root, now))).ToList();
                var rootPem = CaMinter.CertPem(root);
                CaFolder.Write(folder.File(CaFolder.RootCert), rootPem, isKey: false);
                if (minted)
                {
                    CaFolder.Write(folder.File(CaFolder.RootKey), CaMinter.KeyPem(root), isKey: true);
                }

                foreach (var (cluster, cert) in intermediates)
                {
                    using (cert)
                    {
                        var certPem = CaMinter.CertPem(cert);
                        CaFolder.Write(folder.File(cluster.Name, CaFile.CaCert), certPem, isKey: false);
                        CaFolder.Write(folder.File(cluster.Name, CaFile.CaKey), CaMinter.KeyPem(cert), isKey: true);
                        CaFolder.Write(folder.File(cluster.Name, CaFile.RootCert), rootPem, isKey: false);
                        CaFolder.Write(folder.File(cluster.Name, CaFile.CertChain), certPem + rootPem, isKey: false);
                        context.Out.WriteLine($"{cluster.Name}: '{cert.Subject}', valid until {CaInspector.Time(new DateTimeOffset(cert.NotAfter.ToUniversalTime()))}");
                    }
                }

                context.Out.WriteLine($"Wrote the root '{root.Subject}' ({(minted ? "new; keep root-key.pem offline" : "reused; its key was not copied")}) and {intermediates.Count} intermediate CA(s) into {outName}.");
                context.Out.WriteLine($"Next: meshstack render --ca-dir {outName} --out DIR");
                CaFolderAdvice.Check(context, folder.Path, outName);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Check(CliContext context)
    {
        var dir = new Argument<string>("DIR") { Description = "A folder written by meshstack ca init." };
        var file = CommonOptions.StackFile();
        var command = new Command("check", "Verify a CA folder: chains to the shared root, CA flags and usages, renewal window, key pairs. Exit 0 when sound, 1 otherwise.")
        {
            dir, file,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(dir)!;
            var path = context.Resolve(name);
            if (!Directory.Exists(path))
            {
                throw new UsageException($"'{name}' is not a folder; create one with meshstack ca init --out {name}");
            }

            var (result, _, _) = StackInput.Compile(context, parse.GetValue(file));
            if (!result.Succeeded)
            {
                return ExitCodes.ConfigErrors;
            }

            var findings = CaInspector.Inspect(new CaFolder(path), result.Spec!, DateTimeOffset.UtcNow, context.Out.WriteLine);
            foreach (var finding in findings)
            {
                context.Error.WriteLine(finding with { File = Path.GetRelativePath(context.WorkingDirectory, finding.File) });
            }

            var errors = findings.Count(f => f.IsError);
            context.Out.WriteLine(errors == 0 ? $"{name}: sound ({findings.Count} warning(s))." : $"{name}: {errors} error(s), {findings.Count - errors} warning(s).");
            return errors == 0 ? ExitCodes.Ok : ExitCodes.ConfigErrors;
        });
        return command;
    }

    /// <summary>The issuing root with its key: minted from the profile, the stack's imported root, or --root-cert/--root-key.</summary>
    private static (X509Certificate2? Root, bool Minted, string? Problem) LoadOrMintRoot(CliContext context, MeshSpec spec, string? certFile, string? keyFile, DateTimeOffset now)
    {
        string certPem;
        string keyPem;
        if (spec.RootCa is RootCaSpec.Import import)
        {
            if (certFile is not null)
            {
                throw new UsageException("this stack imports its root: the certificate comes from meshstack:rootCa.import.certPem; pass only --root-key");
            }

            certPem = import.CertificatePem;
            keyPem = (keyFile is null ? import.KeyPem.Value : ReadFile(context, keyFile, "--root-key"))
                ?? throw new UsageException("this stack imports its root and its key is a Pulumi secret the CLI cannot decrypt: pass --root-key FILE");
        }
        else if (certFile is null && keyFile is null)
        {
            return (CaMinter.Root(CertificateProfile.Root(spec), now), true, null);
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

        var certificates = Pem.Certificates(certPem, out var error);
        if (certificates is null)
        {
            return (null, false, $"the root certificate is not usable: {error}");
        }

        var root = certificates.Value[0];
        var keyInfo = Pem.PublicKeyInfoOfPrivateKey(keyPem, out error);
        if (keyInfo is null || !keyInfo.AsSpan().SequenceEqual(root.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            return (null, false, keyInfo is null ? $"the root key is not usable: {error}" : $"the root key is not the key of '{root.Subject}'");
        }

        if (root.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            return (null, false, $"'{root.Subject}' is not a CA certificate");
        }

        var needed = now.AddDays(spec.IntermediateCa.ValidityDays);
        if (new DateTimeOffset(root.NotAfter.ToUniversalTime()) < needed)
        {
            return (null, false, $"'{root.Subject}' expires on {CaInspector.Time(new DateTimeOffset(root.NotAfter.ToUniversalTime()))}, before intermediates issued now would ({CaInspector.Time(needed)})");
        }

        try
        {
            return (X509Certificate2.CreateFromPem(root.ExportCertificatePem(), keyPem), false, null);
        }
        catch (CryptographicException e)
        {
            return (null, false, $"the root certificate and key cannot be used together: {e.Message}");
        }
        finally
        {
            foreach (var c in certificates.Value)
            {
                c.Dispose();
            }
        }
    }

    private static string ReadFile(CliContext context, string name, string flag)
    {
        var path = context.Resolve(name);
        return File.Exists(path) ? File.ReadAllText(path) : throw new UsageException($"{flag} '{name}' not found");
    }
}
