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

    /// <summary>MSH100: an entry of the address table is not what the reader expects; <paramref name="problem"/> is the reader's finding.</summary>
    internal static Diagnostic UnreadableAddressTable(string path, string problem, SourcePosition position) =>
        At(path, problem + $"; fix it, or pass {AddressTableReader.StartOverFlag} to allocate every address afresh (addresses may move)", position);

    /// <summary>MSH101: a freed address is handed out before its reservation ended, because the pool has no other.</summary>
    internal static Diagnostic FreedAddressReused(string service, FreedAddress oldest, Cidr pool) =>
        At($"meshstack:services[{service}]", $"'{service}' gets {oldest.Address}, freed by '{oldest.Service}'{(oldest.FreedOn is { } d ? $" on {d:yyyy-MM-dd}" : "")}, before its {AddressAllocator.ReservationDays}-day reservation ended: the pool {pool} has no other free address; clients that still cache the old name may reach the wrong service; use a larger pool");

    /// <summary>MSH102: the file given is a Pulumi project file, or a stack file that lost its <c>config:</c> line.</summary>
    internal static Diagnostic NotAStackFile(DocumentProblem problem, SourcePosition? position) => At("config", problem == DocumentProblem.ProjectFile
        ? "this is the Pulumi project file (Pulumi.yaml: name, runtime), not a stack settings file; pass Pulumi.<stack>.yaml, e.g. Pulumi.dev.yaml"
        : "the meshstack: keys are at the top of the file, but a stack settings file keeps them under 'config:'; add a line 'config:' first and indent the keys below it", position);
}
