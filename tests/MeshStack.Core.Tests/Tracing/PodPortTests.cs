using System.Collections.Immutable;
using MeshStack.Core.Plan;
using MeshStack.Core.Tracing;

namespace MeshStack.Core.Tests.Tracing;

/// <summary>
/// Where a multi-primary home gateway sends a call: the owner-side entry selects the pods, and istiod picks the pod
/// port by name, then targetPort, then port number; the tracer checks the pod listens there.
/// </summary>
public class PodPortTests
{
    // httpbin in cluster2 with one port, called from cluster1.
    private static string OneService(string port) =>
        StackBuilder.Mesh().Cluster("cluster1", "192.0.2.1").Cluster("cluster2", "192.0.2.2").Service("httpbin", "bar", "[cluster2]", $"[{port}]").Build();

    private static FederationPlan Plan(string port) =>
        CompilationHelper.Compile(OneService(port), options: new CompileOptions { TracePaths = false }).Plan!;

    private static FederationPlan DevPlan() =>
        CompilationHelper.Compile(File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml")), options: new CompileOptions { TracePaths = false }).Plan!;

    private static MapValue UnnamedContainerPorts(MapValue spec)
    {
        var template = (MapValue)spec["template"]!;
        var podSpec = (MapValue)template["spec"]!;
        var containers = ((ListValue)podSpec["containers"]!).Items.Select(c => (Value)((MapValue)c).With("ports",
            Value.List(((ListValue)((MapValue)c)["ports"]!).Items.Select(p => (Value)PlanSurgery.Without((MapValue)p, "name")))));
        return spec.With("template", template.With("spec", podSpec.With("containers", Value.List(containers))));
    }

    // Cases of serviceentry/conversion.go convertWorkloadInstanceToServiceInstance: a pod port named like the entry's
    // port wins, then the entry's targetPort, then its number; a named port of 0 does not count.
    [Theory]
    [InlineData("http1", 8080, null, 8000, 8080)]
    [InlineData("http1", 8080, 9090, 8000, 8080)]
    [InlineData("other", 8080, 9090, 8000, 9090)]
    [InlineData("other", 8080, null, 8000, 8000)]
    [InlineData("http1", 0, 9090, 8000, 9090)]
    public void The_pod_port_is_the_named_port_then_the_target_port_then_the_number(string podPortName, int podPort, int? targetPort, int number, int expected)
    {
        var named = ImmutableDictionary<string, int>.Empty.Add(podPortName, podPort);

        Assert.Equal(expected, IstioRules.SelectedPodPort(named, "http1", targetPort, number));
    }

    [Fact]
    public void The_demo_pods_name_their_port_so_the_home_gateway_reaches_them_on_8080()
    {
        var path = Assert.Single(PathTracer.Trace(DevPlan()));

        Assert.True(path.IsOk, path.Failure?.Message);
        Assert.Contains(path.Hops, h => h.StartsWith("cluster2 gateway", StringComparison.Ordinal) && h.EndsWith("pod bar/httpbin:8080", StringComparison.Ordinal));
    }

    [Fact]
    public void Demo_pods_with_an_unnamed_port_get_calls_on_the_service_port_and_the_tracer_says_so()
    {
        // Before: `- containerPort: 8080` with no name, so istiod sent the owner-side entry's port 8000 to a pod
        // listening on 8080.
        var plan = PlanSurgery.EditSpec(DevPlan(), o => o.Kind == "Deployment" && o.Cluster == "cluster2", UnnamedContainerPorts);

        var dead = Assert.Single(PathTracer.Trace(plan));

        Assert.Equal("MSH187", dead.Failure!.Descriptor.Code);
        Assert.Equal("cluster2 gateway", dead.Failure.Hop);
        Assert.Contains("gets port 8000", dead.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("listens on 8080", dead.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("conversion.go", dead.Failure.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_target_port_goes_on_the_owner_side_entry_and_the_pods_are_reached_there()
    {
        var plan = Plan("{ name: http1, number: 8000, protocol: http, targetPort: 9090 }");
        var owner = plan.Clusters.Single(c => c.Cluster.Name == "cluster2").Objects.Single(o => o.Kind == "ServiceEntry" && o.Namespace == "bar");

        var port = Assert.Single(((ListValue)((MapValue)owner.Manifest["spec"]!)["ports"]!).Items);
        Assert.Equal(9090L, ((Scalar)((MapValue)port)["targetPort"]!).Content);
        var path = Assert.Single(PathTracer.Trace(plan));
        Assert.True(path.IsOk, path.Failure?.Message);
        Assert.Contains(path.Hops, h => h.EndsWith("pod bar/httpbin:9090", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_target_port_the_owner_side_entry_writes_none()
    {
        var plan = Plan("{ name: http1, number: 8000, protocol: http }");
        var owner = plan.Clusters.Single(c => c.Cluster.Name == "cluster2").Objects.Single(o => o.Kind == "ServiceEntry" && o.Namespace == "bar");

        var port = (MapValue)Assert.Single(((ListValue)((MapValue)owner.Manifest["spec"]!)["ports"]!).Items);
        Assert.Null(port["targetPort"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    public void A_target_port_outside_1_to_65535_is_MSH021_at_its_path(string value)
    {
        var result = CompilationHelper.Compile(OneService($"{{ name: http1, number: 8000, targetPort: {value} }}"));

        var d = Assert.Single(result.Errors);
        Assert.Equal("MSH021", d.Code);
        Assert.Equal("meshstack:services[0].ports[0].targetPort", d.Path);
        Assert.Contains(value, d.Message, StringComparison.Ordinal);
    }
}
