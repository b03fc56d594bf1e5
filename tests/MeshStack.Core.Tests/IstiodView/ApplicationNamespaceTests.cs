using MeshStack.Core.Plan;
using MeshStack.Core.Tests.Routing;
using MeshStack.Core.Tests.Tracing;
using MeshStack.Core.Tracing;

namespace MeshStack.Core.Tests.IstiodView;

/// <summary>Issue 21 item 8: the namespace of the owner-side ServiceEntry exists on a fresh cluster, and the tracer knows when it would not.</summary>
public class ApplicationNamespaceTests
{
    [Fact]
    public void Outside_demo_mode_the_home_cluster_gets_the_service_namespace_as_an_injected_patch_that_waits_for_the_claim()
    {
        var plan = RoutingFixtures.Plan("direct");
        var home = plan.Clusters.Single(c => c.Cluster.Name == "cluster2");

        var ns = Assert.Single(home.Objects, o => o.Key == "Namespace/-/bar");
        Assert.Equal(ApplyMode.Patch, ns.Mode);
        Assert.Equal(Stage.Namespaces, ns.Stage);
        Assert.Equal(Concern.Namespaces, ns.Concern);
        Assert.Equal(["ConfigMap/kube-system/meshstack-owner"], ns.DependsOn.ToArray());
        var labels = (MapValue)((MapValue)ns.Manifest["metadata"]!)["labels"]!;
        Assert.Equal("enabled", ((Scalar)labels["istio-injection"]!).Content);
        Assert.Null(labels[KubeObjects.ManagedByLabel]);
        // The owner-side entry in bar comes in a later stage, so it waits for the namespace (through the stages between).
        var owner = Assert.Single(home.Objects, o => o.Kind == "ServiceEntry" && o.Namespace == "bar");
        Assert.True(owner.Stage > ns.Stage);
    }

    [Fact]
    public void A_consumer_only_cluster_gets_no_application_namespace()
    {
        var plan = RoutingFixtures.Plan("direct");

        Assert.DoesNotContain(plan.Clusters.Single(c => c.Cluster.Name == "cluster1").Objects, o => o.Key == "Namespace/-/bar");
    }

    [Fact]
    public void Legacy_plans_nothing_in_the_service_namespace_so_it_plans_no_namespace_for_it()
    {
        var plan = RoutingFixtures.Plan("direct", "legacy-gateways");

        Assert.DoesNotContain(plan.Clusters.SelectMany(c => c.Objects), o => o.Key == "Namespace/-/bar");
    }

    [Fact]
    public void In_demo_mode_the_demo_keeps_creating_its_namespaces_and_no_patch_doubles_them()
    {
        var plan = CompilationHelper.PlanFile(Support.Plans.DemoStack, CompilationHelper.FixedClock);

        Assert.All(plan.Clusters.SelectMany(c => c.Objects).Where(o => o.Kind == "Namespace" && o.Name is "bar" or "foo"),
            o => Assert.Equal((Concern.Demo, ApplyMode.Own), (o.Concern, o.Mode)));
    }

    [Fact]
    public void Without_the_namespace_the_owner_side_entry_is_never_created_and_the_trace_dies_at_the_home_gateway()
    {
        var plan = PlanSurgery.Remove(RoutingFixtures.Plan("direct"), o => o.Key == "Namespace/-/bar");

        var dead = Assert.Single(PathTracer.Trace(plan), p => !p.IsOk);

        Assert.Equal(("MSH185", "cluster2 gateway"), (dead.Failure!.Descriptor.Code, dead.Failure.Hop));
        Assert.Contains("nothing creates namespace 'bar'", dead.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_namespace_not_labelled_for_injection_gives_pods_without_mTLS_and_the_gateway_keeps_none()
    {
        var plan = PlanSurgery.Edit(RoutingFixtures.Plan("direct"), i => i is PlannedObject { Key: "Namespace/-/bar" } o
            ? o with { Manifest = o.Manifest.With("metadata", Value.Map(("name", "bar"))) }
            : i);

        var dead = Assert.Single(PathTracer.Trace(plan), p => !p.IsOk);

        Assert.Equal("MSH186", dead.Failure!.Descriptor.Code);
    }
}
