using System.Collections.Immutable;
using System.CommandLine;
using System.Security.Cryptography;
using MeshStack.Cli.Pki;
using MeshStack.Core.Diagnostics;
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
        var output = new Option<string>("--out") { Description = "Output folder; <cluster>/NN-<stage>.yaml is written below it.", Required = true };
        var caDir = new Option<string?>("--ca-dir") { Description = "Folder from 'meshstack ca init': render the cacerts Secrets from it. Without it no key material is written." };
        var gateways = new Option<string[]>("--gateway-address") { Description = "CLUSTER=ADDRESS for clusters whose gateway address is 'auto'.", AllowMultipleArgumentsPerToken = false };
        var egressIps = new Option<string[]>("--egress-gateway-ip") { Description = "CLUSTER=IP: the ClusterIP of a cluster's egress gateway (egress routing with IP gateways)." };
        var coreDnsIps = new Option<string[]>("--istiocoredns-ip") { Description = "CLUSTER=IP: the ClusterIP of istiocoredns (legacy profile DNS)." };
        var reset = CommonOptions.ResetAddresses();
        var command = new Command("render", "Write every cluster's objects as YAML files (the same objects pulumi up registers).")
        {
            file, output, caDir, gateways, egressIps, coreDnsIps, reset,
        };
        command.SetAction(parse =>
        {
            using var serialised = RenderGuard.Acquire(context, parse.GetValue(file), parse.GetValue(output)!);
            var (result, display, lockFile) = StackInput.Compile(context, parse.GetValue(file), parse.GetValue(reset));
            if (!result.Succeeded)
            {
                return ExitCodes.ConfigErrors;
            }

            var plan = result.Plan!;
            var values = new Dictionary<DeployValue, string>();
            AddPairs(values, parse.GetValue(gateways), "--gateway-address", c => new GatewayAddressOf(c), plan);
            AddPairs(values, parse.GetValue(egressIps), "--egress-gateway-ip", c => new EgressGatewayIpOf(c), plan);
            AddPairs(values, parse.GetValue(coreDnsIps), "--istiocoredns-ip", c => new IstioCoreDnsIpOf(c), plan);
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

            var resolver = new CliResolver(values, ca is null ? null : context.Resolve(ca));
            var manifests = new Dictionary<PlannedObject, MapValue>(ReferenceEqualityComparer.Instance);
            var unresolved = new List<Diagnostic>();
            var skippedSecrets = 0;
            foreach (var o in plan.Clusters.SelectMany(c => c.Objects))
            {
                if (o.IsSecret && ca is null)
                {
                    skippedSecrets++;
                    continue;
                }

                var (manifest, missing) = ManifestResolver.Resolve(o.Manifest, resolver);
                manifests[o] = manifest;
                unresolved.AddRange(missing.Select(m => Codes.UnresolvedValue.At(
                    $"{o.Cluster}/{o.Key}", $"{m.Describe()} is needed to render this object; {CliResolver.HintFor(m)}")));
            }

            var distinct = unresolved.DistinctBy(d => d.Message).ToList();
            if (distinct.Count > 0)
            {
                StackInput.Print(context, display, distinct);
                return ExitCodes.ConfigErrors;
            }

            var renderPlan = plan with
            {
                Clusters = plan.Clusters.Select(c => c with { Items = c.Items.Where(i => i is not PlannedObject o || manifests.ContainsKey(o)).ToImmutableArray() }).ToImmutableArray(),
            };
            var target = context.Resolve(parse.GetValue(output)!);
            var files = RenderLayout.Files(renderPlan, o => manifests[o]);
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

                    var path = Path.Combine(temp, f.RelativePath);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
                    f.Write(writer);
                }
            });
            pendingLock.Commit();
            context.Out.WriteLine($"Rendered {manifests.Count} object(s) and {plan.Clusters.Sum(c => c.Releases.Count())} Helm release(s) for {plan.Clusters.Length} cluster(s) into {parse.GetValue(output)}.");
            if (skippedSecrets > 0)
            {
                context.Out.WriteLine($"Skipped {skippedSecrets} cacerts Secret(s): no key material is written without --ca-dir.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void AddPairs(Dictionary<DeployValue, string> values, string[]? pairs, string flag, Func<string, DeployValue> make, FederationPlan plan)
    {
        foreach (var pair in pairs ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw new UsageException($"{flag} expects CLUSTER=VALUE, got '{pair}'");
            }

            var cluster = pair[..eq];
            if (plan.Spec.FindCluster(cluster) is null)
            {
                throw new UsageException($"{flag}: '{cluster}' is not a cluster of this stack ({string.Join(", ", plan.Spec.Clusters.Select(c => c.Name))})");
            }

            values[make(cluster)] = pair[(eq + 1)..];
        }
    }
}
