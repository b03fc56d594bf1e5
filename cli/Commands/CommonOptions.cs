using System.CommandLine;

namespace MeshStack.Cli.Commands;

/// <summary>Arguments shared by several commands.</summary>
internal static class CommonOptions
{
    public static Argument<string?> StackFile()
    {
        var argument = new Argument<string?>("STACK_FILE")
        {
            Description = "The Pulumi stack settings file (default: Pulumi.dev.yaml; - reads standard input).",
            Arity = ArgumentArity.ZeroOrOne,
        };

        // A misspelt option would otherwise be taken for a file name.
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[0].Value.StartsWith('-') && result.Tokens[0].Value != "-")
            {
                result.AddError($"unknown option '{result.Tokens[0].Value}'");
            }
        });
        return argument;
    }

    /// <summary><c>--lock-file</c>: the address table to keep, for a stack read from standard input.</summary>
    public static Option<string?> LockFile() => new("--lock-file")
    {
        Description = "The lock file (meshstack.<stack>.lock.json) to read instead of the one beside STACK_FILE; needed to keep addresses when the stack is read from standard input (-).",
    };

    /// <summary><c>--reset-addresses</c>: start over when the lock file is damaged (every address may move).</summary>
    public static Option<bool> ResetAddresses() => new(Core.Addressing.AddressTableReader.StartOverFlag)
    {
        Description = "Ignore the lock file and allocate every virtual address afresh (addresses may move). Only to start over after a damaged lock file.",
    };
}
