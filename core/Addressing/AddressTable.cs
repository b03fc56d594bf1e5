using System.Collections.Immutable;

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

    /// <summary>Addresses whose services left, still reserved (sorted by address).</summary>
    public ImmutableArray<FreedAddress> Freed { get; init; } = [];

    /// <summary>
    /// Serialises for the stack output: a flat JSON object of service keys when nothing is reserved, else
    /// <c>{"addresses": {…}, "freed": {…}}</c> as in the lock file. <see cref="AddressTableReader"/> reads both.
    /// </summary>
    public string ToJson() => Freed.IsDefaultOrEmpty ? AddressTableWriter.Flat(this) : AddressTableWriter.Document(this, meshId: null, comment: null);

    /// <summary>
    /// Reads a previous allocation leniently (tests and tools): entries that are not addresses are dropped with a message.
    /// Runs use <see cref="AddressTableReader.Read"/>, which refuses a damaged table.
    /// </summary>
    public static (AddressTable Table, ImmutableArray<string> Problems) FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var read = AddressTableReader.Read(json);
        return (read.Table ?? Empty, read.Diagnostics.Select(d => d.Message).ToImmutableArray());
    }
}
