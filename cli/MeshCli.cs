using System.CommandLine;
using MeshStack.Cli.Commands;

namespace MeshStack.Cli;

/// <summary>The command tree. <see cref="Run"/> is the real entry point; tests call it with their own writers.</summary>
internal static class MeshCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string workingDirectory, bool stderrIsTerminal = false, TextReader? stdin = null)
    {
        var context = new CliContext(stdout, stderr, workingDirectory) { ErrorIsTerminal = stderrIsTerminal, Input = stdin ?? TextReader.Null };
        var root = new RootCommand("""
            meshstack: validate, plan, render and trace a multi-cluster Istio federation from a Pulumi stack settings file.

            Examples:
              meshstack validate                       # checks Pulumi.dev.yaml
              meshstack validate Pulumi.prod.yaml
              meshstack plan Pulumi.dev.yaml           # table of addresses and objects per cluster
              meshstack plan --json > plan.json
              meshstack plan --format mermaid          # a picture of the federation
              meshstack render --out rendered --gateway-address cluster2=203.0.113.7
              meshstack trace                          # follow every route to the pods: ok, or where it dies

            Exit codes: 0 valid, 1 configuration errors, 2 usage or file-system errors.
            """);
        root.Add(ValidateCommand.Create(context));
        root.Add(PlanCommand.Create(context));
        root.Add(RenderCommand.Create(context));
        foreach (var extra in ExtraCommands.Create(context))
        {
            root.Add(extra);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"meshstack: {error.Message}");
            }

            stderr.WriteLine("Run 'meshstack --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            if (parse.Action is System.CommandLine.Help.HelpAction && parse.CommandResult.Command == root)
            {
                using var help = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                var exit = parse.Invoke(new InvocationConfiguration { Output = help, Error = stderr, EnableDefaultExceptionHandler = false });
                stdout.Write(HelpLabels.MarkOptionalArguments(root, help.ToString()));
                return exit;
            }

            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"meshstack: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file-system fault no command anticipated: one line, never a stack trace.
            stderr.WriteLine($"meshstack: a file or folder cannot be used: {FileSystemMessages.Reason(e)}");
            return ExitCodes.Usage;
        }
    }
}
