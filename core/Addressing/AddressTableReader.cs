using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Addressing;

/// <summary>What reading a previous address table produced: the table (null when it cannot be trusted) and why.</summary>
public sealed record AddressTableRead(AddressTable? Table, string? MeshId, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when the table can be used: no error.</summary>
    public bool Succeeded => Table is not null;
}

/// <summary>
/// Reads a previous address table — the CLI's lock file or the Pulumi program's <c>addressTable</c> stack output —
/// and refuses a damaged one (MSH100), so a run never re-addresses services silently: merge-conflict markers,
/// invalid JSON, unknown keys, an entry that is not an address, or two services on one address.
/// </summary>
public static class AddressTableReader
{
    /// <summary>The flag that starts over with a fresh allocation (named in hints).</summary>
    public const string StartOverFlag = "--reset-addresses";

    private static readonly string[] ConflictMarkers = ["<<<<<<<", "=======", ">>>>>>>", "|||||||"];

    /// <summary>Reads the lock-file document or the flat stack-output object.</summary>
    public static AddressTableRead Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (FindConflictMarker(text) is { } marker)
        {
            return Fail(DiagnosticBuilder.UnreadableAddressTable(AddressTableDamage.ConflictMarkers, marker.Text, marker.Position));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(DiagnosticBuilder.UnreadableAddressTable());
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineMap(bytes);
        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            var reader = new Utf8JsonReader(bytes);
            return new Walker(lines).Walk(ref reader);
        }
        catch (JsonException e)
        {
            var at = new SourcePosition((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
            return Fail(DiagnosticBuilder.UnreadableAddressTable(AddressTableDamage.NotJson, FirstSentence(e.Message), at));
        }
    }

    private static AddressTableRead Fail(Diagnostic d) => new(null, null, [d]);

    private static string FirstSentence(string message)
    {
        foreach (var tail in new[] { " LineNumber:", " Path:" })
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd('.', ' ');
    }

    private static (string Text, SourcePosition Position)? FindConflictMarker(string text)
    {
        var line = 1;
        foreach (var raw in text.Split('\n'))
        {
            foreach (var marker in ConflictMarkers)
            {
                if (raw.StartsWith(marker, StringComparison.Ordinal) && (raw.Length == marker.Length || raw[marker.Length] is ' ' or '\r'))
                {
                    return (raw.TrimEnd('\r'), new SourcePosition(line, 1));
                }
            }

            line++;
        }

        return null;
    }

    // Byte offset → 1-based line and column.
    private sealed class LineMap(byte[] bytes)
    {
        private readonly int[] starts = [0, .. Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == (byte)'\n').Select(i => i + 1)];

        public SourcePosition At(long offset)
        {
            var index = Array.BinarySearch(starts, (int)offset);
            var line = index >= 0 ? index : ~index - 1;
            return new SourcePosition(line + 1, (int)offset - starts[line] + 1);
        }
    }

    private sealed class Walker(LineMap lines)
    {
        private readonly ImmutableArray<Diagnostic>.Builder diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        private readonly ImmutableSortedDictionary<string, Ipv4>.Builder addresses = ImmutableSortedDictionary.CreateBuilder<string, Ipv4>(StringComparer.Ordinal);
        private readonly ImmutableArray<FreedAddress>.Builder freed = ImmutableArray.CreateBuilder<FreedAddress>();
        private readonly Dictionary<uint, string> owners = [];
        private string? meshId;

        public AddressTableRead Walk(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                diagnostics.Add(DiagnosticBuilder.UnreadableAddressTable(reader.TokenType, Here(reader)));
                return Result();
            }

            var structured = HasTopLevelKey(reader, "addresses");
            if (structured)
            {
                Document(ref reader);
            }
            else
            {
                Addresses(ref reader, "addresses", flat: true);
            }

            return Result();
        }

        private AddressTableRead Result() => diagnostics.Count > 0
            ? new AddressTableRead(null, null, diagnostics.ToImmutable())
            : new AddressTableRead(new AddressTable(addresses.ToImmutable()) { Freed = freed.ToImmutable() }, meshId, []);

        private static bool HasTopLevelKey(Utf8JsonReader copy, string key)
        {
            while (copy.Read() && copy.TokenType == JsonTokenType.PropertyName)
            {
                if (copy.ValueTextEquals(key))
                {
                    return true;
                }

                copy.Read();
                copy.TrySkip();
            }

            return false;
        }

        private void Document(ref Utf8JsonReader reader)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                var at = Here(reader);
                reader.Read();
                switch (key)
                {
                    case "comment":
                        reader.TrySkip();
                        break;
                    case "meshId" when reader.TokenType == JsonTokenType.String:
                        meshId = reader.GetString();
                        break;
                    case "addresses" when reader.TokenType == JsonTokenType.StartObject:
                        Addresses(ref reader, "addresses", flat: false);
                        break;
                    case "freed" when reader.TokenType == JsonTokenType.StartObject:
                        Freed(ref reader);
                        break;
                    case "meshId" or "addresses" or "freed":
                        diagnostics.Add(DiagnosticBuilder.UnreadableAddressTable(key, reader.TokenType, at));
                        reader.TrySkip();
                        break;
                    default:
                        diagnostics.Add(DiagnosticBuilder.UnreadableAddressTable(key, AddressTableEntryProblem.UnknownKey, key, at));
                        reader.TrySkip();
                        break;
                }
            }
        }

        private void Addresses(ref Utf8JsonReader reader, string path, bool flat)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                var keyAt = Here(reader);
                reader.Read();
                var entry = $"{path}[\"{key}\"]";
                var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                var valueAt = Here(reader);
                reader.TrySkip();
                if (!key.Contains('.', StringComparison.Ordinal))
                {
                    diagnostics.Add(DiagnosticBuilder.UnreadableAddressTable(entry, flat ? AddressTableEntryProblem.NotAServiceKeyInFlatTable : AddressTableEntryProblem.NotAServiceKey, key, keyAt));
                }
                else if (text is null || !Ipv4.TryParse(text, out var address))
                {
                    diagnostics.Add(DiagnosticBuilder.UnreadableAddressTable(entry, text, key, valueAt));
                }
                else if (addresses.ContainsKey(key))
                {
                    diagnostics.Add(DiagnosticBuilder.UnreadableAddressTable(entry, AddressTableEntryProblem.KeyTwice, key, keyAt));
                }
                else if (owners.TryGetValue(address.Value, out var other))
                {
                    diagnostics.Add(DiagnosticBuilder.UnreadableAddressTable(entry, key, other, address, valueAt));
                }
                else
                {
                    addresses[key] = address;
                    owners[address.Value] = key;
                }
            }
        }

        private void Freed(ref Utf8JsonReader reader)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var addressText = reader.GetString()!;
                var at = Here(reader);
                var path = $"freed[\"{addressText}\"]";
                reader.Read();
                string? service = null;
                DateOnly? day = null;
                var dayOk = true;
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var field = reader.GetString();
                        reader.Read();
                        if (field == "service" && reader.TokenType == JsonTokenType.String)
                        {
                            service = reader.GetString();
                        }
                        else if (field == "freedOn" && reader.TokenType == JsonTokenType.String)
                        {
                            dayOk = DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
                            day = parsed;
                        }
                        else if (!(field == "freedOn" && reader.TokenType == JsonTokenType.Null))
                        {
                            dayOk = false;
                            reader.TrySkip();
                        }
                    }
                }
                else
                {
                    reader.TrySkip();
                }

                if (!Ipv4.TryParse(addressText, out var address) || service is null || !dayOk)
                {
                    diagnostics.Add(DiagnosticBuilder.UnreadableAddressTable(path, AddressTableEntryProblem.NotAFreedEntry, addressText, at));
                }
                else
                {
                    freed.Add(new FreedAddress(address, service, day));
                }
            }
        }

        private SourcePosition Here(in Utf8JsonReader reader) => lines.At(reader.TokenStartIndex);
    }
}
