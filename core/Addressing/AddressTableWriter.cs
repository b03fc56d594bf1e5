using System.Globalization;
using System.Text.Json;

namespace MeshStack.Core.Addressing;

/// <summary>The text forms of an <see cref="AddressTable"/>: the lock file and the <c>addressTable</c> stack output.</summary>
public static class AddressTableWriter
{
    /// <summary>A flat JSON object of service keys to addresses, keys sorted (the stack output when nothing is reserved).</summary>
    public static string Flat(AddressTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Write(w => WriteAddresses(w, table));
    }

    /// <summary>
    /// The lock-file document: <c>comment</c>, <c>meshId</c> (when generated), <c>addresses</c> and <c>freed</c>
    /// (address → the service that held it and the day it was freed).
    /// </summary>
    public static string Document(AddressTable table, string? meshId, string? comment)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Write(w =>
        {
            w.WriteStartObject();
            if (comment is not null)
            {
                w.WriteString("comment", comment);
            }

            if (meshId is not null)
            {
                w.WriteString("meshId", meshId);
            }

            w.WritePropertyName("addresses");
            WriteAddresses(w, table);
            w.WriteStartObject("freed");
            foreach (var f in table.Freed.IsDefault ? Enumerable.Empty<FreedAddress>() : table.Freed.OrderBy(f => f.Address))
            {
                w.WriteStartObject(f.Address.ToString());
                w.WriteString("service", f.Service);
                if (f.FreedOn is { } day)
                {
                    w.WriteString("freedOn", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                else
                {
                    w.WriteNull("freedOn");
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void WriteAddresses(Utf8JsonWriter w, AddressTable table)
    {
        w.WriteStartObject();
        foreach (var (key, address) in table.Addresses)
        {
            w.WriteString(key, address.ToString());
        }

        w.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            body(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
