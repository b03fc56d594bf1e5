using System.ComponentModel;
using System.Diagnostics;

namespace MeshStack.Cli.Tests.Support;

/// <summary>Runs an independent command-line tool (openssl, kubectl) that checks what MeshStack wrote.</summary>
internal static class ExternalTool
{
    /// <summary>Runs <paramref name="tool"/>; <paramref name="why"/> says, when it is missing, what the test needs it for.</summary>
    public static (int Exit, string Out, string Err) Run(string tool, string why, string? workingDirectory, TimeSpan timeout, IEnumerable<string> args) =>
        Run(tool, why, workingDirectory, timeout, args, null);

    /// <summary>Runs <paramref name="tool"/> with extra environment variables.</summary>
    public static (int Exit, string Out, string Err) Run(string tool, string why, string? workingDirectory, TimeSpan timeout, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"this test needs the {tool} command ({why}); install it", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill();
                throw new TimeoutException($"{tool} {string.Join(' ', start.ArgumentList)} did not finish in {timeout.TotalSeconds:0} s");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
