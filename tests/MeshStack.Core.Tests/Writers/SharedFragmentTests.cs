using System.Buffers;
using System.Text.Json;
using CsCheck;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using MeshStack.Core.Synthesis;

namespace MeshStack.Core.Tests.Writers;

/// <summary>
/// The writers copy the YAML and JSON of subtrees that documents share (one caller-side spec instance held by every
/// consumer cluster's object) instead of writing them again: the bytes are exactly those written without the copies,
/// wherever the shared instance sits, however often it recurs and from however many writers at once.
/// </summary>
public class SharedFragmentTests
{
    // Documents that hold a few random instances in the places a shared subtree can start from: a top-level value,
    // metadata's labels, a list item, a nested map's value, a second time in the same document.
    private static readonly Gen<MapValue[]> SharingDocuments =
        Gen.Select(YamlWriterPropertyTests.Maps(3).Array[1, 4], Gen.Int[0, 1000].Array[6, 6].Array[2, 8]).Select((pool, picks) =>
            picks.Select((p, i) =>
            {
                Value Pick(int n) => n % 5 == 4 ? new ListValue([pool[n % pool.Length], "x"]) : pool[n % pool.Length];
                return Value.Map(
                    ("apiVersion", "v1"),
                    ("metadata", Value.Map(("name", $"o{i}"), ("labels", Pick(p[0])))),
                    ("spec", Pick(p[1])),
                    ("items", Value.List(Pick(p[2]), "y", Pick(p[3]))),
                    ("nested", Value.Map(("inner", Pick(p[4])), ("again", Pick(p[1])))),
                    ("tail", Pick(p[5])));
            }).ToArray());

    [Fact]
    public void Yaml_with_shared_fragments_is_byte_for_byte_the_yaml_without()
    {
        SharingDocuments.Sample(documents =>
        {
            var plain = Yaml(documents, fragments: null);
            var fragments = new YamlFragments();
            // Three files through one set of fragments: first sight, second (kept), third (copied).
            for (var file = 0; file < 3; file++)
            {
                Assert.Equal(plain, Yaml(documents, fragments));
            }
        }, iter: 2000);
    }

    [Fact]
    public void Files_written_in_parallel_through_one_set_of_fragments_are_each_the_plain_bytes()
    {
        SharingDocuments.Sample(documents =>
        {
            var plain = Yaml(documents, fragments: null);
            var fragments = new YamlFragments();
            var written = new byte[16][];
            Parallel.For(0, written.Length, i => written[i] = Yaml(documents, fragments));
            Assert.All(written, bytes => Assert.Equal(plain, bytes));
        }, iter: 50);
    }

    [Fact]
    public void Json_with_shared_fragments_is_byte_for_byte_the_json_without_at_every_depth()
    {
        Gen.Select(YamlWriterPropertyTests.Maps(3).Array[1, 3], Gen.Int[0, 6].Array[1, 8]).Sample((pool, depths) =>
        {
            Assert.Equal(Json(pool, depths, fragments: null), Json(pool, depths, new JsonFragments(PlanJsonWriter.Options)));
        }, iter: 1000);
    }

    [Theory]
    [InlineData(3, 40, 5UL)]
    [InlineData(12, 300, 23UL)]
    public void Plan_json_of_a_federation_is_the_same_with_and_without_fragments(int clusters, int services, ulong seed)
    {
        var plan = CompilationHelper.Plan(FederationSynthesizer.Generate(new SynthesisOptions { Clusters = clusters, Services = services, Seed = seed }));
        using var shared = new MemoryStream();
        using var plain = new MemoryStream();
        PlanJsonWriter.Write(shared, plan);
        PlanJsonWriter.Write(plain, plan, fragments: null);
        Assert.Equal(plain.ToArray(), shared.ToArray());
    }

    [Fact]
    public void Consumer_clusters_hold_one_caller_side_spec_instance_which_the_writers_copy()
    {
        // The point of it: a consumer cluster's caller-side ServiceEntry holds the instance the other consumers hold.
        var plan = CompilationHelper.Plan(FederationSynthesizer.Generate(new SynthesisOptions { Clusters = 6, Services = 20, Seed = 3 }));
        var specs = plan.Clusters.SelectMany(c => c.Objects).Where(o => o.Kind == "ServiceEntry")
            .Select(o => o.Manifest.Entries.Single(e => e.Key == "spec").Value).ToList();
        var holders = specs.GroupBy(s => s, ReferenceEqualityComparer.Instance).Max(g => g.Count());
        Assert.True(holders >= 3, $"no ServiceEntry spec instance is held by more than {holders} objects");
    }

    private static byte[] Yaml(MapValue[] documents, YamlFragments? fragments)
    {
        using var stream = new MemoryStream();
        YamlWriter.WriteDocuments(stream, documents, fragments);
        return stream.ToArray();
    }

    // Each value of the pool as the value of a property nested `depth` objects deep, like a manifest in plan --json.
    private static byte[] Json(MapValue[] pool, int[] depths, JsonFragments? fragments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, PlanJsonWriter.Options))
        {
            w.WriteStartArray();
            for (var i = 0; i < depths.Length; i++)
            {
                for (var d = 0; d < depths[i]; d++)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("k");
                }

                w.WriteStartObject();
                w.WritePropertyName("v");
                var value = pool[i % pool.Length];
                if (fragments is null || !fragments.TryWrite(w, value))
                {
                    PlanJsonWriter.WriteValue(w, value);
                }

                w.WriteString("after", "x");
                for (var d = 0; d <= depths[i]; d++)
                {
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
