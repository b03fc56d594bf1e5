namespace MeshStack.Cli;

/// <summary>What a render must hold before it reads the lock file: the locks of its lock file and of its output folder.</summary>
internal static class RenderGuard
{
    public static RenderMutex Acquire(CliContext context, string? stackFile, string output)
    {
        var stack = stackFile ?? StackInput.DefaultStackFile;
        if (stack == StackInput.StandardInput)
        {
            throw new UsageException("render reads a stack file, not standard input: its lock file (the address table) is kept beside the stack file");
        }

        return RenderMutex.Acquire([LockFile.For(context.Resolve(stack)).Path, context.Resolve(output)]);
    }
}
