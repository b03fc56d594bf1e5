using System.Collections.Immutable;
using MeshStack.Core.Dns;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Components.Tests;

// The legacy profile's DNS step (issue 6): the live ConfigMap plus MeshStack's part, patched server-side, kept on delete.
public class DnsPatchTests
{
    private const string LiveCorefile = """
        .:53 {
            errors
            health
            kubernetes cluster.local in-addr.arpa ip6.arpa {
               pods insecure
               fallthrough in-addr.arpa ip6.arpa
            }
            forward . 192.0.2.53
            cache 30
        }
        example.corp:53 {
            forward . 192.0.2.99
        }

        """;

    private static FederationPlan Legacy() => CompilationHelper.PlanFile(Repo.StackFile("legacy"));

    private static ImmutableDictionary<string, object> Data(string key, string text) => ImmutableDictionary<string, object>.Empty.Add(key, text);

    private static RecordingMocks LiveMocks(string corefile) => new()
    {
        LiveConfigMapData = name => name switch
        {
            "mesh-cluster1/lookup/kube-system/coredns" => Data("Corefile", corefile),
            "mesh-cluster2/lookup/kube-system/kube-dns" => Data("stubDomains", """{"acme.local": ["1.2.3.4"]}"""),
            _ => ImmutableDictionary<string, object>.Empty,
        },
    };

    private static IDictionary<string, object> Map(object value) => (IDictionary<string, object>)value;

    [Fact]
    public async Task The_coredns_patch_writes_the_live_Corefile_plus_the_global_block_with_the_istiocoredns_ClusterIP()
    {
        var plan = Legacy();
        var run = await Deployments.RunAsync(plan, LiveMocks(LiveCorefile));

        var read = Assert.Single(run.Mocks.Registered, r => r is { Type: "kubernetes:core/v1:ConfigMap", Name: "mesh-cluster1/lookup/kube-system/coredns" });
        Assert.Equal("kube-system/coredns", read.Id);
        Assert.EndsWith("::mesh-cluster1_id", read.Provider!, StringComparison.Ordinal);

        var patch = Assert.Single(run.Mocks.Registered, r => r.Name == "mesh-cluster1/ConfigMap/kube-system/coredns");
        Assert.Equal("kubernetes:core/v1:ConfigMapPatch", patch.Type);
        var annotations = Map(Map(patch.Inputs["metadata"])["annotations"]);
        Assert.Equal(DnsPatch.FieldManager, annotations[DnsPatch.FieldManagerAnnotation]);
        Assert.Equal("true", annotations[DnsPatch.ForceAnnotation]);

        // The istiocoredns ClusterIP the mock serves for cluster1 (10.96.0.1) fills core's block.
        var merged = (MergedCorefile)((Deferred)((MapValue)Item(plan, "cluster1", "ConfigMap/kube-system/coredns").Manifest["data"]!)["Corefile"]!).Ref;
        var expected = CorefileMerger.AddGlobalBlock(LiveCorefile, merged.BlockWith("10.96.0.1")).Text;
        var corefile = (string)Map(patch.Inputs["data"])["Corefile"];
        Assert.Equal(expected, corefile);
        Assert.StartsWith(LiveCorefile, corefile, StringComparison.Ordinal);
        Assert.Contains("10.96.0.1", corefile, StringComparison.Ordinal);
        Assert.Contains(run.Mocks.Registered, r => r.Name == "mesh-cluster1/lookup/istio-system/istiocoredns");
    }

    [Fact]
    public async Task The_kube_dns_patch_keeps_existing_stub_domains_and_adds_global()
    {
        var run = await Deployments.RunAsync(Legacy(), LiveMocks(LiveCorefile));
        var patch = Assert.Single(run.Mocks.Registered, r => r.Name == "mesh-cluster2/ConfigMap/kube-system/kube-dns");
        Assert.Equal("kubernetes:core/v1:ConfigMapPatch", patch.Type);
        var stubs = (string)Map(patch.Inputs["data"])["stubDomains"];
        Assert.Equal(StubDomains.Merge("""{"acme.local": ["1.2.3.4"]}""", "10.96.0.2").Text, stubs);
        Assert.Contains("acme.local", stubs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dns_patches_are_retained_on_delete_and_nothing_else_is()
    {
        var plan = Legacy();
        var run = await Deployments.RunAsync(plan, LiveMocks(LiveCorefile));
        foreach (var item in plan.Clusters.SelectMany(c => c.Items).OfType<PlannedObject>())
        {
            var options = run.Wiring.ByName[FederationWiringTests.PlanNameOf(item)].Options;
            Assert.Equal(item.Concern == Concern.Dns ? true : null, options.RetainOnDelete);
        }

        Assert.Equal(2, plan.Clusters.SelectMany(c => c.Items).Count(i => i.Concern == Concern.Dns));
    }

    [Fact]
    public async Task A_Corefile_with_a_foreign_global_block_fails_with_MSH052_and_patches_nothing()
    {
        var foreign = LiveCorefile + "global:53 {\n    forward . 192.0.2.1\n}\n";
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployments.RunAsync(Legacy(), LiveMocks(foreign)));
        Assert.Contains("MSH052", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("cluster1", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_render_mode_the_patch_holds_core_default_Corefile_for_the_version_and_nothing_is_read()
    {
        var plan = Legacy();
        var mocks = LiveMocks(LiveCorefile);
        var run = await Deployments.RunAsync(plan with { Spec = plan.Spec with { RenderYamlTo = "out" } }, mocks);
        Assert.DoesNotContain(mocks.Registered, r => r.Name!.Contains("/lookup/", StringComparison.Ordinal));

        var merged = (MergedCorefile)((Deferred)((MapValue)Item(plan, "cluster1", "ConfigMap/kube-system/coredns").Manifest["data"]!)["Corefile"]!).Ref;
        var expected = merged.MergeInto(DefaultCorefiles.For(merged.Version), YamlWriter.Placeholder(new IstioCoreDnsIpOf("cluster1"))).Text;
        var patch = Assert.Single(mocks.Registered, r => r.Name == "mesh-cluster1/ConfigMap/kube-system/coredns");
        Assert.Equal(expected, Map(patch.Inputs["data"])["Corefile"]);
        Assert.NotNull(run.Federation);
    }

    private static PlannedObject Item(FederationPlan plan, string cluster, string key) =>
        plan.Clusters.Single(c => c.Cluster.Name == cluster).Items.OfType<PlannedObject>().Single(i => i.Key == key);
}
