using System.Diagnostics;
using System.Globalization;

namespace MeshStack.Components.Bench;

/// <summary>
/// A stopwatch pass over both registrations (after one warm-up pass each), repeated, with the ratio per run:
/// <c>dotnet run -c Release --project bench/MeshStack.Components.Bench -- stages 10x500 --runs 3</c>.
/// </summary>
public static class Stages
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var (runs, cases) = StopwatchArgs.Parse(args, "10x500");
        foreach (var name in cases)
        {
            var plan = RegistrationBenchmarks.PlanOf(name);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {plan.Clusters.Length} clusters, {plan.Clusters.Sum(c => c.Items.Length)} planned items"));
            _ = await RegistrationBenchmarks.FederationAsync(plan).ConfigureAwait(false);
            _ = await RegistrationBenchmarks.DirectAsync(plan).ConfigureAwait(false);
            var ratios = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var (federation, federationCount, federationBytes) = await TimeAsync(() => RegistrationBenchmarks.FederationAsync(plan)).ConfigureAwait(false);
                var (direct, directCount, directBytes) = await TimeAsync(() => RegistrationBenchmarks.DirectAsync(plan)).ConfigureAwait(false);
                var ratio = federation.TotalMilliseconds / direct.TotalMilliseconds;
                ratios.Add(ratio);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  run {run}: MeshFederation {federation.TotalMilliseconds,7:F0} ms ({federationCount} resources, {federationBytes / 1048576.0:F0} MiB)   direct {direct.TotalMilliseconds,7:F0} ms ({directCount} resources, {directBytes / 1048576.0:F0} MiB)   ratio {ratio:F2}"));
            }

            ratios.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  median ratio {ratios[ratios.Count / 2]:F2} (target ≤ 1.30)"));
        }

        return 0;
    }

    private static async Task<(TimeSpan Elapsed, int Resources, long Allocated)> TimeAsync(Func<Task<int>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var count = await run().ConfigureAwait(false);
        watch.Stop();
        return (watch.Elapsed, count, GC.GetTotalAllocatedBytes(precise: true) - before);
    }
}
