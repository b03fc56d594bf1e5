using System.Collections.Immutable;
using System.CommandLine;
using System.Security.Cryptography;
using MeshStack.Cli.Pki;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Dns;
using MeshStack.Core.Plan;
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
        var command = new Command("render", "Write every cluster's objects as YAML files (the same objects pulumi up registers).")
        {
            file, output, caDir, reset,
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
                CaDirCheck.Require(context, ca, plan);
            }

            var resolver = new LiveDnsResolver(
                new CliResolver(values, ca is null ? null : context.Resolve(ca)), inputs.Corefiles.GetValueOrDefault, inputs.StubDomains.GetValueOrDefault);
            var manifests = new Dictionary<PlannedObject, MapValue>(ReferenceEqualityComparer.Instance);
            var unresolved = new List<Diagnostic>();
            var skippedSecrets = 0;
            var skippedRemote = new List<(string Holder, string Source)>();
            var renderedRemote = 0;
            foreach (var o in plan.Clusters.SelectMany(c => c.Objects))
            {
                if (Core.Discovery.RemoteSecrets.SourceOf(o) is { } source)
                {
                    // A remote secret carries its source cluster's reader token: only with --remote-secret-token for it.
                    if (!values.ContainsKey(new ReaderTokenOf(source)))
                    {
                        skippedRemote.Add((o.Cluster, source));
                        continue;
                    }

                    renderedRemote++;
                }
                else if (o.IsSecret && ca is null)
                {
                    skippedSecrets++;
                    continue;
                }

                var (manifest, missing) = ManifestResolver.Resolve(o.Manifest, resolver);
                manifests[o] = manifest;
                unresolved.AddRange(missing.Select(m => Codes.UnresolvedValue.At(
                    $"{o.Cluster}/{o.Key}", $"{m.Describe()} is needed to render this object; {CliResolver.HintFor(m)}")));
            }

            // Helm values hold deploy-time values too (the generated mesh ID in istiod's values): resolve them the same way.
            var releases = new Dictionary<HelmRelease, HelmRelease>(ReferenceEqualityComparer.Instance);
            foreach (var r in plan.Clusters.SelectMany(c => c.Releases))
            {
                var (resolvedValues, missing) = ManifestResolver.Resolve(r.Values, resolver);
                releases[r] = r with { Values = resolvedValues };
                unresolved.AddRange(missing.Select(m => Codes.UnresolvedValue.At(
                    $"{r.Cluster}/{r.Key}", $"{m.Describe()} is needed to render these Helm values; {CliResolver.HintFor(m)}")));
            }

            var distinct = unresolved.DistinctBy(d => d.Message).Concat(resolver.Problems).ToList();
            if (distinct.Count > 0)
            {
                StackInput.Print(context, display, distinct);
                return ExitCodes.ConfigErrors;
            }

            var renderPlan = plan with
            {
                Clusters = plan.Clusters.Select(c => c with
                {
                    Items = c.Items
                        .Where(i => i is not PlannedObject o || manifests.ContainsKey(o))
                        .Select(i => i is HelmRelease r ? releases[r] : i)
                        .ToImmutableArray(),
                }).ToImmutableArray(),
            };
            var target = context.Resolve(parse.GetValue(output)!);
            var stackDir = Path.GetDirectoryName(context.Resolve(parse.GetValue(file) ?? StackInput.DefaultStackFile))!;
            var files = RenderLayout.Files(renderPlan, o => manifests[o], (chart, folder) => RenderFiles.LocalChartPath(target, folder, stackDir, chart));
            using var pendingLock = lockFile.Prepare(plan.Addresses, meshId);
            AtomicFolder.Write(target, temp =>
            {
                using var progress = TerminalProgress.For(context);
                var clustersDone = 0;
                string? currentCluster = null;
                foreach (var f in files)
                {
                    var cluster = f.RelativePath[..f.RelativePath.IndexOf('/', StringComparison.Ordinal)];
                    if (cluster != currentCluster)
                    {
                        currentCluster = cluster;
                        progress.Show($"Writing {cluster} ({++clustersDone}/{plan.Clusters.Length} clusters)…");
                    }

                    RenderFiles.Write(temp, f);
                }
            });
            pendingLock.Commit();
            context.Out.WriteLine($"Rendered {manifests.Count} object(s) and {plan.Clusters.Sum(c => c.Releases.Count())} Helm release(s) for {plan.Clusters.Length} cluster(s) into {parse.GetValue(output)}.");
            if (skippedSecrets > 0)
            {
                context.Out.WriteLine($"Skipped {skippedSecrets} cacerts Secret(s): no key material is written without --ca-dir.");
            }

            RenderFiles.Notify(context, display, files, skippedSecrets);
            if (skippedRemote.Count > 0)
            {
                StackInput.Print(context, display, [RenderNotices.RemoteSecretsSkipped(skippedRemote.GroupBy(r => r.Holder).Select(g =>
                    Core.Discovery.RemoteSecrets.SkipNotice(g.Key, g.Select(r => r.Source), "no --remote-secret-token for it")))]);
            }

            if (renderedRemote > 0)
            {
                context.Out.WriteLine($"Rendered {renderedRemote} remote secret(s) into <cluster>/05-meshconfig/: they hold the clusters' reader tokens; keep them out of Git in plain text (see README 'Key material in GitOps').");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
