using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Cli;

/// <summary>
/// <c>plan --json</c> streamed: straight to the process's stdout when the command writes there, else through a
/// UTF-8 decoding adapter onto the context's writer (core's PlanJsonWriter.Write(TextWriter, …); tests). Never the whole document in memory.
/// </summary>
internal static class PlanJsonOutput
{
    public static void Write(CliContext context, FederationPlan plan)
    {
        if (ReferenceEquals(context.Out, Console.Out))
        {
            Console.Out.Flush();
            using var stdout = Console.OpenStandardOutput();
            PlanJsonWriter.Write(stdout, plan);
            stdout.WriteByte((byte)'\n');
            return;
        }

        PlanJsonWriter.Write(context.Out, plan);
        context.Out.Write('\n');
    }
}
