using MeshStack.Core.Discovery;
using MeshStack.Core.Plan;
using MeshStack.Core.Tracing;

namespace MeshStack.Core.Tests.Tracing;

/// <summary>
/// The path tracer in endpoint discovery (issue 16): sleep in cluster1 reaches httpbin.bar.svc.cluster.local in cluster2
/// through cluster2's east-west gateway, and each piece endpoint discovery plans is needed for that.
/// </summary>
public class EndpointDiscoveryTraceTests
{
    private static string StackText => File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.endpoints.yaml"));

    private static FederationPlan Plan(string mode = "endpoints", string? text = null)
    {
        var result = CompilationHelper.Compile((text ?? StackText).Replace("meshstack:discovery: endpoints", $"meshstack:discovery: {mode}", StringComparison.Ordinal),
            options: new CompileOptions { TracePaths = false });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Plan!;
    }

    private static TracedPath Single(FederationPlan plan) => Assert.Single(PathTracer.Trace(plan));

    [Theory]
    [InlineData("global", new[] { "httpbin.bar.global" })]
    [InlineData("endpoints", new[] { "httpbin.bar.svc.cluster.local" })]
    [InlineData("both", new[] { "httpbin.bar.global", "httpbin.bar.svc.cluster.local" })]
    public void Every_path_of_the_demo_is_ok_in_every_mode(string mode, string[] hosts)
    {
        var paths = PathTracer.Trace(Plan(mode));
        Assert.Equal(hosts, paths.Select(p => p.Host));
        Assert.All(paths, p => Assert.True(p.IsOk, $"{p.Title}: {p.Failure?.Message}\n{string.Join("\n", p.Hops)}"));
    }

    [Fact]
    public void The_endpoints_path_goes_through_the_remote_secret_the_dns_proxy_cluster2s_gateway_and_its_local_gateway_to_the_pod()
    {
        var path = Single(Plan());
        Assert.True(path.IsOk);
        Assert.Equal("cluster1 → httpbin.bar.svc.cluster.local:8000", path.Title);
        Assert.Equal(
            [
                "cluster1 istiod: reads cluster2 (https://172.18.0.3:6443) through remote secrets",
                "cluster1: DNS (sidecar proxy) httpbin.bar.svc.cluster.local → its ClusterIP, from the registry of cluster2",
                "cluster1 sidecar: cluster outbound|8000||httpbin.bar.svc.cluster.local → 172.18.255.2:15443 (network network2 gateway from Service cluster2/istio-system/istio-eastwestgateway LoadBalancer status, for 1 mTLS pod(s); assumes the load balancer honours spec.loadBalancerIP 172.18.255.2; without it, meshNetworks 172.18.255.2:15443)",
                "cluster2 gateway: istio-system/cross-network-gateway 15443 SNI outbound_.8000_._.httpbin.bar.svc.cluster.local → httpbin.bar.svc.cluster.local → pod cluster2/bar/httpbin",
            ],
            path.Hops.ToArray());
    }

    [Fact]
    public void Two_clusters_on_one_network_validate_and_the_sidecar_sends_to_the_pods_directly()
    {
        // Istio's plain multi-primary: an endpoint on the proxy's own network is sent to as is
        // (pilot/pkg/xds/endpoints/ep_filters.go@1.30.3:155, b.proxy.InNetwork(epNetwork)), no gateway involved.
        var text = StackText.Replace("network: network2", "network: network1", StringComparison.Ordinal);
        var result = CompilationHelper.Compile(text);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var path = Single(result.Plan!);
        Assert.True(path.IsOk, $"{path.Failure?.Message}\n{string.Join("\n", path.Hops)}");
        Assert.Equal(
            "cluster1 sidecar: cluster outbound|8000||httpbin.bar.svc.cluster.local → pod cluster2/bar/httpbin:8000 (network network1, the sidecar's own: sent to directly)",
            path.Hops[2]);
        Assert.Equal(3, path.Hops.Length);
    }

    private static string WithGateway2(string gateway) =>
        StackText.Replace("      gateway:\n        address: 172.18.255.2", $"      gateway: {gateway}", StringComparison.Ordinal);

    private static FederationPlan WithoutMeshNetworks(FederationPlan plan) =>
        PlanSurgery.Edit(plan, i => i is HelmRelease { Name: "istiod" } r ? r with { Values = PlanSurgery.WithoutDeep(r.Values, "meshNetworks") } : i);

    [Fact]
    public void A_node_port_gateway_reaches_the_caller_through_meshNetworks_on_its_node_port()
    {
        var path = Single(Plan(text: WithGateway2("{ address: 172.18.0.3, nodePort: 31443 }")));
        Assert.True(path.IsOk, $"{path.Failure?.Message}\n{string.Join("\n", path.Hops)}");
        Assert.Equal(
            "cluster1 sidecar: cluster outbound|8000||httpbin.bar.svc.cluster.local → 172.18.0.3:31443 (network network2 gateway from meshNetworks of cluster1's istiod, for 1 mTLS pod(s); assumes 172.18.0.3 is a node of cluster2 (NodePort 31443 of Service istio-eastwestgateway))",
            path.Hops[2]);
    }

    [Fact]
    public void A_node_port_gateway_that_istiod_never_learns_sends_callers_to_unreachable_pods()
    {
        // Issue 21 item 1: a NodePort Service without the nodeSelector annotation gives istiod no address
        // (conversion.go@1.30.3:118-129), so without meshNetworks network2 has no gateway.
        var plan = WithoutMeshNetworks(Plan(text: WithGateway2("{ address: 172.18.0.3, nodePort: 31443 }")));
        var failure = Single(plan).Failure!;
        Assert.Equal(("MSH183", "cluster1 sidecar"), (failure.Descriptor.Code, failure.Hop));
    }

    [Fact]
    public void A_meshNetworks_address_without_a_gateway_service_behind_it_dies()
    {
        // A meshNetworks port that is neither 15443 nor the NodePort gateway's nodePort leads nowhere.
        var plan = PlanSurgery.Edit(Plan(text: WithGateway2("{ address: 172.18.0.3, nodePort: 31443 }")), i => i is HelmRelease { Name: "istiod", Cluster: "cluster1" } r
            ? r with { Values = (MapValue)ReplaceNumber(r.Values, 31443, 31444) }
            : i);
        var failure = Single(plan).Failure!;
        Assert.Equal("MSH183", failure.Descriptor.Code);
        Assert.Contains("meshNetworks names gateway 172.18.0.3:31444 for network 'network2'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unrequested_load_balancer_address_is_traced_as_an_assumption()
    {
        var path = Single(Plan(text: WithGateway2("{ address: 172.18.255.2, addressRequest: none }")));
        Assert.True(path.IsOk);
        Assert.Contains("assumes the load balancer assigns an address, though nothing requests one and Pulumi does not wait for it; without it, meshNetworks 172.18.255.2:15443", path.Hops[2], StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_ip_reaches_istiod_without_any_assumption()
    {
        var plan = WithoutMeshNetworks(Plan(text: WithGateway2("{ address: 172.18.255.2, addressRequest: externalIPs }")));
        var path = Single(plan);
        Assert.True(path.IsOk);
        // istiod takes every address of the Service (conversion.go@1.30.3:130-158): the externalIP, and a LoadBalancer status if any.
        Assert.Contains(path.Hops, h => h.EndsWith("→ 172.18.255.2:15443 (network network2 gateway from Service cluster2/istio-system/istio-eastwestgateway spec.externalIPs, for 1 mTLS pod(s))", StringComparison.Ordinal));
    }

    private static Value ReplaceNumber(Value value, long from, long to) => value switch
    {
        MapValue m => new MapValue([.. m.Entries.Select(e => KeyValuePair.Create(e.Key, ReplaceNumber(e.Value, from, to)))]),
        ListValue l => new ListValue([.. l.Items.Select(i => ReplaceNumber(i, from, to))]),
        Scalar { Content: long n } when n == from => new Scalar(to),
        _ => value,
    };

    [Fact]
    public void Without_the_remote_secret_cluster1s_istiod_never_sees_the_pods()
    {
        var plan = PlanSurgery.Remove(Plan(), o => o.Cluster == "cluster1" && RemoteSecrets.SourceOf(o) == "cluster2");
        var failure = Single(plan).Failure!;
        Assert.Equal("MSH170", failure.Descriptor.Code);
        Assert.Equal("cluster1 istiod", failure.Hop);
    }

    [Fact]
    public void Without_the_cross_network_gateway_cluster2s_gateway_has_no_listener_for_local_names()
    {
        var plan = PlanSurgery.Remove(Plan(), o => o.Cluster == "cluster2" && o.Name == "cross-network-gateway");
        var failure = Single(plan).Failure!;
        Assert.Equal("MSH184", failure.Descriptor.Code);
        Assert.Equal("cluster2 gateway", failure.Hop);
    }

    [Fact]
    public void With_both_the_global_gateway_does_not_stand_in_for_the_local_one()
    {
        var plan = PlanSurgery.Remove(Plan("both"), o => o.Cluster == "cluster2" && o.Name == "cross-network-gateway");
        var paths = PathTracer.Trace(plan);
        Assert.True(paths.Single(p => p.Host == "httpbin.bar.global").IsOk);
        Assert.Equal("MSH184", paths.Single(p => p.Host == "httpbin.bar.svc.cluster.local").Failure!.Descriptor.Code);
    }

    [Fact]
    public void Without_a_network_gateway_for_network2_the_sidecar_sends_to_a_pod_it_cannot_reach()
    {
        var plan = PlanSurgery.Edit(Plan(), i => i is HelmRelease { Cluster: "cluster2", Name: "istio-eastwestgateway" } r
            ? r with { Values = PlanSurgery.WithoutDeep(r.Values, "networkGateway") }
            : i);
        var failure = Single(plan).Failure!;
        Assert.Equal("MSH183", failure.Descriptor.Code);
        Assert.Contains("network 'network2'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_text_destination_rule_drops_the_remote_endpoints()
    {
        // A DestinationRule that turns mTLS off: split horizon keeps a remote endpoint only when it is mTLS.
        var plan = Plan();
        var extra = KubeObjects.Object("cluster1", Stage.MeshConfig, Concern.Routing, "networking.istio.io/v1", "DestinationRule", "istio-system", "plain",
            Value.Map(("spec", Value.Map(("host", "httpbin.bar.svc.cluster.local"), ("trafficPolicy", Value.Map(("tls", Value.Map(("mode", "DISABLE")))))))));
        plan = plan with { Clusters = [.. plan.Clusters.Select(c => c.Cluster.Name == "cluster1" ? c with { Items = c.Items.Add(extra) } : c)] };
        var failure = Single(plan).Failure!;
        Assert.Equal("MSH182", failure.Descriptor.Code);
        Assert.Equal("cluster1 sidecar", failure.Hop);
    }

    [Fact]
    public void Without_dns_capture_the_local_name_of_a_remote_only_service_does_not_resolve()
    {
        var plan = PlanSurgery.Edit(Plan(), i => i is HelmRelease { Cluster: "cluster1", Name: "istiod" } r
            ? r with { Values = PlanSurgery.WithoutDeep(r.Values, "ISTIO_META_DNS_CAPTURE") }
            : i);
        var failure = Single(plan).Failure!;
        Assert.Equal("MSH171", failure.Descriptor.Code);
    }

    [Fact]
    public void Compile_refuses_an_endpoints_plan_whose_path_dies()
    {
        // A remote secret pointing at the wrong API server: istiod would read another cluster.
        var plan = PlanSurgery.Edit(Plan(), i => i is PlannedObject o && o.Cluster == "cluster1" && RemoteSecrets.SourceOf(o) == "cluster2"
            ? o with { Manifest = o.Manifest.With("stringData", Value.Map(("cluster2", (Value)RemoteSecrets.Kubeconfig("cluster2", "https://10.9.9.9:6443")))) }
            : i);
        var diagnostics = PathTracer.Diagnostics(PathTracer.DeadPaths(plan));
        var d = Assert.Single(diagnostics);
        Assert.Equal("MSH170", d.Code);
        Assert.Contains("https://10.9.9.9:6443", d.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// The <c>.global</c> path's home-gateway hop (issue 21 item 4): whose gateway an endpoint address is comes from the
/// rendered gateway Services (the address they request or list), and the trace says what it assumed.
/// </summary>
public class GlobalGatewayOwnerTraceTests
{
    private static FederationPlan Dev()
    {
        var result = CompilationHelper.Compile(File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml")), options: new CompileOptions { TracePaths = false });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Plan!;
    }

    private static FederationPlan WithEastWestService(FederationPlan plan, string cluster, Func<MapValue, MapValue> edit) =>
        PlanSurgery.Edit(plan, i => i is HelmRelease { Name: "istio-eastwestgateway" } r && r.Cluster == cluster
            ? r with { Values = r.Values.With("service", edit((MapValue)r.Values["service"]!)) }
            : i);

    [Fact]
    public void A_requested_address_is_traced_with_the_load_balancer_assumption()
    {
        var path = Assert.Single(PathTracer.Trace(Dev()));
        Assert.True(path.IsOk);
        Assert.Contains("cluster2 gateway: reached at 172.18.255.2:15443: assumes the load balancer honours spec.loadBalancerIP 172.18.255.2 of Service cluster2/istio-system/istio-eastwestgateway", path.Hops);
    }

    [Fact]
    public void An_address_no_gateway_service_asks_for_is_an_explicit_assumption()
    {
        var plan = WithEastWestService(Dev(), "cluster2", s => PlanSurgery.Without(s, "loadBalancerIP"));
        var path = Assert.Single(PathTracer.Trace(plan));
        Assert.True(path.IsOk);
        Assert.Contains(path.Hops, h => h.StartsWith("cluster2 gateway: reached at 172.18.255.2:15443: assumes 172.18.255.2 reaches cluster2's gateway: no rendered object gives it that address", StringComparison.Ordinal));
    }

    [Fact]
    public void An_address_another_clusters_gateway_requests_leads_to_that_gateway()
    {
        // cluster1's gateway Service asks for the address cluster1's callers send cluster2's traffic to: the connection
        // lands on cluster1's own gateway, which has no httpbin pods.
        var plan = WithEastWestService(Dev(), "cluster1", s => s.With("loadBalancerIP", "172.18.255.2"));
        plan = WithEastWestService(plan, "cluster2", s => PlanSurgery.Without(s, "loadBalancerIP"));
        var traced = Assert.Single(PathTracer.Trace(plan));
        var failure = traced.Failure;
        Assert.True(failure is not null, string.Join("\n", traced.Hops));
        Assert.Equal("cluster1 gateway", failure.Hop);
    }
}
