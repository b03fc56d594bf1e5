using System.ComponentModel;
using System.Diagnostics;

namespace MeshStack.Cli.Tests.Support;

/// <summary>Runs the openssl command: an independent implementation to check what .NET minted.</summary>
internal static class Openssl
{
    public static (int Exit, string Out, string Err) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
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
            throw new InvalidOperationException("this test needs the openssl command (an independent X.509 implementation); install it, e.g. apt-get install openssl", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                throw new TimeoutException($"openssl {string.Join(' ', args)} did not finish in 30 s");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
