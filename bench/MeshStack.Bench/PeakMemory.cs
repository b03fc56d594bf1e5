using System.Diagnostics;
using System.Globalization;
using MeshStack.Core;
using MeshStack.Core.Render;
using MeshStack.Core.Synthesis;

namespace MeshStack.Bench;

/// <summary>
/// <c>-- peak CASE plan-json|render</c>: what <c>meshstack plan --json</c> or <c>meshstack render</c> does after reading
/// the stack file (compile, then stream the JSON to a discarding stream, or resolve and write the YAML to a discarding
/// writer), once, in this fresh process; prints the wall time and the process's peak working set. Run each mode in its
/// own process, so one does not inherit the other's peak.
/// </summary>
public static class PeakMemory
{
    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length != 2 || args[1] is not ("plan-json" or "render"))
        {
            output.WriteLine("usage: peak CASE plan-json|render   (CASE like 50x2000)");
            return 2;
        }

        var parts = args[0].Split('x');
        var text = FederationSynthesizer.Generate(new SynthesisOptions
        {
            Clusters = int.Parse(parts[0], CultureInfo.InvariantCulture),
            Services = int.Parse(parts[1], CultureInfo.InvariantCulture),
        });
        var watch = Stopwatch.StartNew();
        var plan = MeshCompiler.CompileStackFile(text).Plan ?? throw new InvalidOperationException("synthetic stack did not compile");
        long bytes = 0;
        if (args[1] == "plan-json")
        {
            using var sink = new CountingStream();
            PlanJsonWriter.Write(sink, plan);
            bytes = sink.Length;
        }
        else
        {
            RenderWithoutFiles.Write(plan, Stream.Null);
        }

        watch.Stop();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{args[0]} {args[1]}: {watch.Elapsed.TotalSeconds:F1} s (compile included){(bytes > 0 ? $", {bytes / 1048576.0:F0} MiB of JSON" : "")}, peak working set {self.PeakWorkingSet64 / 1048576.0:F0} MiB"));
        return 0;
    }
}
