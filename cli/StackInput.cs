using MeshStack.Core;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Cli;

/// <summary>Loads a stack file and its lock file, compiles, and prints diagnostics in the compiler format.</summary>
internal static class StackInput
{
    /// <summary>The default stack file, as in DESIGN.md.</summary>
    public const string DefaultStackFile = "Pulumi.dev.yaml";

    /// <summary>Compiles the stack file. Returns the result and the file's display name; diagnostics are printed to stderr.</summary>
    public static (CompileResult Result, string DisplayName, LockFile Lock) Compile(CliContext context, string? stackFile, bool tracePaths = true)
    {
        var path = context.Resolve(stackFile ?? DefaultStackFile);
        if (!File.Exists(path))
        {
            throw new UsageException($"stack file '{stackFile ?? DefaultStackFile}' not found (looked in {Path.GetDirectoryName(path)})");
        }

        var display = stackFile ?? DefaultStackFile;
        var lockFile = LockFile.For(path);
        var (previous, problems) = lockFile.Read();
        foreach (var p in problems)
        {
            context.Error.WriteLine($"{lockFile.DisplayName}: warning MSH037: {p}");
        }

        CompileResult result;
        using (var progress = TerminalProgress.For(context))
        {
            progress.Show($"{display}: reading, checking and planning…");
            result = MeshCompiler.CompileStackFile(File.ReadAllText(path), previous, new CompileOptions { Now = DateTimeOffset.UtcNow, TracePaths = tracePaths });
        }

        Print(context, display, result.Diagnostics);
        return (result, display, lockFile with { Previous = previous });
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
}
