using MeshStack.Core.Dns;

namespace MeshStack.Core.Tests.Dns;

public class CoreDnsPluginsTableTests
{
    [Fact]
    public void Table_has_exactly_the_tags_of_the_reference_plugin_cfg_files_and_plugins_by_tag_json()
    {
        var table = CoreDnsPlugins.ByVersion.Keys.Select(v => $"v{v}").Order(StringComparer.Ordinal);
        Assert.Equal(CoreDnsReference.Tags.ToList(), table);
        Assert.Equal(CoreDnsReference.Tags, CoreDnsReference.PluginsByTag().Keys);
    }

    [Theory]
    [MemberData(nameof(CoreDnsReference.TagData), MemberType = typeof(CoreDnsReference))]
    public void Table_entry_equals_the_directives_of_that_tags_plugin_cfg_and_json(string tag)
    {
        var version = CoreDnsReference.Version(tag);
        var cfg = CoreDnsReference.PluginCfg(tag);
        Assert.Equal(cfg.Order(StringComparer.Ordinal), CoreDnsPlugins.ByVersion[version].Order(StringComparer.Ordinal));
        Assert.Equal(cfg.ToList(), CoreDnsReference.PluginsByTag()[tag].ToList());
    }

    [Fact]
    public void A_version_between_tags_has_the_plugins_of_the_tag_before_it()
    {
        Assert.True(CoreDnsPlugins.Has(new(1, 4, 5), "proxy"));
        Assert.False(CoreDnsPlugins.Has(new(1, 4, 5), "ready"));
        Assert.True(CoreDnsPlugins.Has(new(1, 11, 3), "ready"));
        Assert.False(CoreDnsPlugins.Has(new(1, 11, 3), "proxy"));
    }
}
