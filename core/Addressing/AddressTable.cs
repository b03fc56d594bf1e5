using System.Collections.Immutable;
using System.Text.Json;

namespace MeshStack.Core.Addressing;

/// <summary>
/// Service key (<c>NAME.NS</c>) → virtual address. The output of one allocation and the input of the next,
/// which is what keeps addresses stable: Pulumi stores it as a stack output, the CLI as <c>meshstack.lock.json</c>.
/// </summary>
public sealed record AddressTable(ImmutableSortedDictionary<string, Ipv4> Addresses)
{
    /// <summary>No previous allocation.</summary>
    public static AddressTable Empty { get; } = new(ImmutableSortedDictionary.Create<string, Ipv4>(StringComparer.Ordinal));

    /// <summary>The address of a service key.</summary>
    public Ipv4 this[string key] => Addresses[key];

    /// <summary>Serialises as a flat JSON object, keys sorted: the lock file and stack output format.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (key, address) in Addresses)
            {
                writer.WriteString(key, address.ToString());
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>
    /// Reads a previous allocation. Entries that are not addresses are dropped with a message, never thrown:
    /// a damaged lock file only loses stability for the damaged entries.
    /// </summary>
    public static (AddressTable Table, ImmutableArray<string> Problems) FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = ImmutableArray.CreateBuilder<string>();
        var builder = ImmutableSortedDictionary.CreateBuilder<string, Ipv4>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (Empty, ["the previous allocation is not a JSON object"]);
            }

            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String && Ipv4.TryParse(property.Value.GetString(), out var address))
                {
                    builder[property.Name] = address;
                }
                else
                {
                    problems.Add($"'{property.Name}' has no IPv4 address");
                }
            }
        }
        catch (JsonException e)
        {
            return (Empty, [$"the previous allocation is not valid JSON: {e.Message}"]);
        }

        return (new AddressTable(builder.ToImmutable()), problems.ToImmutable());
    }
}
