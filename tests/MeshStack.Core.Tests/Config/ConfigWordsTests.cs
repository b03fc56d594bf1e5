using MeshStack.Core.Config;
using MeshStack.Core.Model;

namespace MeshStack.Core.Tests.Config;

/// <summary>Output names options as the stack file writes them (issue 14): each word reads back as the same option.</summary>
public class ConfigWordsTests
{
    [Theory]
    [InlineData(Profile.MultiPrimary, "multi-primary")]
    [InlineData(Profile.LegacyGateways, "legacy-gateways")]
    public void A_profile_word_reads_back_as_the_profile(Profile profile, string word)
    {
        Assert.Equal(word, ConfigWords.Of(profile));
        var (spec, _) = SpecReader.Read(StackFile.Parse($"config:\n  meshstack:profile: {word}\n  meshstack:istio: {{ releaseDir: ./istio }}\n  meshstack:clusters: [{{ name: c1 }}]\n").Document!);
        Assert.Equal(profile, spec!.Profile);
    }

    [Theory]
    [InlineData("proxy", "proxy")]
    [InlineData("hosts", "hosts")]
    [InlineData("kube-dns", "kube-dns")]
    [InlineData("coredns-1.8.0", "coredns-1.8.0")]
    public void A_dns_word_reads_back_as_written(string written, string shown)
    {
        var profile = written is "kube-dns" or "coredns-1.8.0" ? "legacy-gateways" : "multi-primary";
        var (spec, diagnostics) = SpecReader.Read(StackFile.Parse($"config:\n  meshstack:profile: {profile}\n  meshstack:istio: {{ releaseDir: ./istio }}\n  meshstack:clusters: [{{ name: c1, dns: {written} }}]\n").Document!);
        Assert.True(spec is not null, string.Join("\n", diagnostics));
        Assert.Equal(shown, ConfigWords.Of(spec.Clusters[0].Dns));
    }

    [Fact]
    public void Routes_and_stack_modes_have_their_config_words()
    {
        Assert.Equal(["direct", "egress"], Enum.GetValues<RouteMode>().Select(ConfigWords.Of));
        Assert.Equal(["federation", "per-cluster"], Enum.GetValues<StackMode>().Select(ConfigWords.Of));
    }
}
