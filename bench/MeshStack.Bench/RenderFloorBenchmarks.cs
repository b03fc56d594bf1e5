using System.Globalization;
using BenchmarkDotNet.Attributes;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalar = YamlDotNet.Core.Events.Scalar;

namespace MeshStack.Bench;

/// <summary>
/// The floor of rendering: the same documents as ready-made YamlDotNet events replayed through the low-level
/// <see cref="Emitter"/> (no model walk, no quoting decisions, no reflection), against MeshStack's whole render
/// layout. Both write to a writer that discards the text. Target: render within 2× of the floor.
/// </summary>
[MemoryDiagnoser]
public class RenderFloorBenchmarks
{
    private Federation federation = null!;
    private List<List<ParsingEvent>> files = null!;

    [Params("10x500", "50x2000")]
    public string Case { get; set; } = "50x2000";

    [GlobalSetup]
    public void Setup()
    {
        federation = Federation.Get(Case);
        files = [];
        foreach (var cluster in federation.RenderPlan.Clusters)
        {
            foreach (var stage in cluster.Objects.GroupBy(o => o.Stage))
            {
                var events = new List<ParsingEvent>();
                foreach (var o in stage)
                {
                    events.Add(new DocumentStart(null, null, false));
                    Collect(events, federation.Manifests[o]);
                    events.Add(new DocumentEnd(true));
                }

                files.Add(events);
            }
        }
    }

    /// <summary>Replays pre-built events: only the Emitter's own work.</summary>
    [Benchmark(Baseline = true)]
    public int EmitterFloor()
    {
        foreach (var events in files)
        {
            var emitter = new Emitter(TextWriter.Null, new EmitterSettings(2, int.MaxValue, false, 1024, false, false, "\n", false));
            emitter.Emit(new StreamStart());
            foreach (var e in events)
            {
                emitter.Emit(e);
            }

            emitter.Emit(new StreamEnd());
        }

        return files.Count;
    }

    /// <summary>MeshStack's render of the same objects (plus the small Helm files).</summary>
    [Benchmark]
    public int MeshStackRender()
    {
        var rendered = RenderLayout.Files(federation.RenderPlan, o => federation.Manifests[o]);
        foreach (var f in rendered)
        {
            f.WriteUtf8(Stream.Null);
        }

        return rendered.Length;
    }

    private static void Collect(List<ParsingEvent> events, Value value)
    {
        switch (value)
        {
            case MapValue map:
                events.Add(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, item) in map.Entries)
                {
                    events.Add(Text(key));
                    Collect(events, item);
                }

                events.Add(new MappingEnd());
                break;
            case ListValue list:
                events.Add(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in list.Items)
                {
                    Collect(events, item);
                }

                events.Add(new SequenceEnd());
                break;
            case Core.Plan.Scalar { Content: string text }:
                events.Add(Text(text));
                break;
            case Core.Plan.Scalar { Content: long number }:
                events.Add(new YamlScalar(null, null, number.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain, true, false));
                break;
            case Core.Plan.Scalar { Content: bool flag }:
                events.Add(new YamlScalar(null, null, flag ? "true" : "false", ScalarStyle.Plain, true, false));
                break;
            default:
                throw new InvalidOperationException($"unexpected {value.GetType().Name} in a resolved manifest");
        }
    }

    private static YamlScalar Text(string text) => new(null, null, text,
        text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal : YamlWriter.NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any,
        true, true);
}
