using System.Diagnostics;
using System.Globalization;
using MeshStack.Core;
using MeshStack.Core.Synthesis;

namespace MeshStack.Bench;

/// <summary>
/// Does the cost grow linearly (issue 23)? The whole CLI pipeline (parse, validate, allocate, plan, checks, the path
/// tracer, resolve, render to a discarding stream) for a federation and for one with 4× the services, and with 4× the
/// clusters; each the best of three passes after a warm-up of every size, in CPU time (every thread, GC included: far less
/// sensitive to other load than wall time) and wall time. Target: each 4× step at most 4.4× the time.
/// <c>dotnet run -c Release --project bench/MeshStack.Bench -- growth</c> (or <c>-- growth 12x500</c> for another base).
/// </summary>
public static class Growth
{
    private const double Target = 4.4;

    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var parts = (args.Length > 0 ? args[0] : "12x500").Split('x');
        var (clusters, services) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        var sizes = new[] { (clusters, services), (clusters, services * 4), (clusters * 4, services) };
        var texts = sizes.Select(s => FederationSynthesizer.Generate(new SynthesisOptions { Clusters = s.Item1, Services = s.Item2 })).ToArray();
        foreach (var text in texts)
        {
            // Warm-up: every size once, so no size pays for the JIT and the tiering of another.
            Pipeline(text);
        }

        var results = sizes.Select((s, i) => Measure(output, string.Create(CultureInfo.InvariantCulture, $"{s.Item1}x{s.Item2}"), texts[i])).ToArray();
        var met = Compare(output, "4x the services", results[0], results[1]);
        met &= Compare(output, "4x the clusters", results[0], results[2]);
        return met ? 0 : 1;
    }

    private static bool Compare(TextWriter output, string step, Result from, Result to)
    {
        var cpu = to.Cpu.TotalMilliseconds / from.Cpu.TotalMilliseconds;
        var wall = to.Wall.TotalMilliseconds / from.Wall.TotalMilliseconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{step}: {from.Name} -> {to.Name}: {(double)to.Items / from.Items:F2}x the planned items, {cpu:F2}x the CPU time, {wall:F2}x the wall time (target <= {Target}x: {(cpu <= Target ? "met" : "missed")})"));
        return cpu <= Target;
    }

    private static Result Measure(TextWriter output, string name, string text)
    {
        Result? best = null;
        for (var pass = 0; pass < 3; pass++)
        {
            GC.Collect();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var items = Pipeline(text);
            watch.Stop();
            var result = new Result(name, items, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, watch.Elapsed);
            if (best is null || result.Cpu < best.Cpu)
            {
                best = result;
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-10}{best!.Items,10} planned items{best.Cpu.TotalMilliseconds,10:F0} ms CPU{best.Wall.TotalMilliseconds,10:F0} ms wall"));
        return best;
    }

    /// <summary>What <c>meshstack render</c> computes, without the files: compile, resolve, write every rendered file.</summary>
    private static int Pipeline(string text)
    {
        var plan = MeshCompiler.CompileStackFile(text).Plan ?? throw new InvalidOperationException("synthetic stack file did not compile");
        RenderWithoutFiles.Write(plan, Stream.Null);
        return plan.Clusters.Sum(c => c.Items.Length);
    }

    private sealed record Result(string Name, int Items, TimeSpan Cpu, TimeSpan Wall);
}
