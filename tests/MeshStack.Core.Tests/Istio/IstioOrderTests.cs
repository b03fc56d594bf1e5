using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using static MeshStack.Core.Tests.Istio.IstioTestData;

namespace MeshStack.Core.Tests.Istio;

public class IstioOrderTests
{
    private const string Namespace = "Namespace/-/istio-system";
    private const string CaCerts = "Secret/istio-system/cacerts";

    public static TheoryData<string, string> MultiPrimaryClusters => new() { { "Pulumi.multi-primary.yaml", "cluster1" }, { "Pulumi.multi-primary.yaml", "cluster2" } };

    public static TheoryData<string, string> LegacyClusters => new() { { "Pulumi.legacy.yaml", "cluster1" }, { "Pulumi.legacy.yaml", "cluster2" } };

    [Theory]
    [MemberData(nameof(MultiPrimaryClusters))]
    public void Multi_primary_installs_namespace_then_cacerts_then_base_then_istiod_then_gateways_then_routing(string fixture, string name)
    {
        var cluster = Cluster(CompilationHelper.Plan(Fixture(fixture)), name);
        var dependsOn = cluster.Items.ToDictionary(i => i.Key, i => i.DependsOn);
        var gateways = cluster.Releases.Where(r => r.Chart == "gateway").Select(r => r.Key).ToList();
        Assert.NotEmpty(gateways);

        Assert.Contains(Namespace, dependsOn[CaCerts]);
        Assert.Contains(CaCerts, dependsOn["HelmRelease/istio-system/istio-base"]);
        Assert.Equal(["HelmRelease/istio-system/istio-base"], dependsOn["HelmRelease/istio-system/istiod"].ToArray());
        Assert.Contains(CaCerts, Closure(cluster, "HelmRelease/istio-system/istiod"));
        Assert.All(gateways, g => Assert.Equal(["HelmRelease/istio-system/istiod"], dependsOn[g].ToArray()));
        var routing = cluster.Items.Where(i => i.Concern == Concern.Routing).ToList();
        Assert.NotEmpty(routing);
        Assert.All(routing, r => Assert.All(gateways, g => Assert.Contains(g, r.DependsOn)));
    }

    [Theory]
    [MemberData(nameof(LegacyClusters))]
    public void Legacy_installs_namespace_then_cacerts_then_the_operator_then_the_IstioOperator_then_routing(string fixture, string name)
    {
        var cluster = Cluster(CompilationHelper.Plan(Fixture(fixture)), name);
        var dependsOn = cluster.Items.ToDictionary(i => i.Key, i => i.DependsOn);
        const string Operator = "HelmRelease/istio-system/istio-operator";
        const string IstioOperator = "IstioOperator/istio-system/meshstack";

        Assert.Contains(CaCerts, dependsOn[Operator]);
        Assert.Equal([Operator], dependsOn[IstioOperator].ToArray());
        Assert.Contains(CaCerts, Closure(cluster, IstioOperator));
        var routing = cluster.Items.Where(i => i.Concern == Concern.Routing).ToList();
        Assert.Equal(name == "cluster1", routing.Count > 0); // in legacy only the consumer gets routing objects; its home side is the profile's own
        Assert.All(routing, r => Assert.Contains(IstioOperator, r.DependsOn));
    }

    [Fact]
    public void Changing_the_multi_primary_version_changes_only_the_Istio_releases()
    {
        var before = CompilationHelper.Plan(Fixture("Pulumi.multi-primary.yaml"));
        var after = CompilationHelper.Plan(Fixture("Pulumi.multi-primary.yaml").Replace("version: 1.30.3", "version: 1.29.2", StringComparison.Ordinal));
        var changed = Changed(before, after);
        Assert.Equal(7, changed.Count);
        Assert.All(changed, i =>
        {
            var release = Assert.IsType<HelmRelease>(i);
            Assert.Equal((Concern.Istio, "1.29.2"), (release.Concern, release.Version));
        });
    }

    [Theory]
    [InlineData("1.7.4", new[] { "HelmRelease/istio-system/istio-operator" })]
    [InlineData("1.7.3", new[] { "HelmRelease/istio-system/istio-operator", "IstioOperator/istio-system/meshstack" })]
    public void Changing_the_legacy_version_changes_only_the_operator_and_the_IstioOperator(string version, string[] keys)
    {
        var before = CompilationHelper.Plan(Fixture("Pulumi.legacy.yaml"));
        var after = CompilationHelper.Plan(Fixture("Pulumi.legacy.yaml").Replace("version: 1.7.8", $"version: {version}", StringComparison.Ordinal));
        var changed = Changed(before, after);
        Assert.All(changed, i => Assert.Equal(Concern.Istio, i.Concern));
        Assert.Equal(keys.SelectMany(k => new[] { ("cluster1", k), ("cluster2", k) }).Order(), changed.Select(i => (i.Cluster, i.Key)).Order());
    }

    /// <summary>Items of <paramref name="after"/> that differ from, or are missing in, <paramref name="before"/>; both plans must hold the same keys.</summary>
    private static List<PlanItem> Changed(FederationPlan before, FederationPlan after)
    {
        static Dictionary<(string, string), (PlanItem Item, string Yaml)> Index(FederationPlan plan) =>
            plan.Clusters.SelectMany(c => c.Items).ToDictionary(i => (i.Cluster, i.Key), i => (i, YamlWriter.ToYaml(Describe(i))));
        var a = Index(before);
        var b = Index(after);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        return b.Where(e => a[e.Key].Yaml != e.Value.Yaml).Select(e => e.Value.Item).ToList();
    }

    private static HashSet<string> Closure(ClusterPlan cluster, string key)
    {
        var byKey = cluster.Items.ToDictionary(i => i.Key);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(byKey[key].DependsOn);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var d in byKey[next].DependsOn)
                {
                    pending.Push(d);
                }
            }
        }

        return seen;
    }
}
