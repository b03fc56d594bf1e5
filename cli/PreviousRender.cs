using MeshStack.Core.Changes;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Cli;

/// <summary>
/// The render an output folder holds from last time: which stack wrote it (a render of another stack is refused,
/// MSH129, unless forced) and what it wrote (the releases a new render must uninstall, what <c>plan --diff</c> compares).
/// </summary>
internal static class PreviousRender
{
    /// <summary>
    /// Reads the folder <paramref name="folderArgument"/> names: null when it does not exist or is empty. A folder meshstack did not write is a usage
    /// error (render refuses to replace it); another stack's render is MSH129 and a file that cannot be read back MSH130,
    /// both printed, returning <c>Refused</c>, unless <paramref name="force"/> (then the previous render is ignored).
    /// </summary>
    public static (RenderSnapshot? Snapshot, bool Refused) Read(CliContext context, string display, string folderArgument, string stack, bool force, bool withContent)
    {
        var folder = context.Resolve(folderArgument);
        if (!Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            return (null, false);
        }

        var marker = Path.Combine(folder, RenderSnapshotReader.MarkerFile);
        if (!File.Exists(marker))
        {
            throw new UsageException($"'{folderArgument}' exists and was not written by meshstack; choose an empty or new folder");
        }

        var markerText = Read(marker, folderArgument);
        var owner = RenderSnapshotReader.StackOf(markerText);
        if (owner is not null && owner != stack)
        {
            if (force)
            {
                return (null, false);
            }

            Refuse(context, display, [DiagnosticBuilder.OutputOfAnotherStack(folderArgument, owner, stack)]);
            return (null, true);
        }

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(p => p.Count(c => c == '/') == 2 && !p.StartsWith('.'))
            .Select(p => new SnapshotFile(p, () => Read(Path.Combine(folder, p), folderArgument)))
            .ToList();
        var (snapshot, problems) = RenderSnapshotReader.Read(files, markerText, withContent);
        if (problems.Length > 0)
        {
            if (force)
            {
                return (null, false);
            }

            Refuse(context, display, problems.Select(p => p with { Path = $"--out {folderArgument}/{p.Path}" }));
            return (null, true);
        }

        return (snapshot, false);
    }

    private static void Refuse(CliContext context, string display, IEnumerable<Diagnostic> problems)
    {
        foreach (var d in problems)
        {
            context.Error.WriteLine(d.Format(display));
        }

        context.Error.WriteLine($"{display}: the output folder was left as it is; nothing was written.");
    }

    private static string Read(string path, string folderArgument)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the previous render in '{folderArgument}': {FileSystemMessages.Reason(e)}");
        }
    }
}
