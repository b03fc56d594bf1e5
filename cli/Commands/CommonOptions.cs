using System.CommandLine;

namespace MeshStack.Cli.Commands;

/// <summary>Arguments shared by several commands.</summary>
internal static class CommonOptions
{
    public static Argument<string?> StackFile()
    {
        var argument = new Argument<string?>("STACK_FILE")
        {
            Description = "The Pulumi stack settings file (default: Pulumi.dev.yaml).",
            Arity = ArgumentArity.ZeroOrOne,
        };

        // A misspelt option would otherwise be taken for a file name.
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[0].Value.StartsWith('-'))
            {
                result.AddError($"unknown option '{result.Tokens[0].Value}'");
            }
        });
        return argument;
    }
}
