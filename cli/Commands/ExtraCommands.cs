using System.CommandLine;

namespace MeshStack.Cli.Commands;

/// <summary>Commands beyond validate/plan/render (trace, ca, synth), each in its own file.</summary>
internal static class ExtraCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [TraceCommand.Create(context), CaCommand.Create(context), SynthCommand.Create(context)];
    }
}
