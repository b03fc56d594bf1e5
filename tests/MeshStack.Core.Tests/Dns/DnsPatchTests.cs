using MeshStack.Core.Dns;

namespace MeshStack.Core.Tests.Dns;

/// <summary>What destroy writes back: the cluster keeps a working Corefile (and its own stub domains).</summary>
public class DnsPatchTests
{
    [Fact]
    public void Restoring_a_merged_corefile_gives_back_the_upstream_default()
    {
        var original = CoreDnsReference.UpstreamDefaultCorefile();
        var merged = CorefileMerger.AddGlobalBlock(original, GlobalBlocks.Stub(new(1, 8, 0)).Replace(GlobalBlocks.IstioCoreDnsToken, "10.96.0.53", StringComparison.Ordinal)).Text;
        var restored = DnsPatch.Restore("Corefile", merged);
        Assert.True(restored.Succeeded);
        Assert.Equal(original, restored.Text);
    }

    [Fact]
    public void Restoring_never_returns_an_empty_corefile_for_a_missing_or_broken_one()
    {
        Assert.False(DnsPatch.Restore("Corefile", null).Succeeded);
        var broken = DnsPatch.Restore("Corefile", ".:53 {");
        Assert.False(broken.Succeeded);
        Assert.Null(broken.Text);
    }

    [Fact]
    public void Restoring_stub_domains_drops_only_global()
    {
        Assert.Equal("""{"acme.local": ["1.2.3.4"]}""", DnsPatch.Restore("stubDomains", """{"acme.local": ["1.2.3.4"], "global": ["10.96.0.53"]}""").Text);
        var onlyGlobal = DnsPatch.Restore("stubDomains", """{"global": ["10.96.0.53"]}""");
        Assert.True(onlyGlobal.Succeeded);
        Assert.Null(onlyGlobal.Text);
    }

    [Fact]
    public void Patches_name_the_meshstack_field_manager_and_the_restore_strategy()
    {
        Assert.Contains(DnsPatch.Annotations, a => a.Key == "pulumi.com/patchFieldManager" && a.Value == DnsPatch.FieldManager);
        Assert.Contains(DnsPatch.Annotations, a => a.Key == "meshstack.io/on-delete" && a.Value == "restore-and-retain");
        Assert.False(DnsPatch.Restore("upstreamNameservers", "[]").Succeeded);
    }
}
