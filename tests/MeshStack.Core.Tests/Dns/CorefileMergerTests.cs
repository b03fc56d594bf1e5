using MeshStack.Core.Dns;

namespace MeshStack.Core.Tests.Dns;

public class CorefileMergerTests
{
    private static readonly string Block = GlobalBlocks.Stub(new(1, 7, 0)).Replace(GlobalBlocks.IstioCoreDnsToken, "10.96.0.53", StringComparison.Ordinal);

    // A cluster operator's own Corefile: several zones, an import, comments, CRLF line ends, no final newline.
    private const string Customised =
        "# company DNS\r\n" +
        ".:53 {\r\n    errors\r\n    ready\r\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\r\n      fallthrough in-addr.arpa ip6.arpa\r\n    }\r\n" +
        "    forward . 10.0.0.2 10.0.0.3 {\r\n      policy sequential\r\n    }\r\n    cache 30\r\n    reload\r\n}\r\n" +
        "corp.example:53 {\r\n    errors\r\n    forward . 10.1.0.53\r\n}\r\n" +
        "global:5353 {\r\n    whoami\r\n}\r\n" +
        "import /etc/coredns/custom/*.server";

    public static TheoryData<string, string> Originals() => new()
    {
        { "upstream default", CoreDnsReference.UpstreamDefaultCorefile() },
        { "customised", Customised },
        { "guide < 1.4 root block", DefaultCorefiles.Proxy },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(Originals))]
    public void Merge_keeps_every_original_block_byte_identical_and_adds_one_global_block(string name, string original)
    {
        var merged = CorefileMerger.AddGlobalBlock(original, Block).Text!;
        var before = Corefile.Parse(original).Corefile!;
        var after = Corefile.Parse(merged).Corefile!;
        Assert.StartsWith(original, merged, StringComparison.Ordinal);
        Assert.Equal(before.Blocks.Select(b => (b.Text, b.Start)), after.Blocks.Take(before.Blocks.Length).Select(b => (b.Text, b.Start)));
        Assert.Equal(before.Imports.ToList(), after.Imports.ToList());
        Assert.Equal(Block, Assert.Single(after.Serving("global", 53)).Text);
        Assert.Equal(before.Blocks.Length + 1, after.Blocks.Length);
        Assert.NotNull(name);
    }

    [Theory]
    [MemberData(nameof(Originals))]
    public void Merging_twice_equals_merging_once(string name, string original)
    {
        var once = CorefileMerger.AddGlobalBlock(original, Block).Text!;
        Assert.Equal(once, CorefileMerger.AddGlobalBlock(once, Block).Text);
        Assert.NotNull(name);
    }

    [Theory]
    [MemberData(nameof(Originals))]
    public void Removing_the_global_block_gives_back_the_original(string name, string original)
    {
        var merged = CorefileMerger.AddGlobalBlock(original, Block).Text!;
        Assert.Equal(original, CorefileMerger.RemoveGlobalBlock(merged).Text);
        Assert.Equal(original, CorefileMerger.RemoveGlobalBlock(original).Text);
        Assert.NotNull(name);
    }

    [Fact]
    public void A_new_istiocoredns_address_replaces_the_block_in_place()
    {
        var first = CorefileMerger.AddGlobalBlock(Customised, Block).Text!;
        var moved = Block.Replace("10.96.0.53", "10.96.7.7", StringComparison.Ordinal);
        var second = CorefileMerger.AddGlobalBlock(first, moved).Text!;
        Assert.Equal(first.Replace("10.96.0.53", "10.96.7.7", StringComparison.Ordinal), second);
        Assert.Equal(Customised, CorefileMerger.RemoveGlobalBlock(second).Text);
    }

    [Fact]
    public void A_global_block_the_operator_wrote_is_refused_and_the_corefile_left_alone()
    {
        var guide = CoreDnsReference.GuideDnsData()[2];
        var result = CorefileMerger.AddGlobalBlock(guide, Block);
        Assert.False(result.Succeeded);
        Assert.Contains("global:53", result.Error, StringComparison.Ordinal);
        Assert.Contains("did not write", result.Error, StringComparison.Ordinal);
        Assert.Equal(guide, CorefileMerger.RemoveGlobalBlock(guide).Text);
    }

    [Fact]
    public void A_malformed_live_corefile_is_refused_not_thrown()
    {
        var result = CorefileMerger.AddGlobalBlock(".:53 {\n    errors\n", Block);
        Assert.False(result.Succeeded);
        Assert.Contains("does not parse", result.Error, StringComparison.Ordinal);
        Assert.False(CorefileMerger.RemoveGlobalBlock("}").Succeeded);
    }

    [Theory]
    [InlineData("global:53 {\n    errors\n}")]
    [InlineData(".:53 {\n    " + GlobalBlocks.Marker + "\n}")]
    [InlineData("global:53 {\n    " + GlobalBlocks.Marker + "\n}\nglobal:53 {\n    " + GlobalBlocks.Marker + "\n}")]
    public void Only_one_marked_global_block_can_be_merged(string block)
    {
        Assert.False(CorefileMerger.AddGlobalBlock(DefaultCorefiles.Upstream, block).Succeeded);
    }
}
