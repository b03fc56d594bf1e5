using MeshStack.Core.Dns;
using MeshStack.Core.Model;

namespace MeshStack.Core.Tests.Dns;

public class DefaultCorefilesTests
{
    [Fact]
    public void Upstream_default_is_coredns_yaml_sed_with_its_placeholders_filled_in()
    {
        Assert.Equal(DefaultCorefiles.Upstream, CoreDnsReference.UpstreamDefaultCorefile());
    }

    [Theory]
    [InlineData(1, DefaultCorefiles.Proxy)]
    [InlineData(2, DefaultCorefiles.Forward)]
    public void Guide_era_defaults_are_the_root_block_of_the_guides_corefile(int guideDocument, string expected)
    {
        var guide = Corefile.Parse(CoreDnsReference.GuideDnsData()[guideDocument]).Corefile!;
        Assert.Equal(expected, guide.Blocks.Single(b => b.Keys.Single().Text == ".:53").Text + "\n");
    }

    [Fact]
    public void Before_1_7_the_default_has_no_forward_option_the_1_6_7_readme_lacks()
    {
        Assert.DoesNotContain("max_concurrent", CoreDnsReference.Doc("plugin-forward-README.v1.6.7.md"), StringComparison.Ordinal);
        Assert.DoesNotContain("max_concurrent", DefaultCorefiles.For(new CoreDnsVersion(1, 6, 7)), StringComparison.Ordinal);
        Assert.Equal(DefaultCorefiles.UpstreamBefore17, DefaultCorefiles.Upstream.Replace(" {\n      max_concurrent 1000\n    }", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1.2.6", "proxy")]
    [InlineData("1.3.1", "proxy")]
    [InlineData("1.4.0", "forward")]
    [InlineData("1.6.7", "forward")]
    [InlineData("1.8.0", "forward")]
    public void Default_for_a_version_forwards_with_the_plugin_that_version_uses(string version, string plugin)
    {
        Assert.True(CoreDnsVersion.TryParse(version, out var v));
        Assert.Contains(plugin, Corefile.Parse(DefaultCorefiles.For(v)).Corefile!.Blocks.Single().DirectiveNames);
    }
}
