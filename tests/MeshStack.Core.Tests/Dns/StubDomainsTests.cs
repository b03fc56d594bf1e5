using MeshStack.Core.Dns;

namespace MeshStack.Core.Tests.Dns;

public class StubDomainsTests
{
    [Fact]
    public void Merging_into_no_stub_domains_gives_the_guides_value()
    {
        var guide = CoreDnsReference.GuideDnsData()[0].Replace(CoreDnsReference.GuideIstioCoreDnsPlaceholder, "10.96.0.53", StringComparison.Ordinal).Trim();
        Assert.Equal(guide, StubDomains.Merge(null, "10.96.0.53").Text);
        Assert.Equal(guide, StubDomains.Merge("  ", "10.96.0.53").Text);
    }

    [Fact]
    public void Merge_keeps_other_stub_domains_in_order_and_as_written()
    {
        const string existing = """{"acme.local": ["1.2.3.4"], "corp.example":["10.0.0.2","10.0.0.3"]}""";
        var merged = StubDomains.Merge(existing, "10.96.0.53").Text;
        Assert.Equal("""{"acme.local": ["1.2.3.4"], "corp.example": ["10.0.0.2","10.0.0.3"], "global": ["10.96.0.53"]}""", merged);
    }

    [Fact]
    public void Merge_replaces_global_in_place_and_twice_equals_once()
    {
        const string existing = """{"global": ["10.96.9.9"], "acme.local": ["1.2.3.4"]}""";
        var once = StubDomains.Merge(existing, "10.96.0.53").Text!;
        Assert.Equal("""{"global": ["10.96.0.53"], "acme.local": ["1.2.3.4"]}""", once);
        Assert.Equal(once, StubDomains.Merge(once, "10.96.0.53").Text);
    }

    [Fact]
    public void Remove_gives_back_the_other_entries_or_nothing()
    {
        Assert.Equal("""{"acme.local": ["1.2.3.4"]}""", StubDomains.Remove("""{"acme.local": ["1.2.3.4"], "global": ["10.96.0.53"]}""").Text);
        var last = StubDomains.Remove("""{"global": ["10.96.0.53"]}""");
        Assert.True(last.Succeeded);
        Assert.Null(last.Text);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""["global"]""", "not a JSON object")]
    [InlineData("""{"acme.local": "1.2.3.4"}""", "'acme.local' is not a list")]
    [InlineData("""{"acme.local": [1]}""", "'acme.local' is not a list")]
    public void Unreadable_stub_domains_are_refused_with_the_value_quoted(string existing, string expected)
    {
        var result = StubDomains.Merge(existing, "10.96.0.53");
        Assert.False(result.Succeeded);
        Assert.Null(result.Text);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }
}
