namespace MeshStack.Cli;

/// <summary>The CLI's contract with scripts.</summary>
internal static class ExitCodes
{
    /// <summary>Valid config, command done.</summary>
    public const int Ok = 0;

    /// <summary>The configuration has errors (diagnostics printed).</summary>
    public const int ConfigErrors = 1;

    /// <summary>The command line is wrong, or a file/folder cannot be used.</summary>
    public const int Usage = 2;
}
