using MeshStack.Core.Diagnostics;
using MeshStack.Core.Render;

namespace MeshStack.Cli;

/// <summary>Writes the render output's files (key material owner-only) and says what it means for the CA.</summary>
internal static class RenderFiles
{
    /// <summary>
    /// Writes every cluster's files, clusters in parallel (one per core: the YAML writer and the file system's creates
    /// are the largest costs of a big render, and clusters share no file). Each file's bytes do not depend on the order;
    /// the first failure (an IOException of a full disk, say) is rethrown as itself.
    /// </summary>
    public static void WriteClusters(string root, IReadOnlyList<RenderedFile> files, int clusterCount, Action<string> progress)
    {
        var clusters = files.GroupBy(f => f.RelativePath[..f.RelativePath.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal).ToList();
        var done = 0;
        var gate = new object();
        try
        {
            Parallel.ForEach(clusters, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, cluster =>
            {
                lock (gate)
                {
                    progress($"Writing {cluster.Key} ({++done}/{clusterCount} clusters)…");
                }

                foreach (var f in cluster)
                {
                    Write(root, f);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    public static void Write(string root, RenderedFile file)
    {
        var path = Path.Combine(root, file.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // No FileStream buffer: the YAML writer hands over 64 KiB blocks of UTF-8 itself.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 };
        if (file.HoldsKeys && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        file.WriteUtf8(stream);
    }

    /// <summary>A local chart folder (relative to the stack file) as a path relative to the helmfile's folder.</summary>
    public static string LocalChartPath(string outputRoot, string folder, string stackDirectory, string chart) =>
        Path.GetRelativePath(Path.Combine(outputRoot, folder), Path.GetFullPath(Path.Combine(stackDirectory, chart))).Replace('\\', '/');

    /// <summary>MSH127 when key material was written, MSH126 when the cacerts Secrets were skipped.</summary>
    public static void Notify(CliContext context, string display, IEnumerable<RenderedFile> files, int skippedSecrets)
    {
        context.Out.WriteLine("Apply each cluster's folders in name order: 'kubectl apply --server-side -k' where there is a kustomization.yaml, " +
                              "'helmfile sync' where there is a helmfile.yaml, and last 99-prune, which deletes what an earlier render applied and this one no longer renders " +
                              "(docs/gitops.md: Apply the rendered output).");
        // The cacerts folder; remote secrets (05-meshconfig) hold tokens, not CA keys, and render says so itself.
        var withKeys = files.Where(f => f.HoldsKeys && f.RelativePath.Contains("/01-cacerts/", StringComparison.Ordinal)).ToList();
        if (withKeys.Count > 0)
        {
            var folder = withKeys[0].RelativePath[(withKeys[0].RelativePath.IndexOf('/', StringComparison.Ordinal) + 1)..];
            StackInput.Print(context, display, [DiagnosticBuilder.CaCertsHoldKeys(withKeys.Count, "<cluster>/" + folder)]);
        }

        if (skippedSecrets > 0)
        {
            StackInput.Print(context, display, [DiagnosticBuilder.NoCaCerts(skippedSecrets, display)]);
        }
    }
}
