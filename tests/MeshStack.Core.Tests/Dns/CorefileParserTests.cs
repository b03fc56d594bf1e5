using MeshStack.Core.Dns;

namespace MeshStack.Core.Tests.Dns;

public class CorefileParserTests
{
    [Fact]
    public void Upstream_default_parses_into_one_root_block_with_its_plugins_in_order()
    {
        var corefile = Corefile.Parse(CoreDnsReference.UpstreamDefaultCorefile()).Corefile!;
        var block = Assert.Single(corefile.Blocks);
        Assert.Equal(".:53", Assert.Single(block.Keys).Text);
        Assert.Equal(["errors", "health", "ready", "kubernetes", "prometheus", "forward", "cache", "loop", "reload", "loadbalance"], block.DirectiveNames);
        var kubernetes = block.Directives.Single(d => d.Name == "kubernetes");
        Assert.Equal(["cluster.local", "in-addr.arpa", "ip6.arpa"], kubernetes.Args.AsEnumerable());
        Assert.Equal(["fallthrough"], kubernetes.Block.Select(o => o.Name));
        Assert.Equal("max_concurrent", Assert.Single(block.Directives.Single(d => d.Name == "forward").Block).Name);
    }

    [Fact]
    public void Guide_corefile_has_a_root_block_and_a_global_block_whose_text_is_kept_verbatim()
    {
        var text = CoreDnsReference.GuideDnsData()[2];
        var corefile = Corefile.Parse(text).Corefile!;
        Assert.Equal([".:53", "global:53"], corefile.Blocks.Select(b => b.Keys.Single().Text));
        var global = corefile.Blocks[1];
        Assert.Equal(text[global.Start..global.End], global.Text);
        Assert.StartsWith("global:53 {", global.Text, StringComparison.Ordinal);
        Assert.EndsWith("}", global.Text, StringComparison.Ordinal);
        Assert.True(global.Keys[0].Serves("global", 53));
        Assert.False(corefile.Blocks[0].Keys[0].Serves("global", 53));
    }

    [Theory]
    [InlineData("global:53", "global", 53, "dns")]
    [InlineData("GLOBAL.:53", "global", 53, "dns")]
    [InlineData("dns://global", "global", null, "dns")]
    [InlineData("tls://global:853", "global", 853, "tls")]
    [InlineData(".:53", "", 53, "dns")]
    [InlineData(".", "", null, "dns")]
    public void Server_keys_split_into_scheme_zone_and_port(string key, string zone, int? port, string scheme)
    {
        var k = new ServerKey(key);
        Assert.Equal((scheme, zone, port), (k.Scheme, k.Zone, k.Port));
    }

    [Fact]
    public void Comments_and_quoted_words_do_not_open_or_close_blocks()
    {
        var corefile = Corefile.Parse("""
            # a { comment } with braces
            example.org:53 a.example:53, b.example:53 {
                template IN A "{ quoted }" # trailing }
                hosts {
                    fallthrough }
            }
            import /etc/coredns/custom/*.server
            """).Corefile!;
        var block = Assert.Single(corefile.Blocks);
        Assert.Equal(["example.org:53", "a.example:53", "b.example:53"], block.Keys.Select(k => k.Text));
        Assert.Equal(["IN", "A", "{ quoted }"], block.Directives[0].Args.AsEnumerable());
        Assert.Equal("fallthrough", Assert.Single(block.Directives[1].Block).Name);
        Assert.Equal("/etc/coredns/custom/*.server", Assert.Single(corefile.Imports).Argument);
    }

    [Theory]
    [InlineData(".:53 {\n    errors\n", "never closed")]
    [InlineData(".:53 {\n    errors\n}\n}\n", "'}' without a matching '{'")]
    [InlineData(".:53\nforward . 8.8.8.8\n", "has no '{'")]
    [InlineData("{\n errors\n}\n", "'{' without a server key")]
    [InlineData(".:53 {\n template \"unclosed\n}\n", "quoted word is never closed")]
    [InlineData(".:53 {\n {\n}\n", "'{' where a directive name was expected")]
    public void Malformed_corefiles_give_an_error_with_a_line_number_not_an_exception(string text, string expected)
    {
        var result = Corefile.Parse(text);
        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("line ", result.Error, StringComparison.Ordinal);
    }
}
