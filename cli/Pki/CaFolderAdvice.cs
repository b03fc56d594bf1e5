using System.ComponentModel;
using System.Diagnostics;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Cli;

/// <summary>After <c>ca init</c>: warns (MSH128) when the key folder sits in a Git work tree and Git does not ignore it.</summary>
internal static class CaFolderAdvice
{
    public static void Check(CliContext context, string folder, string display)
    {
        if (Unignored(folder, "root-cert.pem") is { } exposed)
        {
            StackInput.Print(context, display, [DiagnosticBuilder.CaFolderInRepository(display, exposed.Repository, exposed.IgnoreEntry)]);
        }
    }

    /// <summary>The Git work tree holding <paramref name="folder"/> and the .gitignore entry it lacks, when Git does not ignore <paramref name="probe"/> in it.</summary>
    public static (string Repository, string IgnoreEntry)? Unignored(string folder, string probe)
    {
        var repository = RepositoryOf(folder);
        if (repository is null || IsIgnored(repository, Path.Combine(folder, probe)) != false)
        {
            return null;
        }

        return (repository, "/" + Path.GetRelativePath(repository, folder).Replace('\\', '/').TrimEnd('/') + "/");
    }

    private static string? RepositoryOf(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    // True or false from `git check-ignore`; null when git cannot answer (then stay quiet rather than guess).
    private static bool? IsIgnored(string repository, string file)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "check-ignore", "-q", "--", file })
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(start)!;
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
                return null;
            }

            return process.ExitCode switch { 0 => true, 1 => false, _ => null };
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
