using System.Collections.Immutable;
using System.Globalization;
using MeshStack.Core.Changes;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Dns;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Cli;

/// <summary>
/// What <c>render</c> writes, computed without writing it: the plan with its deploy-time values resolved, the objects it
/// skips and why, and the files. <c>plan --diff</c> compares exactly these files with the previous render.
/// </summary>
internal sealed record RenderPreparation
{
    public required ImmutableArray<RenderedFile> Files { get; init; }

    public required int ObjectCount { get; init; }

    public required int ReleaseCount { get; init; }

    public required int SkippedSecrets { get; init; }

    public required int RenderedRemote { get; init; }

    public required ImmutableArray<(string Holder, string Source)> SkippedRemote { get; init; }

    /// <summary>Per cluster, the planned objects not written and why.</summary>
    public required ImmutableArray<(string Cluster, UnwrittenObject Object)> Unwritten { get; init; }

    /// <summary>
    /// Resolves the plan as render does. Returns null after printing the diagnostics when a deploy-time value is missing.
    /// </summary>
    public static RenderPreparation? Prepare(
        CliContext context, string display, FederationPlan plan, IReadOnlyDictionary<DeployValue, string> values, DeployInputs inputs,
        string? caDir, string target, string stackDir, RenderSnapshot? previous)
    {
        var resolver = new LiveDnsResolver(
            new CliResolver(values, caDir is null ? null : context.Resolve(caDir)), inputs.Corefiles.GetValueOrDefault, inputs.StubDomains.GetValueOrDefault);
        var manifests = new Dictionary<PlannedObject, MapValue>(ReferenceEqualityComparer.Instance);
        var unresolved = new List<Diagnostic>();
        var skippedSecrets = 0;
        var skippedRemote = ImmutableArray.CreateBuilder<(string Holder, string Source)>();
        var keptUnwritten = ImmutableArray.CreateBuilder<PlannedObject>();
        var unwritten = ImmutableArray.CreateBuilder<(string Cluster, UnwrittenObject Object)>();
        var renderedRemote = 0;
        foreach (var o in plan.Clusters.SelectMany(c => c.Objects))
        {
            if (Core.Discovery.RemoteSecrets.SourceOf(o) is { } source)
            {
                // A remote secret carries its source cluster's reader token: only with --remote-secret-token for it.
                if (!values.ContainsKey(new ReaderTokenOf(source)))
                {
                    skippedRemote.Add((o.Cluster, source));
                    // Still a member of the ApplySet: the prune keeps the live one (issue 19).
                    keptUnwritten.Add(o);
                    unwritten.Add((o.Cluster, new UnwrittenObject(ObjectRef.Of(o.ApiVersion, o.Kind, o.Namespace, o.Name), $"no --remote-secret-token for {source}")));
                    continue;
                }

                renderedRemote++;
            }
            else if (o.IsSecret && caDir is null)
            {
                skippedSecrets++;
                unwritten.Add((o.Cluster, new UnwrittenObject(ObjectRef.Of(o.ApiVersion, o.Kind, o.Namespace, o.Name), "no --ca-dir")));
                continue;
            }

            var (manifest, missing) = ManifestResolver.Resolve(o.Manifest, resolver);
            manifests[o] = manifest;
            unresolved.AddRange(missing.Select(m => DiagnosticBuilder.UnresolvedValue($"{o.Cluster}/{o.Key}", m, helmValues: false)));
        }

        // Helm values hold deploy-time values too (the generated mesh ID in istiod's values): resolve them the same way.
        var releases = new Dictionary<HelmRelease, HelmRelease>(ReferenceEqualityComparer.Instance);
        foreach (var r in plan.Clusters.SelectMany(c => c.Releases))
        {
            var (resolvedValues, missing) = ManifestResolver.Resolve(r.Values, resolver);
            releases[r] = r with { Values = resolvedValues };
            unresolved.AddRange(missing.Select(m => DiagnosticBuilder.UnresolvedValue($"{r.Cluster}/{r.Key}", m, helmValues: true)));
        }

        var distinct = unresolved.DistinctBy(d => d.Message).Concat(resolver.Problems).ToList();
        if (distinct.Count > 0)
        {
            StackInput.Print(context, display, distinct);
            return null;
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
        var meshId = plan.Spec.MeshId ?? (values.TryGetValue(new GeneratedMeshId(), out var generated) ? generated : null);
        var options = new RenderOptions
        {
            MeshId = meshId,
            KeptUnwritten = keptUnwritten.ToImmutable(),
            RemovedReleases = RenderSnapshotReader.RemovedReleases(previous, plan),
        };
        var files = RenderLayout.Files(renderPlan, o => manifests[o], (chart, folder) => RenderFiles.LocalChartPath(target, folder, stackDir, chart), options);
        return new RenderPreparation
        {
            Files = files,
            ObjectCount = manifests.Count,
            ReleaseCount = plan.Clusters.Sum(c => c.Releases.Count()),
            SkippedSecrets = skippedSecrets,
            RenderedRemote = renderedRemote,
            SkippedRemote = skippedRemote.ToImmutable(),
            Unwritten = unwritten.ToImmutable(),
        };
    }

    /// <summary>The files as a snapshot, read back the way a later render reads them from disk.</summary>
    public RenderSnapshot Snapshot(string stack)
    {
        var texts = Files.Select(f => new SnapshotFile(f.RelativePath, () =>
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            f.Write(writer);
            return writer.ToString();
        }));
        var (snapshot, _) = RenderSnapshotReader.Read(texts, RenderSnapshotReader.Marker(stack));
        var unwritten = Unwritten.ToLookup(u => u.Cluster, u => u.Object);
        return snapshot with
        {
            Clusters = [.. snapshot.Clusters.Select(c => c with { Unwritten = [.. unwritten[c.Name]] })],
        };
    }
}
