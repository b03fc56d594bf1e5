using System.Text.RegularExpressions;
using MeshStack.Core.Addressing;

namespace MeshStack.Cli.Tests.Robustness;

/// <summary>
/// Seeded random command lines and file-system conditions through the real entry point (issue 14): whatever the
/// flags, the stack file, the lock file, the output and CA folders, the CLI exits 0, 1 or 2 with one-line messages,
/// never a stack trace; every config diagnostic carries a line and column; a lock file is never left damaged, and
/// a damaged one is never rewritten unless --reset-addresses asked for it.
/// </summary>
public partial class CliFuzzTests
{
    /// <summary>Cases per run; the seed of a failing case is in the assertion message.</summary>
    public const int Cases = 400;

    private static readonly string DevStack = File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml"));

    private static readonly string[] Stacks = ["valid", "valid", "valid", "valid", "valid", "valid", "absent", "folder", "empty", "unclosed", "project", "no-config-root", "null-name"];
    private static readonly string[] Locks = ["absent", "absent", "absent", "valid", "valid", "conflicted", "truncated", "folder", "unknown-key", "duplicate-address"];
    private static readonly string[] Outs = ["out", "out", "existing-render", "foreign", "afile", "afile/below", "/sys/meshstack-fuzz", ""];
    private static readonly string[] CaDirs = ["", "", "missing", "afile", "empty-folder"];
    private static readonly string[] Commands = ["validate", "plan", "render", "render", "ca init", "ca check", "synth"];
    private static readonly string[][] Flags =
    [
        ["--json"], ["--format", "mermaid"], ["--format", "xml"], ["--format", ""], ["--reset-addresses"], ["--force"], ["--bogus"], ["-"],
        ["--gateway-address", "cluster1=203.0.113.7"], ["--gateway-address", "="], ["--gateway-address", "nope=1.2.3.4"], ["--gateway-address", "cluster1="],
        ["--egress-gateway-ip", "cluster1=10.0.0.9"], ["--istiocoredns-ip", "x"], ["--root-cert", "missing.pem"], ["--root-key", "afile"],
        ["--clusters", "abc"], ["--clusters", "1.5"], ["--clusters", "99999999999"], ["--clusters", "2"], ["--services", "-1"], ["--services", "3"],
        ["--seed", "x"], ["--seed", "7"], ["--out"], [""], ["Pulumi.other.yaml"],
        ["--corefile", "cluster1=empty-folder"], ["--corefile", "cluster1=afile"], ["--corefile", "cluster9=afile"], ["--stub-domains", "cluster1=missing"],
    ];

    public static TheoryData<int> Batches()
    {
        var data = new TheoryData<int>();
        for (var b = 0; b < 8; b++)
        {
            data.Add(b);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public void Random_flags_and_file_system_conditions_never_crash_and_never_damage_the_lock_file(int batch)
    {
        var exits = new HashSet<int>();
        for (var seed = batch * (Cases / 8); seed < (batch + 1) * (Cases / 8); seed++)
        {
            exits.Add(RunCase(seed));
        }

        Assert.Contains(1, exits);  // the cases reach config errors and usage errors (and most batches success)
        Assert.Contains(2, exits);
    }

    private static int RunCase(int seed)
    {
        var pick = new Picker(seed);
        using var run = new CliRun();
        var stack = pick.One(Stacks);
        var lockKind = pick.One(Locks);
        var lockBefore = Arrange(run, stack, lockKind);

        var args = new List<string>();
        var command = pick.One(Commands);
        args.AddRange(command.Split(' '));
        if (command == "ca check")
        {
            args.Add(pick.One(["ca", "missing", "afile", "empty-folder"]));
        }

        if (command != "synth" && pick.Chance(4))
        {
            args.Add(stack == "absent" && pick.Chance(2) ? "missing.yaml" : "Pulumi.dev.yaml");
        }

        if (command is "render" or "ca init")
        {
            if (pick.One(Outs) is { Length: > 0 } outDir)
            {
                args.AddRange(["--out", outDir]);
            }
        }

        if (command == "render" && pick.One(CaDirs) is { Length: > 0 } caDir)
        {
            args.AddRange(["--ca-dir", caDir]);
        }

        if (command == "synth")
        {
            args.AddRange(["--clusters", pick.One(["2", "abc", "0", "1.5"]), "--services", pick.One(["3", "99999999999", ""])]);
        }

        for (var n = pick.Below(4) - 1; n > 0; n--)
        {
            args.AddRange(pick.One(Flags));
        }

        var (exit, stdout, stderr) = run.RunWithInput(pick.Chance(2) ? DevStack : "config: {", [.. args]);
        var where = $"seed {seed}: meshstack {string.Join(' ', args)} (stack {stack}, lock {lockKind}) → exit {exit}\n{stderr}";

        Assert.True(exit is 0 or 1 or 2, where);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
        if (exit == 2)
        {
            Assert.True(stderr.StartsWith("meshstack: ", StringComparison.Ordinal), where);
        }

        // Config and lock-file diagnostics carry a position; those about a flag (--ca-dir) or a rendered object
        // (cluster1/Secret/…) have no place in a file.
        foreach (var line in stderr.Split('\n').Where(l => DiagnosticLine().IsMatch(l) && !NotInAFile().IsMatch(l)))
        {
            Assert.True(PositionedLine().IsMatch(line), $"no line and column: {line}\n{where}");
        }

        var lockPath = Path.Combine(run.Directory, "meshstack.dev.lock.json");
        if (File.Exists(lockPath))
        {
            var after = File.ReadAllText(lockPath);
            var rewritten = lockBefore is null || after != lockBefore;
            if (rewritten)
            {
                Assert.True(AddressTableReader.Read(after).Succeeded, $"the lock file was left damaged\n{where}");
                Assert.True(lockKind is "absent" or "valid" || args.Contains("--reset-addresses"), $"a damaged lock file was rewritten\n{where}");
            }
        }

        return exit;
    }

    // Sets up the stack file, lock file and folders; returns the lock file's text before the run, if it is a file.
    private static string? Arrange(CliRun run, string stack, string lockKind)
    {
        string? stackText = stack switch
        {
            "valid" => DevStack,
            "empty" => "",
            "unclosed" => "config:\n  meshstack:clusters: [ { name: a }\n",
            "project" => "name: meshstack\nruntime: dotnet\n",
            "no-config-root" => "meshstack:meshId: m\nmeshstack:clusters: []\n",
            "null-name" => DevStack.Replace("- name: httpbin", "- name: ~", StringComparison.Ordinal),
            _ => null,
        };
        if (stackText is not null)
        {
            run.Write("Pulumi.dev.yaml", stackText);
        }
        else if (stack == "folder")
        {
            Directory.CreateDirectory(Path.Combine(run.Directory, "Pulumi.dev.yaml"));
        }

        string? lockText = lockKind switch
        {
            "valid" => "{\n  \"addresses\": { \"httpbin.bar\": \"240.0.0.2\", \"gone.bar\": \"240.0.0.7\" },\n  \"freed\": {}\n}\n",
            "conflicted" => "{\n  \"addresses\": {\n<<<<<<< HEAD\n    \"a.bar\": \"240.0.0.1\"\n=======\n    \"b.bar\": \"240.0.0.1\"\n>>>>>>> x\n  }\n}\n",
            "truncated" => "{\n  \"addresses\": { \"httpbin.bar\": \"240.0",
            "unknown-key" => "{ \"addresses\": {}, \"addresess\": {} }",
            "duplicate-address" => "{ \"addresses\": { \"a.bar\": \"240.0.0.1\", \"b.bar\": \"240.0.0.1\" } }",
            _ => null,
        };
        if (lockText is not null)
        {
            run.Write("meshstack.dev.lock.json", lockText);
        }
        else if (lockKind == "folder")
        {
            Directory.CreateDirectory(Path.Combine(run.Directory, "meshstack.dev.lock.json"));
        }

        run.Write("afile", "not a folder");
        Directory.CreateDirectory(Path.Combine(run.Directory, "empty-folder"));
        Directory.CreateDirectory(Path.Combine(run.Directory, "foreign"));
        run.Write(Path.Combine("foreign", "keep.txt"), "someone else's");
        Directory.CreateDirectory(Path.Combine(run.Directory, "existing-render"));
        run.Write(Path.Combine("existing-render", AtomicFolder.Marker), "");
        return lockText;
    }

    [GeneratedRegex(@": (error|warning) MSH\d{3}: ")]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@" MSH\d{3}: (--|[a-z0-9-]+/)")]
    private static partial Regex NotInAFile();

    [GeneratedRegex(@"^[^:(]+\(\d+,\d+\): (error|warning) MSH\d{3}: ")]
    private static partial Regex PositionedLine();

    // A small deterministic generator (xorshift), so a seed replays the same case everywhere.
    private sealed class Picker(int seed)
    {
        private ulong state = (ulong)seed * 0x9E3779B97F4A7C15UL + 0x2545F4914F6CDD1DUL;

        public int Below(int n)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            return (int)(state % (ulong)n);
        }

        public bool Chance(int oneIn) => Below(oneIn) == 0;

        public T One<T>(IReadOnlyList<T> items) => items[Below(items.Count)];
    }
}
