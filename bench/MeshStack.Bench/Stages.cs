using System.Diagnostics;
using System.Globalization;
using MeshStack.Core.Config;

namespace MeshStack.Bench;

/// <summary>
/// One stopwatch pass over every stage (after one warm-up pass), with allocated bytes: quicker than BenchmarkDotNet
/// and good enough to find a hot spot. <c>dotnet run -c Release --project bench/MeshStack.Bench -- stages 50x2000</c>.
/// </summary>
public static class Stages
{
    public static int Run(string[] cases, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var name in cases.Length == 0 ? Federation.Cases : cases)
        {
            var f = Federation.Get(name);
            for (var pass = 0; pass < 2; pass++)
            {
                var report = pass == 1;
                if (report)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name}: {f.Spec.Clusters.Length} clusters, {f.Spec.Services.Length} services, {f.Plan.Clusters.Sum(c => c.Items.Length)} planned items, {f.Text.Length} bytes of stack file"));
                }

                var b = new PipelineBenchmarks { Case = name };
                b.Setup();
                foreach (var (stage, run) in Of(f, b))
                {
                    Time(output, report, stage, run);
                }

                var floor = new RenderFloorBenchmarks { Case = name };
                floor.Setup();
                Time(output, report, "emitter floor", () => floor.EmitterFloor());
                b.Cleanup();
            }
        }

        return 0;
    }

    /// <summary>The stages of the pipeline, in the CLI's order, for a federation and its set-up <see cref="PipelineBenchmarks"/>.</summary>
    internal static IEnumerable<(string Stage, Func<object?> Run)> Of(Federation f, PipelineBenchmarks b) =>
    [
        ("parse", () => StackFile.Parse(f.Text)),
        ("parse+validate", b.ParseAndValidate),
        ("allocate", () => b.Allocate()),
        ("plan", () => b.Plan()),
        ("plan checks", () => b.PlanChecks()),
        ("trace every path", () => b.Trace()),
        ("compile (all above)", () => b.Compile()),
        ("resolve", () => b.Resolve()),
        ("render to null writer", () => b.RenderToNullWriter()),
        ("render to disk", () => b.RenderToDisk()),
        ("plan --json to null", () => b.PlanJsonToNullStream()),
    ];

    private static void Time(TextWriter output, bool report, string stage, Func<object?> run)
    {
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        run();
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (report)
        {
            // CPU time (every thread of the process, GC included) depends far less on other load than the wall time.
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {stage,-24}{watch.Elapsed.TotalMilliseconds,10:F0} ms wall{cpu.TotalMilliseconds,8:F0} ms CPU{allocated / 1048576.0,10:F1} MiB allocated"));
        }
    }
}
