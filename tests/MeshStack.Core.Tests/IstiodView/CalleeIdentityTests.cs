using MeshStack.Core.Plan;
using MeshStack.Core.Tests.Routing;
using MeshStack.Core.Tests.Tracing;
using MeshStack.Core.Tracing;

namespace MeshStack.Core.Tests.IstiodView;

/// <summary>
/// Issue 21 item 7: a caller's <c>.global</c> ServiceEntry pins the callee's identity, so its sidecar accepts only the
/// service's pods and not any workload certificate under the shared root (serviceentry/conversion.go@1.30.3:309).
/// </summary>
public class CalleeIdentityTests
{
    private static IEnumerable<PlannedObject> CallerEntries(FederationPlan plan) =>
        plan.Clusters.SelectMany(c => c.Objects).Where(o => o.Kind == "ServiceEntry" && o.Namespace == KubeObjects.IstioSystem);

    private static string[] SubjectAltNames(PlannedObject entry) =>
        ((ListValue)((MapValue)entry.Manifest["spec"]!)["subjectAltNames"]!).Items.Select(i => (string)((Scalar)i).Content!).ToArray();

    [Theory]
    [InlineData("multi-primary", "direct")]
    [InlineData("multi-primary", "egress-ip")]
    [InlineData("legacy-gateways", "direct")]
    [InlineData("legacy-gateways", "egress-hostname")]
    public void By_default_callers_accept_the_service_account_named_like_the_service(string profile, string fixture)
    {
        var entry = Assert.Single(CallerEntries(RoutingFixtures.Plan(fixture, profile)));

        Assert.Equal(["spiffe://cluster.local/ns/bar/sa/httpbin"], SubjectAltNames(entry));
    }

    [Fact]
    public void The_configured_account_and_trust_domain_make_the_identity()
    {
        var text = RoutingFixtures.Text("direct")
            .Replace("config:\n", "config:\n  meshstack:trustDomain: example.org\n", StringComparison.Ordinal)
            .Replace("      address: 240.0.0.2", "      address: 240.0.0.2\n      serviceAccount: httpbin-runner", StringComparison.Ordinal);

        var entry = Assert.Single(CallerEntries(CompilationHelper.Plan(text)));

        Assert.Equal(["spiffe://example.org/ns/bar/sa/httpbin-runner"], SubjectAltNames(entry));
    }

    [Fact]
    public void A_service_account_that_is_no_Kubernetes_name_is_refused_with_its_path_and_value()
    {
        var text = RoutingFixtures.Text("direct").Replace("      address: 240.0.0.2", "      address: 240.0.0.2\n      serviceAccount: Http_Bin", StringComparison.Ordinal);

        var result = CompilationHelper.Compile(text);

        Assert.False(result.Succeeded);
        var d = Assert.Single(result.Diagnostics, d => d.Code == "MSH025");
        Assert.Equal("meshstack:services[0].serviceAccount", d.Path);
        Assert.Contains("'Http_Bin'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_pods_run_as_the_configured_account_and_trace_ok()
    {
        var text = File.ReadAllText(Support.Plans.DemoStack).Replace("      namespace: bar\n", "      namespace: bar\n      serviceAccount: web\n", StringComparison.Ordinal);
        var plan = CompilationHelper.Plan(text);

        var home = plan.Clusters.Single(c => c.Cluster.Name == "cluster2");
        Assert.Contains(home.Objects, o => o.Key == "ServiceAccount/bar/web");
        Assert.All(home.Objects.Where(o => o.Kind == "Deployment" && o.Namespace == "bar"),
            d => Assert.Equal("web", ((Scalar)((MapValue)((MapValue)((MapValue)((MapValue)d.Manifest["spec"]!)["template"]!)["spec"]!))["serviceAccountName"]!).Content));
        Assert.All(PathTracer.Trace(plan), p => Assert.True(p.IsOk, p.Failure?.Message));
    }

    [Fact]
    public void A_pod_running_as_another_account_fails_the_callers_certificate_check()
    {
        var plan = CompilationHelper.PlanFile(Support.Plans.DemoStack, CompilationHelper.FixedClock);
        var other = PlanSurgery.EditSpec(plan, o => o.Kind == "ServiceEntry" && o.Namespace == KubeObjects.IstioSystem,
            spec => spec.With("subjectAltNames", Value.List("spiffe://cluster.local/ns/bar/sa/someone-else")));

        var dead = PathTracer.Trace(other).First(p => !p.IsOk);

        Assert.Equal("MSH140", dead.Failure!.Descriptor.Code);
        Assert.Contains("runs as spiffe://cluster.local/ns/bar/sa/httpbin", dead.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("conversion.go@1.30.3:309", dead.Failure.Rule, StringComparison.Ordinal);
    }
}
