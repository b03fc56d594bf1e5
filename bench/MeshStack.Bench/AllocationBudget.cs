using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshStack.Bench;

/// <summary>
/// Guards against the pipeline silently getting heavier (the lesson of issue 23: validate and render got 2x slower in
/// one round and no test noticed). Allocated bytes per stage, unlike wall time, barely depend on the machine or its
/// load, so CI can compare them with the budgets committed in <c>allocation-budgets.json</c>: a stage more than
/// <see cref="Tolerance"/> over its budget fails. <c>dotnet run -c Release --project bench/MeshStack.Bench -- budget</c>;
/// <c>-- budget --write</c> records today's figures as the budgets (refused when CI is set), for a change that really
/// needs more, or after one that needs less.
/// </summary>
public static class AllocationBudget
{
    /// <summary>The federation measured: big enough for the stages' real costs, quick enough for every CI run.</summary>
    public const string Case = "10x500";

    /// <summary>How far over its budget a stage may go (run-to-run noise is about 1 %).</summary>
    public const double Tolerance = 0.10;

    /// <summary>What any stage may add regardless of its budget, so a stage that allocates next to nothing cannot flap.</summary>
    public const double SlackKiB = 256;

    private const string FileName = "allocation-budgets.json";

    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var write = args.Contains("--write");
        var path = BudgetFile();
        var measured = Measure();
        if (write)
        {
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0")
            {
                output.WriteLine($"budget --write refused: CI is set; budgets are recorded on purpose, never by a CI run ({path}).");
                return 2;
            }

            var json = new JsonObject { ["case"] = Case, ["unit"] = "KiB" };
            var stages = new JsonObject();
            foreach (var (stage, kib) in measured)
            {
                stages[stage] = (long)Math.Ceiling(kib);
            }

            json["stages"] = stages;
            var options = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            File.WriteAllText(path, json.ToJsonString(options) + "\n");
            output.WriteLine($"wrote {measured.Count} budgets for {Case} to {path}");
            return 0;
        }

        var budgets = Read(path);
        var over = 0;
        foreach (var (stage, kib) in measured)
        {
            if (!budgets.TryGetValue(stage, out var budget))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-24} {kib,9:F0} KiB  no budget: record one with `-- budget --write`"));
                over++;
                continue;
            }

            var limit = Math.Max(budget * (1 + Tolerance), budget + SlackKiB);
            var verdict = kib > limit ? "OVER BUDGET" : kib < budget * (1 - (2 * Tolerance)) - SlackKiB ? "well under: lower the budget with `-- budget --write`" : "ok";
            over += kib > limit ? 1 : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-24} {kib,9:F0} KiB  budget {budget,9:F0} KiB  limit {limit,9:F0} KiB  {verdict}"));
        }

        foreach (var stale in budgets.Keys.Except(measured.Select(m => m.Stage)))
        {
            output.WriteLine($"  {stale,-24} budgeted but no longer measured: remove it with `-- budget --write`");
            over++;
        }

        output.WriteLine(over == 0
            ? $"allocation budgets met for {Case} ({measured.Count} stages, tolerance {Tolerance:P0})."
            : $"allocation budgets missed for {Case}: {over} stage(s); see above. If the extra work is intended, record it with `-- budget --write` and say why in the commit.");
        return over == 0 ? 0 : 1;
    }

    // Each stage after a warm-up (JIT, caches), the least of three runs; every thread counts (render writes clusters in parallel).
    private static List<(string Stage, double KiB)> Measure()
    {
        var f = Federation.Get(Case);
        var b = new PipelineBenchmarks { Case = Case };
        b.Setup();
        try
        {
            var results = new List<(string, double)>();
            foreach (var (stage, run) in Stages.Of(f, b))
            {
                run();
                var least = long.MaxValue;
                for (var i = 0; i < 3; i++)
                {
                    GC.Collect();
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    run();
                    least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
                }

                results.Add((stage, least / 1024.0));
            }

            return results;
        }
        finally
        {
            b.Cleanup();
        }
    }

    private static Dictionary<string, double> Read(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty");
        if ((string?)json["case"] != Case)
        {
            throw new InvalidDataException($"{path}: budgets are for case '{(string?)json["case"]}', this check measures '{Case}'");
        }

        return json["stages"]!.AsObject().ToDictionary(p => p.Key, p => (double)p.Value!, StringComparer.Ordinal);
    }

    // The committed file beside the project, found from the build output (bin/CONFIG/TFM/) or the working folder.
    private static string BudgetFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate) || File.Exists(Path.Combine(dir.FullName, "MeshStack.Bench.csproj")))
            {
                return candidate;
            }
        }

        return Path.Combine(Environment.CurrentDirectory, FileName);
    }
}
