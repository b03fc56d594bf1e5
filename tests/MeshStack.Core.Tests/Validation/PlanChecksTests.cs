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

    private static PlannedObject ServiceEntry(string cluster, MapValue spec) =>
        KubeObjects.Object(cluster, Stage.MeshConfig, Concern.Routing, "networking.istio.io/v1", "ServiceEntry", "istio-system", "broken", Value.Map(("spec", spec)));

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
}
