using System.Text.Json;
using MeshStack.Core.Addressing;

namespace MeshStack.Cli;

/// <summary>
/// <c>meshstack.&lt;stack&gt;.lock.json</c> beside the stack file: the previous address allocation (and a generated
/// mesh ID), so re-rendering never moves an address. Commit it with the stack file.
/// </summary>
internal sealed record LockFile(string Path, string DisplayName)
{
    /// <summary>What the lock file held when read.</summary>
    public AddressTable Previous { get; init; } = AddressTable.Empty;

    /// <summary>The lock file of a stack file: Pulumi.dev.yaml → meshstack.dev.lock.json.</summary>
    public static LockFile For(string stackFilePath)
    {
        var dir = System.IO.Path.GetDirectoryName(stackFilePath)!;
        var name = System.IO.Path.GetFileName(stackFilePath);
        var stack = name.StartsWith("Pulumi.", StringComparison.Ordinal) && name.EndsWith(".yaml", StringComparison.Ordinal) && name.Length > "Pulumi..yaml".Length
            ? name["Pulumi.".Length..^".yaml".Length]
            : System.IO.Path.GetFileNameWithoutExtension(name);
        var file = $"meshstack.{stack}.lock.json";
        return new LockFile(System.IO.Path.Combine(dir, file), file);
    }

    /// <summary>Reads the previous allocation; a missing file is an empty allocation.</summary>
    public (AddressTable Table, IReadOnlyList<string> Problems) Read()
    {
        if (!File.Exists(Path))
        {
            return (AddressTable.Empty, []);
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path));
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("addresses", out var addresses))
            {
                var (table, problems) = AddressTable.FromJson(addresses.GetRawText());
                return (table, problems);
            }

            return (AddressTable.Empty, ["the lock file has no 'addresses' object; addresses are allocated afresh"]);
        }
        catch (JsonException e)
        {
            return (AddressTable.Empty, [$"the lock file is not valid JSON ({e.Message}); addresses are allocated afresh"]);
        }
    }

    /// <summary>Reads the generated mesh ID, if any.</summary>
    public string? ReadMeshId()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path));
            return doc.RootElement.TryGetProperty("meshId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the allocation (and mesh ID) atomically: temp file, then rename.</summary>
    public void Write(AddressTable table, string? generatedMeshId)
    {
        var temp = Path + ".tmp";
        using (var stream = File.Create(temp))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("comment", "Written by meshstack render: the address allocation to keep. Commit it beside the stack file.");
            if (generatedMeshId is not null)
            {
                w.WriteString("meshId", generatedMeshId);
            }

            w.WriteStartObject("addresses");
            foreach (var (key, address) in table.Addresses)
            {
                w.WriteString(key, address.ToString());
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        File.Move(temp, Path, overwrite: true);
    }
}
