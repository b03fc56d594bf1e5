using System.Globalization;

namespace MeshStack.Cli.Tests.Support;

/// <summary>Runs the real CLI entry point in-process in a temporary working folder.</summary>
public sealed class CliRun : IDisposable
{
    public CliRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "meshstack-cli-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The working folder of the run.</summary>
    public string Directory { get; }

    /// <summary>Copies a stack file from the repository into the working folder.</summary>
    public string CopyFromRepo(string name)
    {
        File.Copy(Path.Combine(Repo.Root, name), Path.Combine(Directory, name));
        return name;
    }

    /// <summary>Writes a stack file into the working folder.</summary>
    public string Write(string name, string text)
    {
        File.WriteAllText(Path.Combine(Directory, name), text);
        return name;
    }

    public (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var exit = MeshCli.Run(args, stdout, stderr, Directory);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs with <paramref name="stdin"/> as standard input.</summary>
    public (int Exit, string Out, string Err) RunWithInput(string stdin, params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        using var input = new StringReader(stdin);
        var exit = MeshCli.Run(args, stdout, stderr, Directory, stdin: input);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
