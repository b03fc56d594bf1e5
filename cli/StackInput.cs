using MeshStack.Core;
using MeshStack.Core.Addressing;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Cli;

/// <summary>Loads a stack file and its lock file, compiles, and prints diagnostics in the compiler format.</summary>
internal static class StackInput
{
    /// <summary>The default stack file, as in DESIGN.md.</summary>
    public const string DefaultStackFile = "Pulumi.dev.yaml";

    /// <summary>The STACK_FILE that means standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>Compiles the stack file. Returns the result and the file's display name; diagnostics are printed to stderr.</summary>
    /// <param name="context">Where to read and print.</param>
    /// <param name="stackFile">The STACK_FILE argument.</param>
    /// <param name="resetAddresses">Ignore the lock file.</param>
    /// <param name="tracePaths">Run the path tracer.</param>
    /// <param name="lockFilePath">
    /// <c>--lock-file</c>: the lock file to read instead of the one beside the stack file; the only way a stack read from
    /// standard input gets one (issue 19: <c>plan -</c> ignored the lock file, so its addresses were not render's).
    /// </param>
    public static (CompileResult Result, string DisplayName, LockFile Lock) Compile(
        CliContext context, string? stackFile, bool resetAddresses = false, bool tracePaths = true, string? lockFilePath = null)
    {
        var display = stackFile ?? DefaultStackFile;
        var fromStdin = display == StandardInput;
        var path = fromStdin ? context.Resolve("meshstack-stdin.yaml") : context.Resolve(display);
        var text = fromStdin ? context.Input.ReadToEnd() : ReadStackFile(path, display);
        if (fromStdin)
        {
            display = "<stdin>";
        }

        var lockFile = lockFilePath is not null ? LockFile.At(context.Resolve(lockFilePath), lockFilePath) : LockFile.For(path);
        var noLockFile = fromStdin && lockFilePath is null;
        var previous = noLockFile || resetAddresses ? new AddressTableRead(AddressTable.Empty, null, []) : lockFile.Read();
        CompileResult result;
        using (var progress = TerminalProgress.For(context))
        {
            progress.Show($"{display}: reading, checking and planning…");
            result = MeshCompiler.CompileStackFile(text, previous.Table ?? AddressTable.Empty, new CompileOptions { Now = DateTimeOffset.UtcNow, TracePaths = tracePaths });
        }

        Print(context, display, result.Diagnostics);
        if (noLockFile && !resetAddresses && result.Plan is { Spec.Services.Length: > 0 })
        {
            Print(context, display, [DiagnosticBuilder.NoLockFileForInput()]);
        }

        if (previous.Table is null)
        {
            // A damaged lock file stops the run whatever the stack says; the stack's own problems are reported too.
            Print(context, lockFile.DisplayName, previous.Diagnostics);
            return (new CompileResult(null, null, result.Diagnostics.AddRange(previous.Diagnostics)), display, lockFile);
        }

        return (result, display, lockFile with { Previous = previous.Table, MeshId = previous.MeshId });
    }

    /// <summary>Prints each diagnostic on its own line, then a count when there are errors.</summary>
    public static void Print(CliContext context, string file, IEnumerable<Diagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        foreach (var d in list)
        {
            context.Error.WriteLine(d.Format(file));
        }

        var errors = list.Count(d => d.IsError);
        if (errors > 0)
        {
            context.Error.WriteLine($"{file}: {errors} error(s), {list.Count(d => d.Severity == Severity.Warning)} warning(s); nothing was planned.");
        }
    }

    private static string ReadStackFile(string path, string display)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"'{display}' is a folder, not a stack file; pass the stack settings file inside it (Pulumi.<stack>.yaml)");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"stack file '{display}' not found (looked in {Path.GetDirectoryName(path)})");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the stack file '{display}': {FileSystemMessages.Reason(e)}");
        }
    }
}
