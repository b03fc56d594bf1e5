using System.CommandLine;
using MeshStack.Cli.Pki;

namespace MeshStack.Cli.Commands;

/// <summary>
/// <c>meshstack ca init|applied|check</c>: the GitOps path to the shared root and per-cluster intermediates, minted from the
/// same core profile Pulumi.Tls uses, in the folder layout <c>render --ca-dir</c> reads.
/// </summary>
internal static class CaCommand
{
    public static Command Create(CliContext context) => new("ca", "Mint and check the shared root CA and each cluster's intermediate CA (for render --ca-dir).")
    {
        Init(context),
        Applied(context),
        Check(context),
    };

    private static Command Applied(CliContext context)
    {
        var dir = new Argument<string>("DIR") { Description = "A folder written by meshstack ca init." };
        var command = new Command("applied", """
            Record that the folder's pending rotation step reached every cluster: rendered, applied, and on istiod 1.7
            istiod and every workload restarted. The next step (meshstack ca init) waits a workload certificate lifetime from now.
            """)
        {
            dir,
        };
        command.SetAction(parse => CaApplied.Run(context, parse.GetValue(dir)!));
        return command;
    }

    private static Command Init(CliContext context)
    {
        var file = CommonOptions.StackFile();
        var output = new Option<string>("--out") { Description = "Folder to write or complete: root-cert.pem and root-key.pem (the root 'ca'), roots/<name>/ (other roots), <cluster>/{ca-cert,ca-key,root-cert,cert-chain}.pem and trust.json.", Required = true };
        var force = new Option<bool>("--force") { Description = "Re-issue every cluster's intermediate. Roots are never replaced: rotate them through meshstack:rootCas (docs/certificates-rotation.md)." };
        var rootCert = new Option<string?>("--root-cert") { Description = "Reuse this root certificate (PEM) instead of minting one, e.g. to re-issue intermediates. Needs --root-key." };
        var rootKey = new Option<string?>("--root-key") { Description = "The root's private key (PEM). Needed for an imported root whose key is a Pulumi secret; never copied into --out." };
        var command = new Command("init", """
            Mint what the folder lacks: each listed root (or use the stack's imported roots) and one intermediate CA per cluster,
            signed by meshstack:signingRoot. An existing root is kept byte for byte; running it again after adding a cluster
            mints only that cluster's intermediate. Key files are written with mode 0600. Then: meshstack render STACK_FILE --ca-dir DIR.
            """)
        {
            file, output, force, rootCert, rootKey,
        };
        command.SetAction(parse => CaInit.Run(context, parse.GetValue(file), parse.GetValue(output)!, parse.GetValue(force), parse.GetValue(rootCert), parse.GetValue(rootKey)));
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

            var findings = CaInspector.Inspect(new CaFolder(path), result.Spec!, DateTimeOffset.UtcNow, context.Out.WriteLine, parse.GetValue(file), name);
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
}
