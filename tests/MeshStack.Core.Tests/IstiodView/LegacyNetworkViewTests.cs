using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using MeshStack.Core.Tests.Routing;
using MeshStack.Core.Tests.Tracing;
using MeshStack.Core.Tracing;

namespace MeshStack.Core.Tests.IstiodView;

/// <summary>
/// Issue 21 items 4, 5 and 6: the legacy profile's network views as 1.6/1.7 istiod and the gateway charts really apply
/// them, and the rendered values that make the egress variant carry traffic there.
/// </summary>
public class LegacyNetworkViewTests
{
    /// <summary>cluster1 calls httpbin through its egress gateway and echo directly, both served in cluster2.</summary>
    private static string MixedRoutes(string istio) => StackBuilder.Mesh()
        .With("profile", "legacy-gateways")
        .With("istio", $"{{ version: {istio}, releaseDir: ./istio-{istio} }}")
        .Cluster("cluster1", "192.0.2.1", "egressGateway: true")
        .Cluster("cluster2", "192.0.2.2")
        .ServiceWith("httpbin", "bar", "[cluster2]", "route: egress")
        .Service("echo", "bar", "[cluster2]", "[{ name: http1, number: 9000, protocol: http }]")
        .Build();

    private static FederationPlan Plan(string istio) => CompilationHelper.Plan(MixedRoutes(istio));

    private static MapValue OperatorSpec(FederationPlan plan, string cluster) =>
        (MapValue)plan.Clusters.Single(c => c.Cluster.Name == cluster).Objects.Single(o => o.Kind == "IstioOperator").Manifest["spec"]!;

    private static string? Text(Value? value) => value is Scalar { Content: string s } ? s : null;

    private static string? SidecarViewText(MapValue spec) =>
        Text(((MapValue?)((MapValue?)((MapValue?)spec["meshConfig"])?["defaultConfig"])?["proxyMetadata"])?["ISTIO_META_REQUESTED_NETWORK_VIEW"]);

    private static FederationPlan EditOperator(FederationPlan plan, Func<MapValue, MapValue> edit) =>
        PlanSurgery.Edit(plan, i => i is PlannedObject { Kind: "IstioOperator", Cluster: "cluster1" } o
            ? o with { Manifest = o.Manifest.With("spec", edit((MapValue)o.Manifest["spec"]!)) }
            : i);

    private static MapValue WithSidecarView(MapValue spec, string view)
    {
        var mesh = (MapValue)spec["meshConfig"]!;
        var defaults = (MapValue)mesh["defaultConfig"]!;
        return spec.With("meshConfig", mesh.With("defaultConfig", defaults.With("proxyMetadata", Value.Map(("ISTIO_META_REQUESTED_NETWORK_VIEW", view)))));
    }

    // Item 4.
    [Fact]
    public void On_1_6_the_mesh_wide_view_requests_the_unnamed_network_so_direct_routes_keep_their_endpoints()
    {
        var plan = Plan("1.6.14");

        Assert.Equal("cluster1,cluster2,", SidecarViewText(OperatorSpec(plan, "cluster1")));
        Assert.All(PathTracer.Trace(plan), p => Assert.True(p.IsOk, p.Failure?.Message));
    }

    [Fact]
    public void On_1_6_a_view_of_the_cluster_networks_alone_leaves_the_direct_route_without_endpoints()
    {
        // What MeshStack rendered before: 1.6 GetNetworkView holds only the named networks (context.go@1.6.14:752-766).
        var plan = EditOperator(Plan("1.6.14"), spec => WithSidecarView(spec, "cluster1,cluster2"));

        var dead = Assert.Single(PathTracer.Trace(plan), p => !p.IsOk);

        Assert.Equal(("echo.bar.global", "MSH182", "cluster1 sidecar"), (dead.Host, dead.Failure!.Descriptor.Code, dead.Failure.Hop));
    }

    [Fact]
    public void From_1_7_istiod_adds_the_unnamed_network_itself_and_the_view_names_only_the_cluster_networks()
    {
        var plan = Plan("1.7.8");

        Assert.Equal("cluster1,cluster2", SidecarViewText(OperatorSpec(plan, "cluster1")));
        Assert.All(PathTracer.Trace(plan), p => Assert.True(p.IsOk, p.Failure?.Message));
    }

    // Item 5.
    [Theory]
    [InlineData("1.6.14")]
    [InlineData("1.7.8")]
    public void The_egress_gateway_ends_up_with_its_external_view_although_the_chart_appends_the_mesh_wide_one(string istio)
    {
        var spec = OperatorSpec(Plan(istio), "cluster1");
        var egressEnv = (MapValue)((MapValue)((MapValue)((MapValue)spec["values"]!)["gateways"]!)["istio-egressgateway"]!)["env"]!;
        var proxyMetadata = (MapValue)((MapValue)((MapValue)spec["meshConfig"]!)["defaultConfig"]!)["proxyMetadata"]!;
        Assert.True(IstioVersion.TryParse(istio, out var version));

        var metadata = LegacyGatewayEnv.Metadata(egressEnv, proxyMetadata, version);

        Assert.Equal("""'{"REQUESTED_NETWORK_VIEW":"external"}'""", Text(egressEnv["ISTIO_METAJSON_REQUESTED_NETWORK_VIEW"]));
        Assert.Equal("external", metadata["REQUESTED_NETWORK_VIEW"]);
        Assert.Equal("sni-dnat", metadata["ROUTER_MODE"]);
    }

    [Fact]
    public void Without_the_JSON_view_the_appended_mesh_wide_view_wins_and_the_egress_gateway_sends_to_itself()
    {
        var plan = EditOperator(Plan("1.7.8"), spec => TraceBrokenPlanTests.EgressEnv(spec, env => PlanSurgery.Without(env, "ISTIO_METAJSON_REQUESTED_NETWORK_VIEW")));

        var dead = Assert.Single(PathTracer.Trace(plan), p => !p.IsOk);

        Assert.Equal(("httpbin.bar.global", "MSH183", "cluster1 egress gateway"), (dead.Host, dead.Failure!.Descriptor.Code, dead.Failure.Hop));
        Assert.Contains("would send traffic to itself", dead.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_1_6_3_the_chart_does_not_append_proxyMetadata_so_the_overlay_view_alone_holds()
    {
        var plan = EditOperator(Plan("1.6.2"), spec => TraceBrokenPlanTests.EgressEnv(spec, env => PlanSurgery.Without(env, "ISTIO_METAJSON_REQUESTED_NETWORK_VIEW")));

        Assert.All(PathTracer.Trace(plan), p => Assert.True(p.IsOk, p.Failure?.Message));
    }

    [Theory]
    [InlineData("1.7.8", "cluster1,cluster2")]
    [InlineData("1.6.3", "cluster1,cluster2")]
    [InlineData("1.6.2", "external")]
    public void The_last_duplicate_env_entry_wins(string istio, string expected)
    {
        Assert.True(IstioVersion.TryParse(istio, out var version));
        var metadata = LegacyGatewayEnv.Metadata(
            Value.Map(("ISTIO_META_REQUESTED_NETWORK_VIEW", "external")),
            Value.Map(("ISTIO_META_REQUESTED_NETWORK_VIEW", "cluster1,cluster2")),
            version);

        Assert.Equal(expected, metadata["REQUESTED_NETWORK_VIEW"]);
    }

    [Theory]
    [InlineData("""'{"REQUESTED_NETWORK_VIEW":"external"}'""", "external")]
    [InlineData("""{"REQUESTED_NETWORK_VIEW":"external"}""", "cluster1")]
    public void A_JSON_metadata_variable_overrides_only_when_YAML_reads_it_as_a_string(string raw, string expected)
    {
        // value: {{ $val }} is unquoted: an unquoted JSON object is a YAML mapping, which Kubernetes refuses as an env value.
        var metadata = LegacyGatewayEnv.Metadata(
            Value.Map(("ISTIO_META_REQUESTED_NETWORK_VIEW", "cluster1"), ("ISTIO_METAJSON_VIEW", raw)), null, IstioVersion.LegacyDefault);

        Assert.Equal(expected, metadata["REQUESTED_NETWORK_VIEW"]);
    }

    // Item 6.
    [Theory]
    [InlineData("egress-ip")]
    [InlineData("egress-auto")]
    public void Legacy_egress_entries_resolve_by_DNS_so_the_sidecars_view_applies(string fixture)
    {
        var plan = RoutingFixtures.Plan(fixture, "legacy-gateways");
        var entry = plan.Clusters.SelectMany(c => c.Objects).Single(o => o.Kind == "ServiceEntry" && o.Cluster == "cluster1");

        Assert.Equal("DNS", Text(((MapValue)entry.Manifest["spec"]!)["resolution"]));
        Assert.All(PathTracer.Trace(plan), p => Assert.True(p.IsOk, p.Failure?.Message));
    }

    [Fact]
    public void A_STATIC_legacy_egress_entry_lets_sidecars_past_the_egress_gateway()
    {
        // What MeshStack rendered before for IP gateways: STATIC with the egress gateway's ClusterIP. Before 1.8 the view
        // filters only DNS clusters (cluster_builder.go@1.7.8:192-195), so the remote gateway is a sidecar endpoint too.
        var plan = PlanSurgery.EditSpec(RoutingFixtures.Plan("egress-ip", "legacy-gateways"), o => o.Kind == "ServiceEntry" && o.Cluster == "cluster1",
            spec => spec.With("resolution", "STATIC").With("endpoints", Value.List(((ListValue)spec["endpoints"]!).Items
                .Select(e => (Value)(((MapValue)e)["network"] is Scalar { Content: "external" } ? (MapValue)e : ((MapValue)e).With("address", new Deferred(new EgressGatewayIpOf("cluster1"))))))));

        var dead = Assert.Single(PathTracer.Trace(plan), p => !p.IsOk);

        Assert.Equal(("MSH183", "cluster1 sidecar"), (dead.Failure!.Descriptor.Code, dead.Failure.Hop));
        Assert.Contains("bypass the egress gateway", dead.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_primary_keeps_STATIC_for_IP_gateways_where_the_view_filters_every_cluster()
    {
        var plan = RoutingFixtures.Plan("egress-ip");
        var entry = plan.Clusters.SelectMany(c => c.Objects).Single(o => o.Kind == "ServiceEntry" && o.Cluster == "cluster1");

        Assert.Equal("STATIC", Text(((MapValue)entry.Manifest["spec"]!)["resolution"]));
    }
}
