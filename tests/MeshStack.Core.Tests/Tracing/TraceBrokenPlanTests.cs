using System.Collections.Immutable;
using MeshStack.Core.Plan;
using MeshStack.Core.Routing;
using MeshStack.Core.Tests.Routing;
using MeshStack.Core.Tracing;

namespace MeshStack.Core.Tests.Tracing;

/// <summary>
/// Each defect of issue #13, put back into a plan that traces all-ok, makes the tracer fail at the hop that models it.
/// </summary>
public class TraceBrokenPlanTests
{
    private static TracedPath FirstDead(FederationPlan plan) => Assert.Single(PathTracer.Trace(plan).Where(p => !p.IsOk).Take(1));

    private static bool Owner(PlannedObject o) => o.Kind == "ServiceEntry" && o.Namespace != KubeObjects.IstioSystem;

    private static bool Caller(PlannedObject o) => o.Kind == "ServiceEntry" && o.Namespace == KubeObjects.IstioSystem;

    /// <summary>The owner-side entry MeshStack wrote before: one endpoint NAME.NS.svc.cluster.local, no labels, DNS.</summary>
    private static MapValue OldOwnerEntry(MapValue spec) =>
        PlanSurgery.Without(spec, "workloadSelector")
            .With("resolution", "DNS")
            .With("endpoints", Value.List(Value.Map(("address", ((Scalar)((ListValue)spec["hosts"]!).Items[0]).Content.ToString()!.Replace(".global", ".svc.cluster.local", StringComparison.Ordinal)))));

    [Fact]
    public void Old_owner_side_endpoint_is_not_mTLS_so_version_subsets_have_no_pods()
    {
        var plan = PlanSurgery.EditSpec(RoutingFixtures.Plan("versions"), Owner, OldOwnerEntry);

        var dead = FirstDead(plan);

        Assert.Equal("MSH186", dead.Failure!.Descriptor.Code);
        Assert.Equal("cluster2 gateway", dead.Failure.Hop);
        Assert.Contains("mTLS", dead.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("EndpointsWithMTLSFilter", dead.Failure.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Old_owner_side_endpoint_without_a_rule_that_sets_mTLS_dies_at_the_gateway_too()
    {
        // Without versions the *.global ISTIO_MUTUAL rule marks the old endpoint mTLS (mtls_checker.go: the rule's
        // mode wins); take that rule away and the endpoint's own mode, disabled, decides.
        var plan = PlanSurgery.Remove(
            PlanSurgery.EditSpec(RoutingFixtures.Plan("direct"), Owner, OldOwnerEntry),
            o => o.Cluster == "cluster2" && o.Name == RoutingPlanner.GlobalMtlsName);

        Assert.Equal("MSH186", FirstDead(plan).Failure!.Descriptor.Code);
    }

    [Theory]
    [InlineData("multi-primary", "reviews.default.global")]
    [InlineData("legacy-gateways", "reviews.default.svc.cluster.local")]
    public void Without_home_side_subsets_the_gateway_has_no_cluster_for_the_subset_sni(string profile, string homeRule)
    {
        var plan = PlanSurgery.Remove(RoutingFixtures.Plan("versions", profile), o => o.Cluster == "cluster2" && o.Kind == "DestinationRule" && o.Name == homeRule);

        var dead = FirstDead(plan);

        Assert.Equal("MSH185", dead.Failure!.Descriptor.Code);
        Assert.Contains($"no DestinationRule in cluster2 defines subset 'v2' for '{homeRule}'", dead.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multi-primary")]
    [InlineData("legacy-gateways")]
    public void Without_the_egress_listener_nothing_takes_the_connection_on_15443(string profile)
    {
        var plan = PlanSurgery.Remove(RoutingFixtures.Plan("egress-ip", profile), o => o.Name == RoutingPlanner.EgressGatewayName);

        var dead = FirstDead(plan);

        Assert.Equal(("MSH184", "cluster1 egress gateway"), (dead.Failure!.Descriptor.Code, dead.Failure.Hop));
    }

    [Theory]
    [InlineData("multi-primary")]
    [InlineData("legacy-gateways")]
    public void Without_the_sidecar_network_view_sidecars_bypass_the_egress_gateway(string profile)
    {
        var plan = PlanSurgery.Edit(RoutingFixtures.Plan("egress-ip", profile), i => i switch
        {
            HelmRelease r => r with { Values = PlanSurgery.WithoutDeep(r.Values, "ISTIO_META_REQUESTED_NETWORK_VIEW") },
            PlannedObject { Kind: "IstioOperator" } o => o with { Manifest = o.Manifest.With("spec", PlanSurgery.WithoutDeep((MapValue)o.Manifest["spec"]!, "proxyMetadata")) },
            _ => i,
        });

        var dead = FirstDead(plan);

        Assert.Equal(("MSH183", "cluster1 sidecar"), (dead.Failure!.Descriptor.Code, dead.Failure.Hop));
        Assert.Contains("bypass the egress gateway", dead.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multi-primary")]
    [InlineData("legacy-gateways")]
    public void An_egress_endpoint_without_the_consumer_network_is_visible_to_the_egress_gateway_itself(string profile)
    {
        // The guide's egress endpoint has no network: the egress gateway's view (external + undefined) then includes it.
        var plan = PlanSurgery.EditEndpoints(RoutingFixtures.Plan("egress-ip", profile), o => o.Cluster == "cluster1" && Caller(o),
            e => e["network"] == new Scalar("external") ? e : PlanSurgery.Without(e, "network"));

        var dead = FirstDead(plan);

        Assert.Equal(("MSH183", "cluster1 egress gateway"), (dead.Failure!.Descriptor.Code, dead.Failure.Hop));
        Assert.Contains("send traffic to itself", dead.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_legacy_egress_gateway_in_router_mode_standard_has_no_cluster_for_the_sni()
    {
        var plan = PlanSurgery.Edit(RoutingFixtures.Plan("egress-ip", "legacy-gateways"), i => i is PlannedObject { Kind: "IstioOperator" } o
            ? o with { Manifest = o.Manifest.With("spec", EgressEnv((MapValue)o.Manifest["spec"]!, env => env.With("ISTIO_META_ROUTER_MODE", "standard"))) }
            : i);

        var dead = FirstDead(plan);

        Assert.Equal(("MSH185", "cluster1 egress gateway"), (dead.Failure!.Descriptor.Code, dead.Failure.Hop));
        Assert.Contains("router mode does not end up 'sni-dnat'", dead.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_MeshStacks_router_mode_the_legacy_egress_chart_default_is_sni_dnat_and_the_route_lives()
    {
        // Issue 21 item 9: manifests/charts/gateways/istio-egress/values.yaml@1.7.8:81 defaults to sni-dnat, not standard.
        var plan = PlanSurgery.Edit(RoutingFixtures.Plan("egress-ip", "legacy-gateways"), i => i is PlannedObject { Kind: "IstioOperator" } o
            ? o with { Manifest = o.Manifest.With("spec", PlanSurgery.WithoutDeep((MapValue)o.Manifest["spec"]!, "ISTIO_META_ROUTER_MODE")) }
            : i);

        Assert.All(PathTracer.Trace(plan), p => Assert.True(p.IsOk, p.Failure?.Message));
    }

    internal static MapValue EgressEnv(MapValue operatorSpec, Func<MapValue, MapValue> edit)
    {
        var values = (MapValue)operatorSpec["values"]!;
        var gateways = (MapValue)values["gateways"]!;
        var egress = (MapValue)gateways["istio-egressgateway"]!;
        return operatorSpec.With("values", values.With("gateways", gateways.With("istio-egressgateway", egress.With("env", edit((MapValue)egress["env"]!)))));
    }

    [Fact]
    public void Caller_endpoints_without_the_mTLS_label_leave_the_egress_gateway_no_subset_endpoint()
    {
        var text = RoutingFixtures.WithProfile(RoutingFixtures.Text("egress-ip"), "multi-primary")
            .Replace("      route: egress\n", "      route: egress\n      versions: [v1]\n", StringComparison.Ordinal);
        var plan = PlanSurgery.EditEndpoints(CompilationHelper.Plan(text), o => o.Cluster == "cluster1" && Caller(o),
            e => e.With("labels", PlanSurgery.Without((MapValue)e["labels"]!, RoutingPlanner.TlsModeLabel)));

        var dead = FirstDead(plan);

        Assert.Equal(("MSH182", "cluster1 egress gateway"), (dead.Failure!.Descriptor.Code, dead.Failure.Hop));
    }

    [Fact]
    public void Static_resolution_next_to_a_host_name_endpoint_is_refused()
    {
        var plan = PlanSurgery.EditSpec(RoutingFixtures.Plan("egress-hostname"), o => o.Cluster == "cluster1" && Caller(o), s => s.With("resolution", "STATIC"));

        var dead = FirstDead(plan);

        Assert.Equal("MSH182", dead.Failure!.Descriptor.Code);
        Assert.Contains("resolution STATIC and host-name endpoint 'gw.cluster2.example.com'", dead.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_udp_port_gets_no_cluster()
    {
        var plan = PlanSurgery.EditSpec(RoutingFixtures.Plan("direct"), o => o.Cluster == "cluster1" && Caller(o),
            s => s.With("ports", Value.List(((ListValue)s["ports"]!).Items.Select(p => (Value)((MapValue)p).With("protocol", "UDP")))));

        Assert.Equal("MSH181", FirstDead(plan).Failure!.Descriptor.Code);
    }

    [Fact]
    public void A_caller_without_the_entry_cannot_resolve_the_name()
    {
        var plan = PlanSurgery.Remove(RoutingFixtures.Plan("direct"), o => o.Cluster == "cluster1" && Caller(o));

        Assert.Equal("MSH180", FirstDead(plan).Failure!.Descriptor.Code);
    }

    [Fact]
    public void Without_dns_capture_in_the_sidecars_nothing_answers_for_global_names()
    {
        var plan = PlanSurgery.Edit(RoutingFixtures.Plan("direct"), i => i is HelmRelease r ? r with { Values = PlanSurgery.WithoutDeep(r.Values, "ISTIO_META_DNS_CAPTURE") } : i);

        var dead = FirstDead(plan);

        Assert.Equal(("MSH180", "cluster1 DNS"), (dead.Failure!.Descriptor.Code, dead.Failure.Hop));
    }

    [Fact]
    public void A_hosts_zone_that_answers_another_address_than_the_entry_is_a_dead_path()
    {
        var text = RoutingFixtures.Text("direct").Replace("    - name: cluster1\n", "    - name: cluster1\n      dns: hosts\n      coreDnsVersion: 1.8.0\n", StringComparison.Ordinal);
        var plan = CompilationHelper.Plan(text);
        Assert.All(PathTracer.Trace(plan), p => Assert.True(p.IsOk, p.Failure?.Message));

        var moved = PlanSurgery.Edit(plan, i => i is PlannedObject { Concern: Concern.Dns } o
            ? o with { Manifest = (MapValue)Move(o.Manifest) }
            : i);
        var dead = FirstDead(moved);

        Assert.Equal("MSH180", dead.Failure!.Descriptor.Code);
        Assert.Contains("answers 240.0.0.9 for 'httpbin.bar.global', but the ServiceEntry listens on 240.0.0.2", dead.Failure.Message, StringComparison.Ordinal);

        static Value Move(Value v) => v switch
        {
            MapValue m => new MapValue(m.Entries.Select(e => KeyValuePair.Create(e.Key, Move(e.Value))).ToImmutableArray()),
            Deferred { Ref: Core.Dns.MergedCorefile c } => new Deferred(c with { GlobalBlock = c.GlobalBlock.Replace("240.0.0.2 ", "240.0.0.9 ", StringComparison.Ordinal) }),
            _ => v,
        };
    }

    [Fact]
    public void Without_the_global_gateway_the_home_gateway_has_no_listener()
    {
        var plan = PlanSurgery.Remove(RoutingFixtures.Plan("direct"), o => o.Cluster == "cluster2" && o.Name == RoutingPlanner.GlobalGatewayName);

        Assert.Equal(("MSH184", "cluster2 gateway"), (FirstDead(plan).Failure!.Descriptor.Code, FirstDead(plan).Failure!.Hop));
    }

    [Fact]
    public void A_consumer_network_called_external_is_refused_at_its_network_key()
    {
        // The egress stack whose consumer network is called "external": once a dead path (MSH183 on meshstack:services),
        // now refused where the cause is, before any trace (issue 21).
        var text = RoutingFixtures.Text("egress-ip").Replace("    - name: cluster1\n", "    - name: cluster1\n      network: external\n", StringComparison.Ordinal);

        var result = CompilationHelper.Compile(text, options: new CompileOptions { TracePaths = false });

        Assert.False(result.Succeeded);
        var d = Assert.Single(result.Errors);
        Assert.Equal(("MSH190", "meshstack:clusters[0].network"), (d.Code, d.Path));
        Assert.NotNull(d.Position);
    }

    [Fact]
    public void Compile_reports_dead_paths_as_errors_so_nothing_is_planned()
    {
        // A dead path put back into a valid plan: its diagnostic is what compile reports.
        var plan = PlanSurgery.Remove(CompilationHelper.Compile(StackBuilder.TwoClusters().Build()).Plan!, o => o.Cluster == "cluster2" && o.Kind == "Gateway");
        var d = Assert.Single(PathTracer.Diagnostics(PathTracer.DeadPaths(plan)));
        Assert.Equal(("MSH184", "meshstack:services"), (d.Code, d.Path));
    }
}
