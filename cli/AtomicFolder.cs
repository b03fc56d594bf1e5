namespace MeshStack.Cli;

/// <summary>
/// Writes a whole output folder or nothing: files go to a sibling temp folder that replaces the target only when
/// everything was written. An existing target is replaced only if it is empty or was written by meshstack.
/// </summary>
internal static class AtomicFolder
{
    /// <summary>Marks a folder as meshstack output.</summary>
    public const string Marker = Core.Changes.RenderSnapshotReader.MarkerFile;

    /// <summary>Writes the folder; <paramref name="markerText"/> becomes its marker (which names the stack).</summary>
    public static void Write(string target, Action<string> writeInto, string markerText)
    {
        if (File.Exists(target))
        {
            throw new UsageException($"'{target}' is a file; --out needs a folder");
        }

        if (FileSystemMessages.FileOnTheWay(Path.GetFullPath(target)) is { } file)
        {
            throw new UsageException($"--out '{target}' cannot be created: '{file}' is a file, not a folder");
        }

        try
        {
            WriteChecked(target, writeInto, markerText);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write --out '{target}': {FileSystemMessages.Reason(e)}; nothing was written");
        }
    }

    private static void WriteChecked(string target, Action<string> writeInto, string markerText)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, Marker)))
        {
            throw new UsageException($"'{target}' exists and was not written by meshstack; choose an empty or new folder");
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}");
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        Directory.CreateDirectory(temp);
        try
        {
            writeInto(temp);
            File.WriteAllText(Path.Combine(temp, Marker), markerText);
            if (Directory.Exists(target))
            {
                var old = temp + ".old";
                Directory.Move(target, old);
                Directory.Move(temp, target);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temp, target);
            }
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            throw;
        }
    }
}
