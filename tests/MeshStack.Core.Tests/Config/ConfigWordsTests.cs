using MeshStack.Core.Config;
using MeshStack.Core.Model;

namespace MeshStack.Core.Tests.Config;

/// <summary>Output names options as the stack file writes them (issue 14): each word reads back as the same option.</summary>
public class ConfigWordsTests
{
    private static StackBuilder Stack(string profile) => StackBuilder.Empty().With("profile", profile).With("istio", "{ releaseDir: ./istio }");

    [Theory]
    [InlineData(Profile.MultiPrimary, "multi-primary")]
    [InlineData(Profile.LegacyGateways, "legacy-gateways")]
    public void A_profile_word_reads_back_as_the_profile(Profile profile, string word)
    {
        Assert.Equal(word, ConfigWords.Of(profile));
        var (spec, _) = SpecReader.Read(StackFile.Parse(Stack(word).Cluster("c1", null).Build()).Document!);
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
        var (spec, diagnostics) = SpecReader.Read(StackFile.Parse(Stack(profile).Cluster("c1", null, $"dns: {written}").Build()).Document!);
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
