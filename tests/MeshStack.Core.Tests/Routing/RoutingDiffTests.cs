using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Routing;

/// <summary>One change to the federation touches only its own objects; every other object renders byte for byte the same.</summary>
public class RoutingDiffTests
{
    private sealed record PlanDiff(
        SortedSet<string> Added, SortedSet<string> Removed, SortedSet<string> Changed, int Unchanged);

    private static (FederationPlan Before, FederationPlan After) Plans(string changed, string profile)
    {
        var before = CompilationHelper.Plan(RoutingFixtures.WithProfile(RoutingFixtures.Text("diff-base"), profile));

        // The previous allocation goes into the next compile, as Pulumi (stack output) and the CLI (lock file) do.
        var after = CompilationHelper.Plan(RoutingFixtures.WithProfile(RoutingFixtures.Text(changed), profile), before.Addresses);
        return (before, after);
    }

    private static PlanDiff Diff(FederationPlan before, FederationPlan after)
    {
        var a = RoutingFixtures.RenderAll(before);
        var b = RoutingFixtures.RenderAll(after);
        static string Name((string Cluster, string Key) k) => $"{k.Cluster} {k.Key}";
        return new PlanDiff(
            new SortedSet<string>(b.Keys.Where(k => !a.ContainsKey(k)).Select(Name), StringComparer.Ordinal),
            new SortedSet<string>(a.Keys.Where(k => !b.ContainsKey(k)).Select(Name), StringComparer.Ordinal),
            new SortedSet<string>(a.Keys.Where(k => b.TryGetValue(k, out var y) && y != a[k]).Select(Name), StringComparer.Ordinal),
            a.Keys.Count(k => b.TryGetValue(k, out var y) && y == a[k]));
    }

    private static string[] OnlyIn(string profile, params string[] keys) => profile == "multi-primary" ? keys : [];

    [Theory]
    [InlineData("multi-primary")]
    [InlineData("legacy-gateways")]
    public void Adding_a_service_adds_its_entries_and_changes_nothing_else(string profile)
    {
        var (before, after) = Plans("diff-add-service", profile);
        var diff = Diff(before, after);

        Assert.Equal(
            ["cluster1 ServiceEntry/istio-system/orders.bar.global", .. OnlyIn(profile, "cluster2 ServiceEntry/bar/orders.bar.global"), "cluster3 ServiceEntry/istio-system/orders.bar.global"],
            diff.Added);
        Assert.Empty(diff.Removed);
        Assert.Empty(diff.Changed);
        Assert.All(before.Addresses.Addresses, e => Assert.Equal(e.Value, after.Addresses[e.Key]));
    }

    [Theory]
    [InlineData("multi-primary")]
    [InlineData("legacy-gateways")]
    public void Removing_a_service_removes_its_entries_and_keeps_every_other_address(string profile)
    {
        var (before, after) = Plans("diff-remove-service", profile);
        var diff = Diff(before, after);

        Assert.Empty(diff.Added);
        Assert.Equal(
            // The service namespace's patch goes too (the namespace stays: deleting a patch drops only MeshStack's fields).
            ["cluster1 ServiceEntry/istio-system/httpbin.bar.global", .. OnlyIn(profile, "cluster2 Namespace/-/bar"), .. OnlyIn(profile, "cluster2 ServiceEntry/bar/httpbin.bar.global"), "cluster3 ServiceEntry/istio-system/httpbin.bar.global"],
            diff.Removed);
        Assert.Empty(diff.Changed);
        Assert.True(diff.Unchanged > 0);
    }

    [Fact]
    public void Removing_a_service_without_the_previous_allocation_would_move_another_address()
    {
        // Shows why the previous table matters: the diff test above would fail without it.
        var before = CompilationHelper.Plan(RoutingFixtures.Text("diff-base"));
        var after = CompilationHelper.Plan(RoutingFixtures.Text("diff-remove-service"));

        Assert.NotEmpty(Diff(before, after).Changed);
    }

    [Theory]
    [InlineData("multi-primary")]
    [InlineData("legacy-gateways")]
    public void Adding_a_version_changes_only_the_consumers_entry_and_subsets(string profile)
    {
        var (before, after) = Plans("diff-add-version", profile);
        var diff = Diff(before, after);

        // The home cluster's subsets change too: its gateway needs them to route the caller's subset SNI.
        var homeRule = profile == "multi-primary" ? "reviews.default.global" : "reviews.default.svc.cluster.local";
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
        Assert.Equal(["cluster1 DestinationRule/istio-system/reviews.default.global", "cluster1 ServiceEntry/istio-system/reviews.default.global", $"cluster3 DestinationRule/istio-system/{homeRule}"], diff.Changed);
    }

    [Theory]
    [InlineData("multi-primary")]
    [InlineData("legacy-gateways")]
    public void Adding_a_cluster_adds_only_objects_in_that_cluster(string profile)
    {
        var (before, after) = Plans("diff-add-cluster", profile);
        var diff = Diff(before, after);

        Assert.Empty(diff.Removed);
        Assert.Empty(diff.Changed);
        Assert.All(diff.Added, k => Assert.StartsWith("cluster4 ", k, StringComparison.Ordinal));
        var routing = RoutingFixtures.RoutingObjects(after).Where(o => o.Cluster == "cluster4").Select(o => o.Key).Order(StringComparer.Ordinal);
        Assert.Equal(
            [.. OnlyIn(profile, "DestinationRule/istio-system/meshstack-global-mtls", "Gateway/istio-system/meshstack-global-gateway"),
             "ServiceEntry/istio-system/echo.bar.global", "ServiceEntry/istio-system/httpbin.bar.global"],
            routing);
    }
}
