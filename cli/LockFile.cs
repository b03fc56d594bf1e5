using MeshStack.Core.Addressing;

namespace MeshStack.Cli;

/// <summary>
/// <c>meshstack.&lt;stack&gt;.lock.json</c> beside the stack file: the previous address allocation, the freed addresses
/// still reserved, and a generated mesh ID, so re-rendering never moves an address. Commit it with the stack file.
/// Core reads and writes the text (<see cref="AddressTableReader"/>); this type only does the file I/O.
/// </summary>
internal sealed record LockFile(string Path, string DisplayName)
{
    private const string Comment = "Written by meshstack render: the address allocation to keep. Commit it beside the stack file; when two branches both changed it, merge it as the union of both sides.";

    /// <summary>What the lock file held when read.</summary>
    public AddressTable Previous { get; init; } = AddressTable.Empty;

    /// <summary>The generated mesh ID the lock file held, if any.</summary>
    public string? MeshId { get; init; }

    /// <summary>The lock file of a stack file: Pulumi.dev.yaml → meshstack.dev.lock.json.</summary>
    public static LockFile For(string stackFilePath)
    {
        var dir = System.IO.Path.GetDirectoryName(stackFilePath)!;
        var file = $"meshstack.{StackName(stackFilePath)}.lock.json";
        return new LockFile(System.IO.Path.Combine(dir, file), file);
    }

    /// <summary>The stack a stack file is for: Pulumi.dev.yaml → dev; any other file name without its extension.</summary>
    public static string StackName(string stackFilePath)
    {
        var name = System.IO.Path.GetFileName(stackFilePath);
        return name.StartsWith("Pulumi.", StringComparison.Ordinal) && name.EndsWith(".yaml", StringComparison.Ordinal) && name.Length > "Pulumi..yaml".Length
            ? name["Pulumi.".Length..^".yaml".Length]
            : System.IO.Path.GetFileNameWithoutExtension(name);
    }

    /// <summary>A lock file named on the command line (<c>--lock-file</c>), for a stack read from standard input.</summary>
    public static LockFile At(string path, string display) => new(path, display);

    /// <summary>
    /// Reads the previous allocation: a missing file is an empty allocation; damaged content is MSH100 (core);
    /// a lock file that cannot be opened at all is a usage/environment error.
    /// </summary>
    public AddressTableRead Read()
    {
        if (Directory.Exists(Path))
        {
            throw new UsageException($"the lock file '{DisplayName}' is a folder; move it away (the lock file is a JSON file written by meshstack render)");
        }

        if (!File.Exists(Path))
        {
            return new AddressTableRead(AddressTable.Empty, null, []);
        }

        try
        {
            return AddressTableReader.Read(File.ReadAllText(Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the lock file '{DisplayName}': {FileSystemMessages.Reason(e)}");
        }
    }

    /// <summary>Writes the allocation (and mesh ID) atomically: <see cref="Prepare"/>, then <see cref="PendingLockWrite.Commit"/>.</summary>
    public void Write(AddressTable table, string? generatedMeshId)
    {
        using var pending = Prepare(table, generatedMeshId);
        pending.Commit();
    }

    /// <summary>
    /// Writes the new lock file into a temp file of this process only (so concurrent writers never share one) and
    /// returns it uncommitted: a render prepares it before writing its output, so a lock file that cannot be written
    /// fails the render before anything is written; <see cref="PendingLockWrite.Commit"/> renames it into place
    /// (a reader sees the old or the new file, never a mix); disposing an uncommitted write removes the temp file.
    /// </summary>
    public PendingLockWrite Prepare(AddressTable table, string? generatedMeshId)
    {
        var temp = $"{Path}.tmp-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}";
        try
        {
            File.WriteAllText(temp, AddressTableWriter.Document(table, generatedMeshId, Comment));
            return new PendingLockWrite(this, temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new UsageException($"cannot write the lock file '{DisplayName}': {FileSystemMessages.Reason(e)}; nothing was written");
        }
    }

    /// <summary>A lock file written to its temp file, not yet renamed into place.</summary>
    internal sealed class PendingLockWrite(LockFile target, string temp) : IDisposable
    {
        private bool done;

        public void Commit()
        {
            try
            {
                File.Move(temp, target.Path, overwrite: true);
                done = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write the lock file '{target.DisplayName}': {FileSystemMessages.Reason(e)}");
            }
        }

        public void Dispose()
        {
            if (!done)
            {
                TryDelete(temp);
                done = true;
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the real error is reported by the caller.
        }
    }
}
