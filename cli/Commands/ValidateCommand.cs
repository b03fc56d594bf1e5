using System.CommandLine;

namespace MeshStack.Cli.Commands;

/// <summary><c>meshstack validate [STACK_FILE]</c>: all diagnostics at once; exit 0 valid, 1 errors.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.StackFile();
        var reset = CommonOptions.ResetAddresses();
        var lockFile = CommonOptions.LockFile();
        var command = new Command("validate", "Check a stack file and print every problem (exit 0 valid, 1 errors).") { file, reset, lockFile };
        command.SetAction(parse =>
        {
            var (result, display, _) = StackInput.Compile(context, parse.GetValue(file), parse.GetValue(reset), lockFilePath: parse.GetValue(lockFile));
            if (!result.Succeeded)
            {
                return ExitCodes.ConfigErrors;
            }

            var plan = result.Plan!;
            var needs = Core.Render.RenderNeeds.Of(plan).AddRange(Core.Render.DeployInputChecker.Check(plan.Spec, []).Diagnostics);
            StackInput.Print(context, display, needs);
            context.Out.WriteLine($"{display}: valid: {plan.Clusters.Length} cluster(s), {plan.Spec.Services.Length} service(s), {plan.Clusters.Sum(c => c.Items.Length)} planned item(s)." +
                (needs.Length == 0 ? "" : $" 'meshstack render' needs or should get {needs.Length} deploy-time flag(s), listed above."));
            return ExitCodes.Ok;
        });
        return command;
    }
}
