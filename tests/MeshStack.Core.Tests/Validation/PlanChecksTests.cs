using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Plan;
using MeshStack.Core.Tests.Support;
using MeshStack.Core.Validation;

namespace MeshStack.Core.Tests.Validation;

public class PlanChecksTests
{
    private static FederationPlan WithExtraObject(FederationPlan plan, string cluster, PlannedObject extra) => plan with
    {
        Clusters = plan.Clusters.Select(c => c.Cluster.Name == cluster ? c with { Items = c.Items.Add(extra) } : c).ToImmutableArray(),
    };

    private static PlannedObject ServiceEntry(string cluster, MapValue spec, string name = "broken", IEnumerable<KeyValuePair<string, string>>? annotations = null) =>
        KubeObjects.Object(cluster, Stage.MeshConfig, Concern.Routing, "networking.istio.io/v1", "ServiceEntry", "istio-system", name, Value.Map(("spec", spec)), annotations: annotations);

    /// <summary>A ServiceEntry spec istiod rejects (SE-02: a wildcard host).</summary>
    private static MapValue WildcardSpec() => Value.Map(
        ("hosts", Value.List("*")),
        ("ports", Value.List(Value.Map(("name", "http"), ("number", 80), ("protocol", "HTTP")))),
        ("resolution", "NONE"));

    [Fact]
    public void The_demo_plan_has_nothing_istiod_would_reject_or_warn_about()
    {
        var diagnostics = PlanChecks.Check(CompilationHelper.PlanFile(Plans.DemoStack, CompilationHelper.FixedClock));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void An_object_istiod_would_reject_becomes_MSH091_naming_cluster_object_field_and_rule()
    {
        var plan = WithExtraObject(CompilationHelper.PlanFile(Plans.DemoStack, CompilationHelper.FixedClock), "cluster1", ServiceEntry("cluster1", Value.Map(
            ("hosts", Value.List("*")),
            ("ports", Value.List(Value.Map(("name", "http"), ("number", 80), ("protocol", "HTTP")))),
            ("resolution", "NONE"))));

        var diagnostic = Assert.Single(PlanChecks.Check(plan));

        Assert.Equal(("MSH091", Severity.Error), (diagnostic.Code, diagnostic.Severity));
        Assert.Equal("plan:cluster1/ServiceEntry/istio-system/broken:spec.hosts[0]", diagnostic.Path);
        Assert.Contains("SE-02", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("cluster1", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_from_istiod_becomes_the_warning_MSH092()
    {
        var plan = WithExtraObject(CompilationHelper.PlanFile(Plans.DemoStack, CompilationHelper.FixedClock), "cluster2", ServiceEntry("cluster2", Value.Map(
            ("hosts", Value.List("*washingtonpost.com")),
            ("addresses", Value.List("240.0.0.9")),
            ("ports", Value.List(Value.Map(("name", "https"), ("number", 443), ("protocol", "HTTPS")))),
            ("resolution", "NONE"))));

        var diagnostic = Assert.Single(PlanChecks.Check(plan));

        Assert.Equal(("MSH092", Severity.Warning), (diagnostic.Code, diagnostic.Severity));
        Assert.Contains("SE-04", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_time_values_are_not_rejected()
    {
        var plan = WithExtraObject(CompilationHelper.PlanFile(Plans.DemoStack, CompilationHelper.FixedClock), "cluster1", ServiceEntry("cluster1", Value.Map(
            ("hosts", Value.List("httpbin.bar.global")),
            ("ports", Value.List(Value.Map(("name", "http1"), ("number", 8000), ("protocol", "http")))),
            ("resolution", new Deferred(new ResolutionFor("cluster2"))),
            ("addresses", Value.List("240.0.0.2")),
            ("endpoints", Value.List(
                Value.Map(("address", new Deferred(new GatewayAddressOf("cluster2"))), ("ports", Value.Map(("http1", 15443))), ("network", "external")),
                Value.Map(("address", new Deferred(new EgressEndpointFor("cluster1", "cluster2"))), ("ports", Value.Map(("http1", 15443)))))))));

        Assert.Empty(PlanChecks.Check(plan));
    }

    // The planner gives every consumer's copy of an object one spec instance, and the checks read each instance once
    // (issue 23); what they report stays per object: its cluster, its name, its metadata.
    [Fact]
    public void A_bad_spec_shared_by_objects_of_several_clusters_is_reported_once_per_object()
    {
        var spec = WildcardSpec();
        var plan = CompilationHelper.PlanFile(Plans.DemoStack, CompilationHelper.FixedClock);
        plan = WithExtraObject(plan, "cluster1", ServiceEntry("cluster1", spec));
        plan = WithExtraObject(plan, "cluster2", ServiceEntry("cluster2", spec));
        plan = WithExtraObject(plan, "cluster2", ServiceEntry("cluster2", spec, name: "broken-too"));

        var diagnostics = PlanChecks.Check(plan);

        Assert.Equal(
            ["plan:cluster1/ServiceEntry/istio-system/broken:spec.hosts[0]", "plan:cluster2/ServiceEntry/istio-system/broken:spec.hosts[0]", "plan:cluster2/ServiceEntry/istio-system/broken-too:spec.hosts[0]"],
            diagnostics.Select(d => d.Path));
        Assert.All(diagnostics, d => Assert.Equal("MSH091", d.Code));
        Assert.Contains("cluster1", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("cluster2", diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Contains("broken-too", diagnostics[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_manifest_instance_held_by_objects_of_several_clusters_is_reported_for_each_cluster()
    {
        var shared = ServiceEntry("cluster1", WildcardSpec());
        var plan = CompilationHelper.PlanFile(Plans.DemoStack, CompilationHelper.FixedClock);
        plan = WithExtraObject(plan, "cluster1", shared);
        plan = WithExtraObject(plan, "cluster2", shared with { Cluster = "cluster2" });

        var diagnostics = PlanChecks.Check(plan);

        Assert.Equal(
            ["plan:cluster1/ServiceEntry/istio-system/broken:spec.hosts[0]", "plan:cluster2/ServiceEntry/istio-system/broken:spec.hosts[0]"],
            diagnostics.Select(d => d.Path));
        Assert.Contains("cluster2", diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shared_spec_is_judged_with_each_objects_own_metadata()
    {
        var spec = WildcardSpec();
        var plan = CompilationHelper.PlanFile(Plans.DemoStack, CompilationHelper.FixedClock);
        plan = WithExtraObject(plan, "cluster1", ServiceEntry("cluster1", spec, annotations: [KeyValuePair.Create("istio.io/dry-run", "true")]));
        plan = WithExtraObject(plan, "cluster2", ServiceEntry("cluster2", spec));

        var diagnostics = PlanChecks.Check(plan);

        Assert.Equal(
            ["plan:cluster1/ServiceEntry/istio-system/broken:metadata.annotations", "plan:cluster2/ServiceEntry/istio-system/broken:spec.hosts[0]"],
            diagnostics.Select(d => d.Path));
        Assert.Contains("G-04", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("SE-02", diagnostics[1].Message, StringComparison.Ordinal);
    }
}
