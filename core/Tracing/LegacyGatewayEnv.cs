using System.Collections.Immutable;
using System.Text.Json;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tracing;

/// <summary>
/// The node metadata a 1.6/1.7 gateway proxy really ends up with: the environment its chart writes, after Kubernetes
/// keeps the last of duplicate names, read the way the agent builds node metadata from it. In those releases the agent
/// does not apply mesh-wide <c>proxyMetadata</c> itself: a gateway gets it only through its chart's env.
/// </summary>
internal static class LegacyGatewayEnv
{
    /// <summary>
    /// The gateway charts' own env defaults (Helm merges the IstioOperator's values into them):
    /// <c>ISTIO_META_ROUTER_MODE: sni-dnat</c> (manifests/charts/gateways/istio-egress/values.yaml@1.7.8:81, @1.6.14:81;
    /// istio-ingress/values.yaml@1.7.8:110).
    /// </summary>
    public static readonly ImmutableDictionary<string, string> ChartDefaults =
        ImmutableDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("ISTIO_META_ROUTER_MODE", "sni-dnat")]);

    /// <summary>The first release whose gateway charts append mesh-wide proxyMetadata after the gateway's env.</summary>
    public static readonly IstioVersion AppendsProxyMetadataFrom = new(1, 6, 3);

    /// <summary>
    /// The node metadata (keys without the <c>ISTIO_META_</c> prefix) of a legacy gateway:
    /// <list type="number">
    /// <item>the chart writes <c>$gateway.env</c> (sorted by key, Go templates range over maps in key order; the value
    /// unquoted, <c>value: {{ $val }}</c>), then from 1.6.3 every mesh-wide <c>proxyMetadata</c> entry
    /// (<c>value: "{{ $value }}"</c>) (manifests/charts/gateways/istio-egress/templates/deployment.yaml@1.7.8:208-217,
    /// @1.6.14:208-217; the ingress chart the same);</item>
    /// <item>the kubelet keeps the last of duplicate names (pkg/kubelet/kubelet_pods.go, makeEnvironmentVariables);</item>
    /// <item>the agent takes every <c>ISTIO_META_*</c> variable, then merges every <c>ISTIO_METAJSON_*</c> variable's
    /// JSON object over them (pkg/bootstrap/config.go@1.7.8:474-490 getNodeMetaData, @1.6.14 the same).</item>
    /// </list>
    /// </summary>
    public static ImmutableDictionary<string, string> Metadata(MapValue? gatewayEnv, MapValue? proxyMetadata, IstioVersion version)
    {
        var values = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in ChartDefaults)
        {
            values[key] = value;
        }

        foreach (var entry in gatewayEnv?.Entries ?? [])
        {
            values[entry.Key] = PlanRead.Text(entry.Value) is { } raw ? UnquotedYamlString(raw) : null;
        }

        var env = values.Select(v => (Name: v.Key, v.Value)).ToList();
        if (version >= AppendsProxyMetadataFrom)
        {
            env.AddRange((proxyMetadata?.Entries ?? []).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (Name: e.Key, Value: PlanRead.Text(e.Value))));
        }

        var final = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in env)
        {
            if (value is null)
            {
                final.Remove(name);
            }
            else
            {
                final[name] = value;
            }
        }

        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in final.Where(e => e.Key.StartsWith(MetaPrefix, StringComparison.Ordinal) && !e.Key.StartsWith("ISTIO_META_WORKLOAD", StringComparison.Ordinal)))
        {
            meta[name[MetaPrefix.Length..]] = value;
        }

        foreach (var (_, json) in final.Where(e => e.Key.StartsWith(MetaJsonPrefix, StringComparison.Ordinal)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            foreach (var (key, value) in JsonStrings(json))
            {
                meta[key] = value;
            }
        }

        return meta.ToImmutableDictionary(StringComparer.Ordinal);
    }

    private const string MetaPrefix = "ISTIO_META_";
    private const string MetaJsonPrefix = "ISTIO_METAJSON_";

    /// <summary>
    /// The string YAML reads from <c>value: RAW</c>: a single- or double-quoted scalar unquoted, a plain one trimmed; null
    /// for text YAML reads as a mapping or a list (Kubernetes refuses a non-string env value).
    /// </summary>
    internal static string? UnquotedYamlString(string raw)
    {
        var text = raw.Trim();
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
        {
            return text[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize(text, Model.CoreJson.Default.String);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return text.StartsWith('{') || text.StartsWith('[') ? null : text;
    }

    // The agent unmarshals the value into its metadata map; only string members become string metadata.
    private static IEnumerable<KeyValuePair<string, string>> JsonStrings(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            yield break;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                yield break;
            }

            foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                yield return KeyValuePair.Create(property.Name, property.Value.GetString()!);
            }
        }
    }
}
