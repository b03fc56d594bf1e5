namespace MeshStack.Cli.Tests.Robustness;

/// <summary>The address table is never lost silently (issue 14): a damaged lock file stops the run and stays untouched.</summary>
public class LockFileTests
{
    private const string Conflicted = """
        {
          "addresses": {
        <<<<<<< HEAD
            "httpbin.bar": "240.0.0.1"
        =======
            "httpbin.bar": "240.0.0.9"
        >>>>>>> other
          }
        }

        """;

    [Theory]
    [InlineData("validate")]
    [InlineData("plan")]
    [InlineData("render")]
    public void A_conflicted_lock_file_is_an_error_with_its_position_and_is_left_untouched(string command)
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        run.Write("meshstack.dev.lock.json", Conflicted);
        var (exit, stdout, stderr) = command == "render" ? run.Run(command, "--out", "out") : run.Run(command);
        Assert.Equal(1, exit);
        Assert.Contains("meshstack.dev.lock.json(3,1): error MSH100: addresses: the address table has Git merge-conflict markers", stderr, StringComparison.Ordinal);
        Assert.Contains("union of both sides", stderr, StringComparison.Ordinal);
        Assert.Contains("--reset-addresses", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
        Assert.Equal(Conflicted, File.ReadAllText(Path.Combine(run.Directory, "meshstack.dev.lock.json")));
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "out")));
    }

    [Fact]
    public void Reset_addresses_starts_over_and_rewrites_the_lock_file()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        run.Write("meshstack.dev.lock.json", Conflicted);
        var (exit, _, stderr) = run.Run("render", "--out", "out", "--reset-addresses");
        Assert.True(exit == 0, stderr);
        Assert.Contains("\"httpbin.bar\": \"240.0.0.2\"", File.ReadAllText(Path.Combine(run.Directory, "meshstack.dev.lock.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_service_keeps_its_address_reserved_in_the_lock_file()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("render", "--out", "out").Exit);
        var stack = File.ReadAllText(Path.Combine(run.Directory, "Pulumi.dev.yaml"));
        run.Write("Pulumi.dev.yaml", stack
            .Replace("name: httpbin\n", "name: httpbin2\n", StringComparison.Ordinal)
            .Replace("address: 240.0.0.2", "", StringComparison.Ordinal));
        Assert.Equal(0, run.Run("render", "--out", "out").Exit);
        var lockText = File.ReadAllText(Path.Combine(run.Directory, "meshstack.dev.lock.json"));
        Assert.Contains("\"httpbin2.bar\": \"240.0.0.1\"", lockText, StringComparison.Ordinal);
        Assert.Contains("\"240.0.0.2\": {\n      \"service\": \"httpbin.bar\",\n      \"freedOn\": ", lockText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lock_file_path_that_is_a_folder_is_a_usage_error()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Directory.CreateDirectory(Path.Combine(run.Directory, "meshstack.dev.lock.json"));
        var (exit, stdout, stderr) = run.Run("render", "--out", "out");
        Assert.Equal(2, exit);
        Assert.Contains("the lock file 'meshstack.dev.lock.json' is a folder", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "out")));
    }
}
