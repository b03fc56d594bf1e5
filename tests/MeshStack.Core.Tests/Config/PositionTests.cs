using MeshStack.Core.Addressing;
using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Tests.Config;

/// <summary>Every diagnostic carries a line and column, and broken documents are explained in our words (issue 14).</summary>
public class PositionTests
{
    private const string Stack = """
        config:
          meshstack:meshId: mesh1
          meshstack:clusters:
            - name: cluster1
              gateway: { address: 192.0.2.1 }
          meshstack:services:
            - name: httpbin
              namespace: bar
              clusters: [cluster9]
              ports: [{ name: http, number: 80 }]
              consumers: [cluster1, cluster7]
            - name: httpbin
              namespace: bar
              clusters: [cluster1]
              ports: [{ name: http, number: 80 }]

        """;

    [Fact]
    public void Cross_service_rules_report_the_line_and_column_of_the_value()
    {
        var result = CompilationHelper.Compile(Stack);
        Assert.Equal(
            [("MSH012", new SourcePosition(12, 13)), ("MSH013", new SourcePosition(9, 17)), ("MSH014", new SourcePosition(11, 18))],
            result.Errors.Select(d => (d.Code, d.Position!.Value)).OrderBy(x => x.Code, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("meshstack:services[1].name", 12, 13)]
    [InlineData("meshstack:services[httpbin.bar]", 7, 7)]
    [InlineData("meshstack:services[0].address", 7, 7)]
    [InlineData("meshstack:addressPool", 2, 3)]
    [InlineData("config", 2, 3)]
    [InlineData("", 2, 3)]
    public void A_path_maps_to_its_value_or_its_nearest_written_ancestor(string path, int line, int column)
    {
        var (document, _) = StackFile.Parse(Stack);
        Assert.Equal(new SourcePosition(line, column), ConfigPositions.Find(document!, path));
    }

    [Fact]
    public void A_slash_32_pool_overlaps_no_reserved_range()
    {
        Assert.True(Cidr.TryParse("240.0.0.1/32", out var pool, out _));
        Assert.Equal(pool.First, pool.Last);
        Assert.Null(ReservedRanges.FindOverlap(pool));
        Assert.Equal(1UL, AddressAllocator.UsableCount(pool));
    }

    [Theory]
    [InlineData("config:\n  meshstack:clusters: [ { name: a }\n  meshstack:meshId: x\n", '[', 2, 23)]
    [InlineData("config:\n  meshstack:clusters: [\n", '[', 2, 23)]
    [InlineData("config:\n  meshstack:clusters:\n    - { name: a, gateway: { address: 192.0.2.1 }\n", '{', 3, 7)]
    public void An_unclosed_bracket_is_reported_at_its_opening(string text, char bracket, int line, int column)
    {
        var d = Assert.Single(CompilationHelper.Compile(text).Errors);
        Assert.Equal("MSH001", d.Code);
        Assert.Equal(new SourcePosition(line, column), d.Position);
        Assert.Contains($"the '{bracket}' opened here is never closed", d.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Operation is not valid", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_path_prints_no_empty_segment()
    {
        var d = DiagnosticBuilder.MalformedDocument(new SourcePosition(1, 1), "message");
        Assert.Equal("f.yaml(1,1): error MSH001: a stack file is a mapping with a 'config:' key, found message", d.Format("f.yaml"));
    }
}
