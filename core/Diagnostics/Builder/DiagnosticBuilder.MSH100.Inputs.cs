using System.Text.Json;
using MeshStack.Core.Addressing;

namespace MeshStack.Core.Diagnostics;

/// <summary>Why the address table as a whole cannot be read (MSH100).</summary>
internal enum AddressTableDamage
{
    /// <summary>Git merge-conflict markers.</summary>
    ConflictMarkers,

    /// <summary>Not JSON.</summary>
    NotJson,
}

/// <summary>What is wrong with one entry of the address table (MSH100).</summary>
internal enum AddressTableEntryProblem
{
    /// <summary>A top-level key the table does not have.</summary>
    UnknownKey,

    /// <summary>An address entry whose key is not NAME.NS.</summary>
    NotAServiceKey,

    /// <summary>The same, in a flat table that is neither a lock file nor an addressTable output.</summary>
    NotAServiceKeyInFlatTable,

    /// <summary>A service listed twice.</summary>
    KeyTwice,

    /// <summary>A freed entry that is not an IPv4 address with a service and a day.</summary>
    NotAFreedEntry,
}

// MSH100-MSH102: robustness (issue 14): inputs MeshStack reads back that are damaged or are the wrong file.
public static partial class DiagnosticBuilder
{
    /// <summary>MSH100: the address table as a whole is unreadable; <paramref name="detail"/> is the first conflict marker line, or the JSON parser's first sentence.</summary>
    internal static Diagnostic UnreadableAddressTable(AddressTableDamage damage, string detail, SourcePosition position) => At("addresses", damage == AddressTableDamage.ConflictMarkers
        ? $"the address table has Git merge-conflict markers ('{detail}'): two branches each changed it. Resolve it as the union of both sides: keep every entry of both sides, remove the marker lines, and if both sides gave one address to two different services keep one of them (the other gets a new address on the next run). To start over instead (addresses may move), pass {AddressTableReader.StartOverFlag}"
        : $"the address table is not valid JSON ({detail}); fix it, restore it from version control, or pass {AddressTableReader.StartOverFlag} to allocate every address afresh (addresses may move)", position);

    /// <summary>MSH100: the address table is empty.</summary>
    internal static Diagnostic UnreadableAddressTable() =>
        At("addresses", $"the address table is empty; restore it from version control, or pass {AddressTableReader.StartOverFlag} to allocate every address afresh (addresses may move)", new SourcePosition(1, 1));

    /// <summary>MSH100: the address table's top level is not a JSON object.</summary>
    internal static Diagnostic UnreadableAddressTable(JsonTokenType found, SourcePosition position) =>
        At("addresses", FixIt($"the address table is {JsonKind(found)}, not a JSON object"), position);

    /// <summary>MSH100: a top-level key (meshId, addresses, freed) holds the wrong kind of value.</summary>
    internal static Diagnostic UnreadableAddressTable(string key, JsonTokenType found, SourcePosition position) =>
        At(key, FixIt($"'{key}' is {JsonKind(found)}, not {(key == "meshId" ? "a string" : "an object")}"), position);

    /// <summary>MSH100: an entry whose key is not what the table holds there.</summary>
    internal static Diagnostic UnreadableAddressTable(string path, AddressTableEntryProblem problem, string key, SourcePosition position) => At(path, FixIt(problem switch
    {
        AddressTableEntryProblem.UnknownKey => $"'{key}' is not a key of the address table (comment, meshId, addresses, freed)",
        AddressTableEntryProblem.NotAServiceKey => $"'{key}' is not a service key (NAME.NS)",
        AddressTableEntryProblem.NotAServiceKeyInFlatTable => $"'{key}' is not a service key (NAME.NS); the address table is neither a lock file nor an addressTable output",
        AddressTableEntryProblem.KeyTwice => $"'{key}' appears twice; keep one entry (its address is the one clients use today)",
        _ => $"'{key}' is not a freed-address entry ({{\"service\": \"NAME.NS\", \"freedOn\": \"YYYY-MM-DD\"}} under an IPv4 address)",
    }), position);

    /// <summary>MSH100: a service's entry whose value (<paramref name="text"/>, null when not a string) is not an IPv4 address.</summary>
    internal static Diagnostic UnreadableAddressTable(string path, string? text, string key, SourcePosition position) =>
        At(path, FixIt($"'{text ?? "(not a string)"}' is not an IPv4 address; write the service's previous address, or delete the entry to give '{key}' a new one"), position);

    /// <summary>MSH100: two services with one address.</summary>
    internal static Diagnostic UnreadableAddressTable(string path, string key, string other, Ipv4 address, SourcePosition position) =>
        At(path, FixIt($"'{key}' and '{other}' both have the address '{address}' (a merge of two branches that each added a service?); keep it for one of them and delete the other entry, which then gets a new address"), position);

    /// <summary>MSH101: a freed address is handed out before its reservation ended, because the pool has no other.</summary>
    internal static Diagnostic FreedAddressReused(string service, FreedAddress oldest, Cidr pool) =>
        At($"meshstack:services[{service}]", $"'{service}' gets {oldest.Address}, freed by '{oldest.Service}'{(oldest.FreedOn is { } d ? $" on {d:yyyy-MM-dd}" : "")}, before its {AddressAllocator.ReservationDays}-day reservation ended: the pool {pool} has no other free address; clients that still cache the old name may reach the wrong service; use a larger pool");

    /// <summary>MSH102: the file given is a Pulumi project file, or a stack file that lost its <c>config:</c> line.</summary>
    internal static Diagnostic NotAStackFile(DocumentProblem problem, SourcePosition? position) => At("config", problem == DocumentProblem.ProjectFile
        ? "this is the Pulumi project file (Pulumi.yaml: name, runtime), not a stack settings file; pass Pulumi.<stack>.yaml, e.g. Pulumi.dev.yaml"
        : "the meshstack: keys are at the top of the file, but a stack settings file keeps them under 'config:'; add a line 'config:' first and indent the keys below it", position);

    private static string FixIt(string problem) => problem + $"; fix it, or pass {AddressTableReader.StartOverFlag} to allocate every address afresh (addresses may move)";

    private static string JsonKind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "a list",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "not an object",
    };
}
