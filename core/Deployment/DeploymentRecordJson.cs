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

            if (record.RootStack is { } rootStack)
            {
                w.WriteString("rootStack", rootStack);
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
            if (record.Trust is { } trust)
            {
                w.WritePropertyName("trust");
                WriteTrust(w, trust);
            }

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
                return (null, DiagnosticBuilder.DeploymentRecordDamaged(version));
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
                RootStack = root.TryGetProperty("rootStack", out var rootStack) ? rootStack.GetString() : null,
                Clusters = clusters.ToImmutable(),
                Trust = root.TryGetProperty("trust", out var trust) ? ReadTrust(trust) : null,
            }, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (null, DiagnosticBuilder.DeploymentRecordDamaged(e));
        }
    }

    /// <summary>Writes a trust record (also the CA folder's trust.json).</summary>
    public static void WriteTrust(Utf8JsonWriter w, TrustRecord trust)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(trust);
        w.WriteStartObject();
        w.WriteString("signer", trust.Signer);
        if (trust.SignerSince is { } since)
        {
            w.WriteString("signerSince", since.ToUniversalTime());
        }

        if (trust.RetiredSigner is { } retired)
        {
            w.WriteString("retiredSigner", retired);
        }

        w.WriteStartObject("roots");
        foreach (var (name, root) in trust.Roots)
        {
            w.WriteStartObject(name);
            if (root.Fingerprint is { } fingerprint)
            {
                w.WriteString("fingerprint", fingerprint);
            }

            if (root.TrustedSince is { } trusted)
            {
                w.WriteString("trustedSince", trusted.ToUniversalTime());
            }

            if (root.NotAfter is { } notAfter)
            {
                w.WriteString("notAfter", notAfter.ToUniversalTime());
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Reads a trust record; throws <see cref="FormatException"/>, <see cref="KeyNotFoundException"/> or <see cref="InvalidOperationException"/> when damaged.</summary>
    public static TrustRecord ReadTrust(JsonElement e)
    {
        static DateTimeOffset? Time(JsonElement o, string name) => o.TryGetProperty(name, out var t) ? t.GetDateTimeOffset() : null;
        var roots = ImmutableSortedDictionary.CreateBuilder<string, RootRecord>(StringComparer.Ordinal);
        foreach (var r in e.GetProperty("roots").EnumerateObject())
        {
            roots[r.Name] = new RootRecord(r.Value.TryGetProperty("fingerprint", out var f) ? f.GetString() : null, Time(r.Value, "trustedSince"), Time(r.Value, "notAfter"));
        }

        var signer = e.GetProperty("signer").GetString() ?? throw new FormatException("signer");
        return roots.Count == 0 || !roots.ContainsKey(signer)
            ? throw new FormatException("the signer is not a trusted root")
            : new TrustRecord
            {
                Roots = roots.ToImmutable(),
                Signer = signer,
                SignerSince = Time(e, "signerSince"),
                RetiredSigner = e.TryGetProperty("retiredSigner", out var retired) ? retired.GetString() : null,
            };
    }
}
