using MeshStack.Core.Addressing;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Tests.Addressing;

/// <summary>A damaged address table is refused with its position, never read as empty (issue 14).</summary>
public class AddressTableReaderTests
{
    [Theory]
    [InlineData("<<<<<<< HEAD\n{\"addresses\": {\"a.b\": \"240.0.0.1\"}}\n=======\n{}\n>>>>>>> pr\n", 1, 1, "merge-conflict markers")]
    [InlineData("{\"addresses\": {\n<<<<<<< ours\n\"a.b\": \"240.0.0.1\"\n=======\n\"c.d\": \"240.0.0.1\"\n>>>>>>> theirs\n}}\n", 2, 1, "union of both sides")]
    [InlineData("", 1, 1, "empty")]
    [InlineData("{\"addresses\": {\"a.b\": \"240.0.0.1\"", 1, 34, "not valid JSON")]
    [InlineData("[1, 2]", 1, 1, "a list, not a JSON object")]
    [InlineData("{\"addresses\": {\"a.b\": \"240.0.0.300\"}}", 1, 23, "'240.0.0.300' is not an IPv4 address")]
    [InlineData("{\"addresses\": {\"a.b\": \"240.0.0.1\", \"c.d\": \"240.0.0.1\"}}", 1, 43, "both have the address '240.0.0.1'")]
    [InlineData("{\"addresses\": {\"a.b\": \"240.0.0.1\", \"a.b\": \"240.0.0.2\"}}", 1, 36, "'a.b' appears twice")]
    [InlineData("{\"addresses\": [], \"meshId\": \"m\"}", 1, 2, "'addresses' is a list, not an object")]
    [InlineData("{\"addresses\": {}, \"adresses\": {}}", 1, 19, "'adresses' is not a key of the address table")]
    [InlineData("{\"addresses\": {}, \"freed\": {\"240.0.0.9\": {\"service\": \"a.b\", \"freedOn\": \"yesterday\"}}}", 1, 29, "not a freed-address entry")]
    [InlineData("{\"nonsense\": \"240.0.0.1\"}", 1, 2, "not a service key")]
    public void A_damaged_table_is_an_error_at_its_position(string text, int line, int column, string message)
    {
        var read = AddressTableReader.Read(text);
        Assert.Null(read.Table);
        var d = Assert.Single(read.Diagnostics);
        Assert.Equal(("MSH100", Severity.Error), (d.Code, d.Severity));
        Assert.Equal(new SourcePosition(line, column), d.Position);
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        Assert.Contains(AddressTableReader.StartOverFlag, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lock_file_document_round_trips_with_freed_addresses_and_mesh_id()
    {
        var table = new AddressTable(System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(
            StringComparer.Ordinal, [KeyValuePair.Create("a.bar", new Ipv4(0xF0000001))]))
        {
            Freed = [new FreedAddress(new Ipv4(0xF0000002), "b.bar", new DateOnly(2026, 11, 30)), new FreedAddress(new Ipv4(0xF0000003), "c.bar", null)],
        };
        var read = AddressTableReader.Read(AddressTableWriter.Document(table, "mesh-1", "comment"));
        Assert.Empty(read.Diagnostics);
        Assert.Equal("mesh-1", read.MeshId);
        Assert.Equal(table.Addresses, read.Table!.Addresses);
        Assert.Equal(table.Freed.ToArray(), read.Table.Freed.ToArray());
        Assert.Equal(AddressTableWriter.Document(table, "mesh-1", "comment"), AddressTableWriter.Document(read.Table, "mesh-1", "comment"));
    }

    [Fact]
    public void The_flat_stack_output_of_earlier_versions_is_still_read()
    {
        var read = AddressTableReader.Read("{\n  \"a.bar\": \"240.0.0.1\",\n  \"b.bar\": \"240.0.0.2\"\n}\n");
        Assert.Equal(["a.bar", "b.bar"], read.Table!.Addresses.Keys);
        Assert.Equal(read.Table.ToJson(), AddressTableReader.Read(read.Table.ToJson()).Table!.ToJson());
    }
}
