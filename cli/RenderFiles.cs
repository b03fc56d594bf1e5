using MeshStack.Core.Diagnostics;
using MeshStack.Core.Render;

namespace MeshStack.Cli;

/// <summary>Writes the render output's files (key material owner-only) and says what it means for the CA.</summary>
internal static class RenderFiles
{
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
