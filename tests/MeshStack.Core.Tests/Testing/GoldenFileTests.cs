namespace MeshStack.Core.Tests.Testing;

/// <summary>The golden-file helper rewrites only on purpose, and never on CI (STYLE rule 11).</summary>
public sealed class GoldenFileTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Compares_when_no_update_is_asked_for() =>
        Assert.False(GoldenFile.UpdateRequested(Environment(("CI", "true"))));

    [Fact]
    public void Rewrites_when_asked_for_off_CI() =>
        Assert.True(GoldenFile.UpdateRequested(Environment((GoldenFile.UpdateVariable, "1"))));

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("yes")]
    public void Refuses_to_rewrite_on_CI(string ci)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => GoldenFile.UpdateRequested(Environment((GoldenFile.UpdateVariable, "1"), ("CI", ci))));
        Assert.Contains("refused on CI", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("")]
    public void A_CI_variable_that_says_no_is_not_CI(string ci) =>
        Assert.True(GoldenFile.UpdateRequested(Environment((GoldenFile.UpdateVariable, "1"), ("CI", ci))));

    [Fact]
    public void Locates_the_running_test_projects_golden_folder() =>
        Assert.Equal(Path.Combine(Repo.Root, "tests", "MeshStack.Core.Tests", "Golden", "dns", "x.yaml"), GoldenFile.PathOf(Path.Combine("dns", "x.yaml")));
}
