namespace MeshStack.Cli;

/// <summary>
/// One status line on stderr, rewritten in place, for long runs on a terminal. Silent when stderr is redirected
/// (pipes, files, CI logs, tests), so it never ends up in captured output. The line is erased when disposed.
/// </summary>
internal sealed class TerminalProgress : IDisposable
{
    private readonly TextWriter? writer;
    private int width;

    private TerminalProgress(TextWriter? writer) => this.writer = writer;

    /// <summary>A progress line on the context's stderr if it is a terminal, else one that writes nothing.</summary>
    public static TerminalProgress For(CliContext context) => new(context.ErrorIsTerminal ? context.Error : null);

    /// <summary>Replaces the status line.</summary>
    public void Show(string status)
    {
        if (writer is null)
        {
            return;
        }

        writer.Write('\r');
        writer.Write(status.PadRight(width));
        writer.Flush();
        width = status.Length;
    }

    public void Dispose()
    {
        if (writer is not null && width > 0)
        {
            writer.Write('\r');
            writer.Write(new string(' ', width));
            writer.Write('\r');
            writer.Flush();
        }
    }
}
