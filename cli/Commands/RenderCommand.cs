using System.CommandLine;
using System.Security.Cryptography;
using MeshStack.Cli.Pki;
using MeshStack.Core.Plan;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Render;

namespace MeshStack.Cli.Commands;

/// <summary>
/// <c>meshstack render [STACK_FILE] --out DIR</c>: the same objects <c>pulumi up</c> registers, as YAML,
/// one multi-document file per cluster and stage. Writes all or nothing.
/// </summary>
internal static class RenderCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.StackFile();
        var output = new Option<string>("--out") { Description = "Output folder: <cluster>/NN-<stage>/ folders below it, each a kustomization or a helmfile, applied in name order.", Required = true };
        var caDir = new Option<string?>("--ca-dir") { Description = "Folder from 'meshstack ca init': render the cacerts Secrets (private keys, mode 0600) from it. Without it no key material is written and the clusters do not share a CA." };
        var flags = new DeployFlagOptions();
        var reset = CommonOptions.ResetAddresses();
        var force = new Option<bool>("--force") { Description = "Replace the output folder even when it holds another stack's render (MSH129) or one that cannot be read back (MSH130); its releases are then not uninstalled." };
        var command = new Command("render", "Write every cluster's objects as YAML files (the same objects pulumi up registers).")
        {
            file, output, caDir, reset, force,
        };
        foreach (var option in flags.All)
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            using var serialised = RenderGuard.Acquire(context, parse.GetValue(file), parse.GetValue(output)!);
            var (result, display, lockFile) = StackInput.Compile(context, parse.GetValue(file), parse.GetValue(reset));
            if (!result.Succeeded)
            {
                return ExitCodes.ConfigErrors;
            }

            var plan = result.Plan!;
            var inputs = DeployInputChecker.Check(plan.Spec, flags.Read(parse, context));
            StackInput.Print(context, display, inputs.Diagnostics);
            if (inputs.Diagnostics.Any(d => d.IsError))
            {
                return ExitCodes.ConfigErrors;
            }

            var values = new Dictionary<DeployValue, string>(inputs.Values);
            var meshId = plan.Spec.MeshId is null ? lockFile.MeshId ?? "mesh-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) : null;
            if (meshId is not null)
            {
                values[new GeneratedMeshId()] = meshId;
            }

            var ca = parse.GetValue(caDir);
            if (ca is not null)
            {
                CaDirCheck.Require(context, ca, plan, display);
            }

            var target = context.Resolve(parse.GetValue(output)!);
            // The files that will hold the keys: <cluster>/01-cacerts/resources.yaml (checked by name, so a .gitignore of */01-cacerts/ counts).
            if (ca is not null && plan.Clusters.Where(c => c.Objects.Any(o => o.IsSecret))
                    .Select(c => CaFolderAdvice.Unignored(target, Path.Combine(c.Cluster.Name, "01-cacerts", "resources.yaml"))).FirstOrDefault(e => e is not null) is { } exposed)
            {
                // The rendered cacerts hold each intermediate's key in plain text: refuse before anything is written (issue 20).
                StackInput.Print(context, display, [DiagnosticBuilder.CaKeysInRepository(parse.GetValue(output)!, exposed.Repository, exposed.IgnoreEntry)]);
                return ExitCodes.ConfigErrors;
            }

            var stackPath = context.Resolve(parse.GetValue(file) ?? StackInput.DefaultStackFile);
            var stack = LockFile.StackName(stackPath);
            var (previous, refused) = PreviousRender.Read(context, display, parse.GetValue(output)!, stack, parse.GetValue(force), withContent: false);
            if (refused)
            {
                return ExitCodes.Usage;
            }

            var prepared = RenderPreparation.Prepare(context, display, plan, values, inputs, ca, target, Path.GetDirectoryName(stackPath)!, previous);
            if (prepared is null)
            {
                return ExitCodes.ConfigErrors;
            }

            var files = prepared.Files;
            using var pendingLock = lockFile.Prepare(plan.Addresses, meshId);
            AtomicFolder.Write(target, temp =>
            {
                using var progress = TerminalProgress.For(context);
                RenderFiles.WriteClusters(temp, files, plan.Clusters.Length, progress.Show);
            }, Core.Changes.RenderSnapshotReader.Marker(stack));
            pendingLock.Commit();
            context.Out.WriteLine($"Rendered {prepared.ObjectCount} object(s) and {prepared.ReleaseCount} Helm release(s) for {plan.Clusters.Length} cluster(s) into {parse.GetValue(output)}.");
            if (prepared.SkippedSecrets > 0)
            {
                context.Out.WriteLine($"Skipped {prepared.SkippedSecrets} cacerts Secret(s): no key material is written without --ca-dir.");
            }

            RenderFiles.Notify(context, display, files, prepared.SkippedSecrets);
            if (prepared.SkippedRemote.Length > 0)
            {
                StackInput.Print(context, display, [DiagnosticBuilder.RemoteSecretsSkipped(prepared.SkippedRemote.GroupBy(r => r.Holder).Select(g => (g.Key, g.Select(r => r.Source))))]);
            }

            if (prepared.RenderedRemote > 0)
            {
                context.Out.WriteLine($"Rendered {prepared.RenderedRemote} remote secret(s) into <cluster>/05-meshconfig/: they hold the clusters' reader tokens; keep them out of Git in plain text (see docs/gitops.md, 'Key material in GitOps').");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
