using System.Diagnostics;
using System.Text.Json;

namespace MeshStack.Cli.Tests.Robustness;

/// <summary>
/// No stack traces, ever (issue 14): bad flag values and file-system faults end in one line of our own and exit 2,
/// through the real entry point.
/// </summary>
public class RobustnessFileSystemTests
{
    [Theory]
    [InlineData("--clusters", "abc")]
    [InlineData("--clusters", "1.5")]
    [InlineData("--clusters", "99999999999")]
    [InlineData("--services", "abc")]
    [InlineData("--services", "1.5")]
    [InlineData("--services", "99999999999")]
    [InlineData("--seed", "-1")]
    public void Synth_refuses_a_number_it_cannot_use_in_one_line(string flag, string value)
    {
        using var run = new CliRun();
        string[] args = flag switch
        {
            "--clusters" => ["synth", "--clusters", value, "--services", "1"],
            "--services" => ["synth", "--clusters", "1", "--services", value],
            _ => ["synth", "--clusters", "1", "--services", "1", "--seed", value],
        };
        var (exit, stdout, stderr) = run.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains($"{flag} must be a whole number", stderr, StringComparison.Ordinal);
        Assert.Contains($"got '{value}'", stderr, StringComparison.Ordinal);
        AssertClean(stdout + stderr);
    }

    [Fact]
    public void Render_into_a_path_below_a_file_is_a_usage_error()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        run.Write("afile", "x");
        var (exit, stdout, stderr) = run.Run("render", "--out", "afile/out");
        Assert.Equal(2, exit);
        Assert.Contains("is a file, not a folder", stderr, StringComparison.Ordinal);
        AssertClean(stdout + stderr);
        Assert.False(File.Exists(Path.Combine(run.Directory, "meshstack.dev.lock.json")));
    }

    [Fact]
    public void Render_into_a_folder_that_cannot_be_written_is_a_usage_error_and_writes_nothing()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        var (exit, stdout, stderr) = run.Run("render", "--out", Path.Combine(Unwritable(run), "out"));
        Assert.Equal(2, exit);
        Assert.Contains("permission denied; nothing was written", stderr, StringComparison.Ordinal);
        AssertClean(stdout + stderr);
        Assert.False(File.Exists(Path.Combine(run.Directory, "meshstack.dev.lock.json")));
    }

    [Fact]
    public void A_lock_file_that_cannot_be_written_fails_the_render_before_any_output_is_written()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        // The render runs on this thread: its temp lock file is this name, and a folder there cannot be written as a file.
        Directory.CreateDirectory(Path.Combine(run.Directory, $"meshstack.dev.lock.json.tmp-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}"));
        var (exit, stdout, stderr) = run.Run("render", "--out", "out");
        Assert.Equal(2, exit);
        Assert.Contains("cannot write the lock file 'meshstack.dev.lock.json'", stderr, StringComparison.Ordinal);
        AssertClean(stdout + stderr);
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "out")));
        Assert.False(File.Exists(Path.Combine(run.Directory, "meshstack.dev.lock.json")));
    }

    [Fact]
    public void Ca_init_into_a_folder_that_cannot_be_written_is_a_usage_error()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        var (exit, stdout, stderr) = run.Run("ca", "init", "--out", Path.Combine(Unwritable(run), "ca"));
        Assert.Equal(2, exit);
        Assert.Contains("permission denied; nothing was written", stderr, StringComparison.Ordinal);
        AssertClean(stdout + stderr);
    }

    [Fact]
    public void A_stack_file_that_cannot_be_read_is_a_usage_error()
    {
        using var run = new CliRun();
        string name;
        if (OperatingSystem.IsLinux() && !Environment.IsPrivilegedProcess)
        {
            name = run.CopyFromRepo("Pulumi.dev.yaml");
            File.SetUnixFileMode(Path.Combine(run.Directory, name), UnixFileMode.None);
        }
        else
        {
            name = "/proc/self/mem"; // exists, and reading it fails even for root
        }

        var (exit, stdout, stderr) = run.Run("validate", name);
        Assert.Equal(2, exit);
        Assert.Contains($"cannot read the stack file '{name}'", stderr, StringComparison.Ordinal);
        AssertClean(stdout + stderr);
    }

    [Fact]
    public void A_folder_given_as_the_stack_file_is_named_a_folder()
    {
        using var run = new CliRun();
        Directory.CreateDirectory(Path.Combine(run.Directory, "somedir"));
        var (exit, stdout, stderr) = run.Run("validate", "somedir");
        Assert.Equal(2, exit);
        Assert.Contains("'somedir' is a folder, not a stack file", stderr, StringComparison.Ordinal);
        AssertClean(stdout + stderr);
    }

    [Fact]
    public void Eight_concurrent_render_processes_into_one_folder_all_finish_and_agree_on_one_valid_lock_file()
    {
        using var run = new CliRun();
        // No meshId: the first render generates one; the others must read it from the lock file it wrote.
        run.Write("Pulumi.dev.yaml", File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml")).Replace("  meshstack:meshId: mesh1\n", "", StringComparison.Ordinal));
        Assert.DoesNotContain("meshId", File.ReadAllText(Path.Combine(run.Directory, "Pulumi.dev.yaml")), StringComparison.Ordinal);
        var cli = Path.Combine(AppContext.BaseDirectory, "meshstack.dll");
        var processes = Enumerable.Range(0, 8).Select(_ => Process.Start(new ProcessStartInfo("dotnet", [cli, "render", "--out", "out"])
        {
            WorkingDirectory = run.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!).ToList();
        var results = processes.Select(p =>
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, Out: stdout.Result + stderr);
        }).ToList();

        foreach (var (exit, output) in results)
        {
            Assert.True(exit == 0, $"exit {exit}: {output}");  // serialised on the render lock: none has to give up
            AssertClean(output);
        }

        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Directory, "meshstack.dev.lock.json")));
        var meshId = lockFile.RootElement.GetProperty("meshId").GetString()!;
        Assert.Equal("240.0.0.2", lockFile.RootElement.GetProperty("addresses").GetProperty("httpbin.bar").GetString());
        Assert.Matches("^mesh-[0-9a-f]{8}$", meshId);
        Assert.True(File.Exists(Path.Combine(run.Directory, "out", AtomicFolder.Marker)));
        Assert.Equal(["Pulumi.dev.yaml", "meshstack.dev.lock.json", "out"], Directory.GetFileSystemEntries(run.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static void AssertClean(string output)
    {
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    // A folder this process cannot write into: /sys for root (permissions do not stop root), else a read-only folder.
    private static string Unwritable(CliRun run)
    {
        if (!OperatingSystem.IsLinux() || Environment.IsPrivilegedProcess)
        {
            return "/sys";
        }

        var folder = Path.Combine(run.Directory, "readonly");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return folder;
    }
}
