using System.ComponentModel;
using System.Diagnostics;
using MeshStack.Core.Render;

namespace MeshStack.Cli;

/// <summary>After <c>ca init</c>: warns (MSH128) when the key folder sits in a Git work tree and Git does not ignore it.</summary>
internal static class CaFolderAdvice
{
    public static void Check(CliContext context, string folder, string display)
    {
        var repository = RepositoryOf(folder);
        if (repository is null || IsIgnored(repository, folder) != false)
        {
            return;
        }

        var entry = "/" + Path.GetRelativePath(repository, folder).Replace('\\', '/').TrimEnd('/') + "/";
        StackInput.Print(context, display, [RenderNotices.CaFolderInRepository(display, repository, entry)]);
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
    private static bool? IsIgnored(string repository, string folder)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "check-ignore", "-q", "--", Path.Combine(folder, "root-cert.pem") })
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
