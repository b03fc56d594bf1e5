namespace MeshStack.Cli;

/// <summary>Where a command reads and writes: injected so tests run the real entry point in-process.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, string WorkingDirectory)
{
    /// <summary>True only when <see cref="Error"/> is the process's stderr and that is a terminal: progress may be shown.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Standard input, for <c>validate -</c>.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>A path relative to the working directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(WorkingDirectory, path));
}

/// <summary>A usage problem: printed as one line and exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
