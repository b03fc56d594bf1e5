using System.Text.Json;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>
/// The plan as JSON (<c>meshstack plan --json</c>): clusters, items with their stage and dependencies, full manifests,
/// the address table. Deferred values appear as <c>{"$deferred": "…"}</c> and secrets as <c>{"$secret": "…"}</c>,
/// never with content.
/// </summary>
public static class PlanJsonWriter
{
    private const int FlushThreshold = 1 << 16;

    internal static readonly JsonWriterOptions Options = new() { Indented = true };

    /// <summary>Writes the plan onto a text writer as it goes, through the same UTF-8 stream (never the whole document in memory).</summary>
    public static void Write(TextWriter writer, FederationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(plan);
        using var stream = new TextWriterStream(writer);
        Write(stream, plan);
    }

    /// <summary>Writes the plan to a UTF-8 stream as it goes (memory stays flat whatever the plan's size).</summary>
    public static void Write(Stream stream, FederationPlan plan) => Write(stream, plan, new JsonFragments(Options));

    /// <summary>The same, copying shared subtrees from <paramref name="fragments"/>, or with none writing every value out (tests compare the two).</summary>
    internal static void Write(Stream stream, FederationPlan plan, JsonFragments? fragments)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(plan);
        using var w = new Utf8JsonWriter(stream, Options);
        w.WriteStartObject();
        w.WriteString("meshId", plan.Spec.MeshId ?? "(generated at deploy time)");
        w.WriteString("profile", plan.Spec.Profile.ToString());
        w.WriteString("istioVersion", plan.Spec.IstioVersion.ToString());
        w.WriteString("addressPool", plan.Spec.AddressPool.ToString());
        w.WriteStartObject("addresses");
        foreach (var (key, address) in plan.Addresses.Addresses)
        {
            w.WriteString(key, address.ToString());
        }

        w.WriteEndObject();
        w.WriteStartArray("clusters");
        foreach (var cluster in plan.Clusters)
        {
            w.WriteStartObject();
            w.WriteString("name", cluster.Cluster.Name);
            w.WriteString("network", cluster.Cluster.Network);
            w.WriteString("dns", cluster.Cluster.Dns.Mode.ToString());
            WriteGateway(w, plan.Spec, cluster.Cluster);
            w.WriteStartArray("items");
            foreach (var item in cluster.Items)
            {
                WriteItem(w, item, fragments);

                // Utf8JsonWriter keeps everything in memory until flushed: hand it to the stream as it goes.
                if (w.BytesPending > FlushThreshold)
                {
                    w.Flush();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The plan as a JSON string.</summary>
    public static string ToJson(FederationPlan plan)
    {
        using var stream = new MemoryStream();
        Write(stream, plan);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    // How the gateway address is asked for and what carries it to istiod (GatewayAddressing).
    private static void WriteGateway(Utf8JsonWriter w, Model.MeshSpec spec, Model.ClusterSpec cluster)
    {
        w.WriteStartObject("gateway");
        w.WriteString("address", cluster.Gateway.Address switch
        {
            Model.GatewayAddress.Ip ip => ip.Value,
            Model.GatewayAddress.Hostname h => h.Value,
            Model.GatewayAddress.DeployTime => "(given at deploy time)",
            _ => "auto",
        });
        w.WriteNumber("port", cluster.Gateway.PeerPort);
        var request = Istio.GatewayAddressing.RequestOf(cluster);
        w.WriteString("addressRequest", Config.ConfigWords.Of(request));
        if (request == Model.AddressRequest.Annotation)
        {
            w.WriteString("addressAnnotation", Istio.GatewayAddressing.AnnotationOf(cluster));
        }

        w.WriteString("istiodLearnsAddressFrom", Istio.GatewayAddressing.Word(Istio.GatewayAddressing.SourceOf(spec, cluster)));
        w.WriteString("summary", Istio.GatewayAddressing.Describe(spec, cluster));
        w.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter w, PlanItem item, JsonFragments? fragments)
    {
        w.WriteStartObject();
        w.WriteString("key", item.Key);
        w.WriteString("stage", item.Stage.ToString());
        w.WriteString("concern", item.Concern.ToString());
        w.WriteStartArray("dependsOn");
        foreach (var d in item.DependsOn)
        {
            w.WriteStringValue(d);
        }

        w.WriteEndArray();
        if (!item.PeerDependsOn.IsEmpty)
        {
            // Only endpoint discovery has them: every other plan's JSON stays as it was.
            w.WriteStartArray("dependsOnPeers");
            foreach (var d in item.PeerDependsOn)
            {
                w.WriteStringValue($"{d.Cluster}/{d.Key}");
            }

            w.WriteEndArray();
        }

        switch (item)
        {
            case PlannedObject o:
                w.WriteString("mode", o.Mode.ToString());
                w.WritePropertyName("manifest");
                // Consumer clusters may hold one manifest instance: then it is a fragment as a whole.
                if (fragments is null || !fragments.TryWrite(w, o.Manifest))
                {
                    WriteManifest(w, o.Manifest, fragments);
                }
                break;
            case HelmRelease r:
                w.WriteString("chart", r.Chart);
                w.WriteString("version", r.Version);
                w.WriteString("repository", r.Repository);
                w.WritePropertyName("values");
                WriteValue(w, r.Values);
                break;
            default:
                break;
        }

        w.WriteEndObject();
    }

    // A manifest's top-level values (a spec) are often one instance that every consumer cluster's object holds: copied
    // from their JSON written once (metadata names its one object and is always written).
    private static void WriteManifest(Utf8JsonWriter w, MapValue manifest, JsonFragments? fragments)
    {
        w.WriteStartObject();
        foreach (var (k, v) in manifest.Entries)
        {
            w.WritePropertyName(k);
            if (fragments is null || k == "metadata" || !fragments.TryWrite(w, v))
            {
                WriteValue(w, v);
            }
        }

        w.WriteEndObject();
    }

    /// <summary>Writes one value tree as JSON.</summary>
    public static void WriteValue(Utf8JsonWriter w, Value value)
    {
        ArgumentNullException.ThrowIfNull(w);
        switch (value)
        {
            case MapValue map:
                w.WriteStartObject();
                foreach (var (k, v) in map.Entries)
                {
                    w.WritePropertyName(k);
                    WriteValue(w, v);
                }

                w.WriteEndObject();
                break;
            case ListValue list:
                w.WriteStartArray();
                foreach (var i in list.Items)
                {
                    WriteValue(w, i);
                }

                w.WriteEndArray();
                break;
            case Scalar { Content: string s }:
                w.WriteStringValue(s);
                break;
            case Scalar { Content: long n }:
                w.WriteNumberValue(n);
                break;
            case Scalar { Content: bool b }:
                w.WriteBooleanValue(b);
                break;
            case Deferred d:
                w.WriteStartObject();
                w.WriteString(d.Ref.IsSecret ? "$secret" : "$deferred", d.Ref.Describe());
                w.WriteEndObject();
                break;
            case Template t:
                w.WriteStringValue(YamlWriter.TemplateText(t));
                break;
            default:
                throw new InvalidOperationException($"cannot write {value.GetType().Name}");
        }
    }
}
