using System.CommandLine;
using MeshStack.Core.Render;

namespace MeshStack.Cli.Commands;

/// <summary><c>meshstack plan [STACK_FILE] [--json | --format table|json|mermaid]</c>.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.StackFile();
        var reset = CommonOptions.ResetAddresses();
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON (same as --format json)." };
        var format = new Option<string>("--format")
        {
            Description = "table (default), json, or mermaid (a flowchart of clusters, gateways and services).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "mermaid");
        var command = new Command("plan", "Show per-cluster objects, addresses and order without writing anything.") { file, json, format, reset };
        command.SetAction(parse =>
        {
            if (parse.GetValue(json) && parse.GetResult(format) is { Implicit: false } && parse.GetValue(format) != "json")
            {
                throw new UsageException($"--json and --format {parse.GetValue(format)} contradict each other; pass one of them");
            }

            var (result, _, _) = StackInput.Compile(context, parse.GetValue(file), parse.GetValue(reset));
            if (!result.Succeeded)
            {
                return ExitCodes.ConfigErrors;
            }

            var chosen = parse.GetValue(json) ? "json" : parse.GetValue(format);
            switch (chosen)
            {
                case "json":
                    PlanJsonOutput.Write(context, result.Plan!);
                    break;
                case "mermaid":
                    context.Out.Write(MermaidWriter.Write(result.Plan!));
                    break;
                default:
                    PlanTable.Write(context.Out, result.Plan!);
                    break;
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
