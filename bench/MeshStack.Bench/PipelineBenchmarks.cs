using BenchmarkDotNet.Attributes;
using MeshStack.Core;
using MeshStack.Core.Addressing;
using MeshStack.Core.Config;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Bench;

/// <summary>Each stage of <c>meshstack render</c> on its own, for 2×10, 10×500 and 50×2,000 federations.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private Federation federation = null!;
    private string folder = null!;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "2x10";

    public static IEnumerable<string> Cases => Federation.Cases;

    [GlobalSetup]
    public void Setup()
    {
        federation = Federation.Get(Case);
        folder = Path.Combine(Path.GetTempPath(), "meshstack-bench-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>YAML text → config document → validated spec (every diagnostic rule).</summary>
    [Benchmark]
    public object? ParseAndValidate() => SpecReader.Read(StackFile.Parse(federation.Text).Document!).Spec;

    [Benchmark]
    public AddressTable Allocate() => AddressAllocator.Allocate(federation.Spec.AddressPool, federation.Spec.Services, AddressTable.Empty).Table;

    [Benchmark]
    public FederationPlan Plan() => FederationPlanner.Plan(federation.Spec, federation.Addresses);

    /// <summary>istiod's webhook rules on every planned Istio object.</summary>
    [Benchmark]
    public int PlanChecks() => Core.Validation.PlanChecks.Check(federation.Plan).Length;

    /// <summary>The path tracer over every consumer × service × port × version, as every compile runs it.</summary>
    [Benchmark]
    public int Trace() => Core.Tracing.PathTracer.DeadPaths(federation.Plan).Length;

    /// <summary>Everything <see cref="MeshCompiler.CompileStackFile"/> does: parse, validate, allocate, plan, check, trace.</summary>
    [Benchmark]
    public bool Compile() => MeshCompiler.CompileStackFile(federation.Text).Succeeded;

    /// <summary>Filling in deploy-time values, as the CLI does before writing.</summary>
    [Benchmark]
    public int Resolve()
    {
        var resolver = new TableResolver(new Dictionary<DeployValue, string>());
        var count = 0;
        foreach (var cluster in federation.Plan.Clusters)
        {
            foreach (var o in cluster.Objects)
            {
                count += ManifestResolver.Resolve(o.Manifest, resolver).Manifest.Entries.Length;
            }
        }

        return count;
    }

    /// <summary>The render layout written to a writer that discards the text: the cost of producing YAML.</summary>
    [Benchmark]
    public int RenderToNullWriter()
    {
        var files = RenderLayout.Files(federation.RenderPlan, o => federation.Manifests[o]);
        foreach (var f in files)
        {
            f.WriteUtf8(Stream.Null);
        }

        return files.Length;
    }

    /// <summary><c>meshstack plan --json</c>'s writing: the whole plan streamed as JSON to a stream that discards it.</summary>
    [Benchmark]
    public long PlanJsonToNullStream()
    {
        using var sink = new CountingStream();
        PlanJsonWriter.Write(sink, federation.Plan);
        return sink.Length;
    }

    /// <summary>The render layout written to files, as <c>meshstack render</c> writes them.</summary>
    [Benchmark]
    public int RenderToDisk()
    {
        var files = RenderLayout.Files(federation.RenderPlan, o => federation.Manifests[o]);
        foreach (var f in files)
        {
            var path = Path.Combine(folder, f.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 0 });
            f.WriteUtf8(stream);
        }

        return files.Length;
    }
}
