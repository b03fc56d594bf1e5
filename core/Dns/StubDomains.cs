using System.Text;
using System.Text.Json;

namespace MeshStack.Core.Dns;

/// <summary>
/// kube-dns: the <c>stubDomains</c> value of the <c>kube-system/kube-dns</c> ConfigMap is a JSON object of
/// domain → list of name servers. MeshStack sets <c>global</c> and keeps every other entry as written.
/// (<c>upstreamNameservers</c> is a separate key of the ConfigMap, which the patch never carries.)
/// </summary>
public static class StubDomains
{
    /// <summary>The stub domain MeshStack owns.</summary>
    public const string Domain = "global";

    /// <summary>
    /// <paramref name="existing"/> (null or blank: none) with <c>global</c> set to <paramref name="nameServer"/>: replaced in
    /// place when present (istiocoredns got a new ClusterIP), appended otherwise. Other entries keep their order and text.
    /// </summary>
    public static StubDomainsMerge Merge(string? existing, string nameServer)
    {
        ArgumentNullException.ThrowIfNull(nameServer);
        return Rewrite(existing, entries =>
        {
            var value = JsonSerializer.Serialize(new[] { nameServer }, Model.CoreJson.Default.StringArray);
            var index = entries.FindIndex(e => e.Key == Domain);
            if (index >= 0)
            {
                entries[index] = new(Domain, value);
            }
            else
            {
                entries.Add(new(Domain, value));
            }
        });
    }

    /// <summary>
    /// <paramref name="merged"/> without <c>global</c>; null text when nothing is left (destroy then drops the key).
    /// </summary>
    public static StubDomainsMerge Remove(string? merged) =>
        Rewrite(merged, entries => entries.RemoveAll(e => e.Key == Domain));

    private static StubDomainsMerge Rewrite(string? json, Action<List<KeyValuePair<string, string>>> change)
    {
        var entries = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrWhiteSpace(json))
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return new(null, false, $"stubDomains is not a JSON object: '{json}'");
                }

                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.Array || property.Value.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
                    {
                        return new(null, false, $"stubDomains entry '{property.Name}' is not a list of name servers: '{property.Value.GetRawText()}'");
                    }

                    entries.Add(new(property.Name, property.Value.GetRawText()));
                }
            }
            catch (JsonException e)
            {
                return new(null, false, $"stubDomains is not valid JSON ({e.Message}): '{json}'");
            }
        }

        change(entries);
        return entries.Count == 0 ? new(null, true, null) : new(Write(entries), true, null);
    }

    // Compact JSON, as kube-dns examples write it; other entries keep their original raw text.
    private static string Write(List<KeyValuePair<string, string>> entries)
    {
        var text = new StringBuilder("{");
        for (var i = 0; i < entries.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(JsonSerializer.Serialize(entries[i].Key, Model.CoreJson.Default.String)).Append(": ").Append(entries[i].Value);
        }

        return text.Append('}').ToString();
    }
}

/// <summary>A merged <c>stubDomains</c> value (null text: no stub domains left), or why the live value was left alone.</summary>
public sealed record StubDomainsMerge(string? Text, bool Succeeded, string? Error);
