using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Deployment;

/// <summary>The text form of a <see cref="DeploymentRecord"/>: the <c>deployment</c> stack output.</summary>
public static class DeploymentRecordJson
{
    /// <summary>The record as compact JSON, clusters sorted by name.</summary>
    public static string Write(DeploymentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("version", record.Version);
            if (record.IstioVersion is { } istio)
            {
                w.WriteString("istioVersion", istio);
            }

            w.WriteStartObject("clusters");
            foreach (var (name, c) in record.Clusters)
            {
                w.WriteStartObject(name);
                w.WriteString("target", c.Target);
                if (c.Connection is { } connection)
                {
                    w.WriteString("connection", connection);
                }

                w.WriteString("istioSystem", c.IstioSystem);
                w.WriteBoolean("corednsBlock", c.CorednsBlock);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads the stack output back. A damaged record is MSH209 and no record: the run stops rather than guess what is
    /// deployed (every transition check depends on it).
    /// </summary>
    public static (DeploymentRecord? Record, Diagnostic? Problem) Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var version = root.GetProperty("version").GetInt32();
            if (version != DeploymentRecord.CurrentVersion)
            {
                return (null, Damaged($"version {version} is not one this MeshStack reads ({DeploymentRecord.CurrentVersion}); upgrade MeshStack"));
            }

            var clusters = ImmutableSortedDictionary.CreateBuilder<string, ClusterRecord>(StringComparer.Ordinal);
            foreach (var c in root.GetProperty("clusters").EnumerateObject())
            {
                clusters[c.Name] = new ClusterRecord(
                    c.Value.GetProperty("target").GetString() ?? throw new FormatException("target"),
                    c.Value.TryGetProperty("connection", out var connection) ? connection.GetString() : null,
                    c.Value.GetProperty("istioSystem").GetString() ?? throw new FormatException("istioSystem"),
                    c.Value.GetProperty("corednsBlock").GetBoolean());
            }

            return (new DeploymentRecord
            {
                Version = version,
                IstioVersion = root.TryGetProperty("istioVersion", out var istio) ? istio.GetString() : null,
                Clusters = clusters.ToImmutable(),
            }, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (null, Damaged($"it is not a MeshStack deployment record ({e.GetType().Name})"));
        }
    }

    private static Diagnostic Damaged(string why) => Codes.DeploymentRecordDamaged.At("stack output deployment",
        $"the stack's deployment record cannot be read: {why}. MeshStack stops instead of guessing what is deployed; restore the output from the stack's history (pulumi stack history / pulumi stack export)");
}
