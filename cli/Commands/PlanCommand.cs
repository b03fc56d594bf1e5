using System.CommandLine;
using MeshStack.Cli.Pki;
using MeshStack.Core.Changes;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Cli.Commands;

/// <summary>
/// <c>meshstack plan [STACK_FILE] [--json | --format table|json|mermaid]</c>, and <c>plan --diff [--out DIR]</c>: what a
/// change does before any apply, per cluster, against the render <c>render --out DIR</c> wrote last time (and the lock file).
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.StackFile();
        var reset = CommonOptions.ResetAddresses();
        var lockFile = CommonOptions.LockFile();
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON (same as --format json); with --diff, the changes as JSON." };
        var format = new Option<string>("--format")
        {
            Description = "table (default), json, or mermaid (a flowchart of clusters, gateways and services).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "mermaid");
        var diff = new Option<bool>("--diff") { Description = "Show what a render now would change against the previous render in --out (objects added, changed, replaced, deleted per cluster, dangerous ones flagged) and the lock file's addresses. Takes render's flags." };
        var output = new Option<string?>("--out") { Description = "With --diff: the folder 'render --out' wrote last time." };
        var engine = new Option<string>("--engine") { Description = "With --diff: whose rules decide what is replaced: gitops (kubectl and the API server, default) or pulumi (pulumi-kubernetes 4.32).", DefaultValueFactory = _ => "gitops" };
        engine.AcceptOnlyFromAmong("gitops", "pulumi");
        var caDir = new Option<string?>("--ca-dir") { Description = "With --diff: the CA folder render would get, so cacerts is compared (its values are never printed)." };
        var flags = new DeployFlagOptions();
        var command = new Command("plan", "Show per-cluster objects, addresses and order without writing anything.") { file, json, format, reset, lockFile, diff, output, engine, caDir };
        foreach (var option in flags.All)
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            if (parse.GetValue(json) && parse.GetResult(format) is { Implicit: false } && parse.GetValue(format) != "json")
            {
                throw new UsageException($"--json and --format {parse.GetValue(format)} contradict each other; pass one of them");
            }

            var diffing = parse.GetValue(diff);
            if (!diffing && (parse.GetValue(output) is not null || parse.GetResult(engine) is { Implicit: false } || parse.GetValue(caDir) is not null || flags.All.Any(o => parse.GetResult(o) is not null)))
            {
                throw new UsageException("--out, --engine, --ca-dir and the deploy-time flags are read only with --diff");
            }

            if (diffing && parse.GetResult(format) is { Implicit: false } && parse.GetValue(format) != "json")
            {
                throw new UsageException($"--diff prints a table of changes or, with --json, JSON; --format {parse.GetValue(format)} does not apply");
            }

            var (result, display, lockFileRead) = StackInput.Compile(context, parse.GetValue(file), parse.GetValue(reset), lockFilePath: parse.GetValue(lockFile));
            if (!result.Succeeded)
            {
                return ExitCodes.ConfigErrors;
            }

            if (diffing)
            {
                return Diff(context, parse, display, result.Plan!, lockFileRead, (file, output, engine, caDir, flags, json));
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

    private static int Diff(
        CliContext context, ParseResult parse, string display, FederationPlan plan, LockFile lockFileRead,
        (Argument<string?> File, Option<string?> Output, Option<string> Engine, Option<string?> CaDir, DeployFlagOptions Flags, Option<bool> Json) o)
    {
        var inputs = DeployInputChecker.Check(plan.Spec, o.Flags.Read(parse, context));
        StackInput.Print(context, display, inputs.Diagnostics);
        if (inputs.Diagnostics.Any(d => d.IsError))
        {
            return ExitCodes.ConfigErrors;
        }

        var values = new Dictionary<DeployValue, string>(inputs.Values);
        if (plan.Spec.MeshId is null)
        {
            // render generates one when the lock file has none; its value cannot be known before.
            values[new GeneratedMeshId()] = lockFileRead.MeshId ?? "<generated by render>";
        }

        var ca = parse.GetValue(o.CaDir);
        if (ca is not null)
        {
            CaDirCheck.Require(context, ca, plan, display);
        }

        var stackArgument = parse.GetValue(o.File) ?? StackInput.DefaultStackFile;
        var stackPath = context.Resolve(stackArgument == StackInput.StandardInput ? "meshstack-stdin.yaml" : stackArgument);
        var stack = LockFile.StackName(stackPath);
        var folder = parse.GetValue(o.Output);
        RenderSnapshot? previous = null;
        if (folder is not null)
        {
            (previous, var refused) = PreviousRender.Read(context, display, folder, stack, force: false, withContent: true);
            if (refused)
            {
                return ExitCodes.Usage;
            }
        }

        var target = context.Resolve(folder ?? "rendered");
        var prepared = RenderPreparation.Prepare(context, display, plan, values, inputs, ca, target, Path.GetDirectoryName(stackPath)!, previous);
        if (prepared is null)
        {
            return ExitCodes.ConfigErrors;
        }

        var rules = parse.GetValue(o.Engine) == "pulumi" ? ReplaceRules.Pulumi(ProviderSettings.For(plan.Spec, plan.Spec.Clusters[0])) : ReplaceRules.GitOps;
        var changes = ChangeSet.Compute(previous, prepared.Snapshot(stack), lockFileRead.Previous, plan.Addresses, rules);
        StackInput.Print(context, display, changes.Dangers);
        if (parse.GetValue(o.Json))
        {
            context.Out.Write(ChangeSetOutput.Json(changes));
        }
        else
        {
            ChangeSetOutput.WriteText(context.Out, changes, folder ?? "");
        }

        return ExitCodes.Ok;
    }
}
