using MeshStack.Core.Dns;
using MeshStack.Core.Model;

namespace MeshStack.Core.Tests.Dns;

/// <summary>Every generated Corefile, for every CoreDNS version in the reference plugin.cfg folder.</summary>
public class GlobalBlockTests
{
    private const string Ip = "10.96.0.53";

    private static IEnumerable<(string Mode, string Block)> Blocks(CoreDnsVersion version) =>
    [
        ("stub", GlobalBlocks.Stub(version).Replace(GlobalBlocks.IstioCoreDnsToken, Ip, StringComparison.Ordinal)),
        ("hosts", GlobalBlocks.Hosts(version, [("httpbin.bar.global", "240.0.0.2"), ("sleep.foo.global", "240.0.0.3")])),
    ];

    private static IEnumerable<Directive> All(IEnumerable<Directive> directives) =>
        directives.SelectMany(d => All(d.Block).Prepend(d));

    [Theory]
    [MemberData(nameof(CoreDnsReference.TagData), MemberType = typeof(CoreDnsReference))]
    public void Generated_corefile_parses_and_uses_only_plugins_that_versions_plugin_cfg_lists(string tag)
    {
        var version = CoreDnsReference.Version(tag);
        var known = CoreDnsReference.PluginCfg(tag).ToHashSet(StringComparer.Ordinal);
        foreach (var (mode, block) in Blocks(version))
        {
            var merged = CorefileMerger.AddGlobalBlock(DefaultCorefiles.For(version), block).Text!;
            var corefile = Corefile.Parse(merged).Corefile!;
            Assert.Equal([".:53", "global:53"], corefile.Blocks.Select(b => string.Join(' ', b.Keys.Select(k => k.Text))));
            var unknown = corefile.Blocks.SelectMany(b => b.DirectiveNames).Where(d => !known.Contains(d)).ToList();
            Assert.True(unknown.Count == 0, $"{mode} on {tag} uses {string.Join(", ", unknown)}:\n{merged}");
        }
    }

    [Theory]
    [MemberData(nameof(CoreDnsReference.TagData), MemberType = typeof(CoreDnsReference))]
    public void Generated_corefile_has_no_plugin_or_option_removed_by_that_version(string tag)
    {
        var version = CoreDnsReference.Version(tag);
        foreach (var (_, block) in Blocks(version))
        {
            var corefile = Corefile.Parse(CorefileMerger.AddGlobalBlock(DefaultCorefiles.For(version), block).Text!).Corefile!;
            var directives = corefile.Blocks.SelectMany(b => b.Directives).ToList();
            if (version >= new CoreDnsVersion(1, 5, 0))
            {
                Assert.DoesNotContain("proxy", directives.Select(d => d.Name));
            }

            if (version >= new CoreDnsVersion(1, 7, 0))
            {
                Assert.DoesNotContain(directives.Where(d => d.Name == "kubernetes").SelectMany(d => All(d.Block)), o => o.Name is "upstream" or "resyncperiod");
                Assert.DoesNotContain("federation", directives.Select(d => d.Name));
            }
        }
    }

    [Theory]
    [MemberData(nameof(CoreDnsReference.TagData), MemberType = typeof(CoreDnsReference))]
    public void Generated_block_merged_into_the_upstream_default_keeps_it_and_uses_known_plugins(string tag)
    {
        var version = CoreDnsReference.Version(tag);
        var upstream = CoreDnsReference.UpstreamDefaultCorefile();
        var known = CoreDnsReference.PluginCfg(tag).ToHashSet(StringComparer.Ordinal);
        foreach (var (_, block) in Blocks(version))
        {
            var corefile = Corefile.Parse(CorefileMerger.AddGlobalBlock(upstream, block).Text!).Corefile!;
            Assert.Equal(Corefile.Parse(upstream).Corefile!.Blocks[0].Text, corefile.Blocks[0].Text);
            Assert.All(corefile.Serving("global", 53).Single().DirectiveNames, d => Assert.Contains(d, known));
        }
    }

    [Theory]
    [InlineData("v1.3.1", 1)]
    [InlineData("v1.4.0", 2)]
    public void Stub_block_has_the_directives_of_the_guides_global_block(string tag, int guideDocument)
    {
        var guide = CoreDnsReference.GuideDnsData()[guideDocument].Replace(CoreDnsReference.GuideIstioCoreDnsPlaceholder, Ip, StringComparison.Ordinal);
        var expected = Corefile.Parse(guide).Corefile!.Serving("global", 53).Single().Directives;
        var ours = Corefile.Parse(GlobalBlocks.Stub(CoreDnsReference.Version(tag))).Corefile!.Blocks.Single().Directives;
        Assert.Equal(
            expected.Select(d => $"{d.Name} {string.Join(' ', d.Args)}"),
            ours.Select(d => $"{d.Name} {string.Join(' ', d.Args)}".Replace(GlobalBlocks.IstioCoreDnsToken, Ip, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("v1.5.0")]
    [InlineData("v1.7.0")]
    [InlineData("v1.14.7")]
    public void From_1_5_the_stub_block_is_the_guides_forward_block_plus_ready(string tag)
    {
        var ours = Corefile.Parse(GlobalBlocks.Stub(CoreDnsReference.Version(tag))).Corefile!.Blocks.Single();
        Assert.Equal(["errors", "cache", "ready", "forward"], ours.DirectiveNames);
        Assert.Equal([".", GlobalBlocks.IstioCoreDnsToken], ours.Directives.Single(d => d.Name == "forward").Args.AsEnumerable());
    }

    [Fact]
    public void Hosts_block_lists_every_entry_sorted_and_has_no_fallthrough()
    {
        var block = GlobalBlocks.Hosts(null, [("sleep.foo.global", "240.0.0.3"), ("httpbin.bar.global", "240.0.0.2")]);
        var hosts = Corefile.Parse(block).Corefile!.Blocks.Single().Directives.Single(d => d.Name == "hosts");
        Assert.Equal(["240.0.0.2 httpbin.bar.global", "240.0.0.3 sleep.foo.global"], hosts.Block.Select(e => $"{e.Name} {string.Join(' ', e.Args)}"));
        Assert.DoesNotContain("fallthrough", block, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", block, StringComparison.Ordinal);
    }
}
