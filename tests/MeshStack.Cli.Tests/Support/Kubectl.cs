using System.ComponentModel;
using System.Diagnostics;

namespace MeshStack.Cli.Tests.Support;

/// <summary>Runs <c>kubectl</c> (its built-in kustomize): an independent reader of what render writes.</summary>
internal static class Kubectl
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
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
            throw new InvalidOperationException("this test needs the kubectl command (its built-in kustomize reads the rendered folders); install kubectl", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill();
                throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in 60 s");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
