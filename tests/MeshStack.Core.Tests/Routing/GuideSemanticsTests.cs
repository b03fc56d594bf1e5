using System.Collections.Immutable;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Routing;

/// <summary>The caller-side ServiceEntries are the guide's own, field for field (reference/istio/docs).</summary>
public class GuideSemanticsTests
{
    private static readonly Dictionary<string, string> Addresses = new()
    {
        ["${CLUSTER2_GW_ADDR}"] = "192.0.2.2",
        ["${CLUSTER1_EGW_ADDR}"] = "10.96.0.42",
    };

    [Theory]
    [InlineData("direct", 3)]
    [InlineData("egress-ip", 4)]
    public void Caller_service_entry_spec_is_the_guides_apart_from_the_cluster_label(string fixture, int guideDocument)
    {
        var guide = GuideDocuments.Load(Addresses)[guideDocument];
        var entry = RoutingFixtures.RoutingObjects(RoutingFixtures.Plan(fixture))
            .Single(o => o.Cluster == "cluster1" && o.Kind == "ServiceEntry");
        var resolved = Render.ManifestResolver.Resolve(entry.Manifest,
            new Render.TableResolver(new Dictionary<DeployValue, string> { [new EgressGatewayIpOf("cluster1")] = "10.96.0.42" })).Manifest;
        // Deliberate differences from the guide: the cluster label, the mTLS label on every endpoint (the egress gateway's
        // SNI-DNAT cluster keeps only mTLS endpoints), the egress endpoint's network (hides it from the egress gateway),
        // and subjectAltNames (pins the callee's identity: the guide's entry accepts any workload under the root).
        var spec = WithoutEndpointField(WithoutEndpointLabel(WithoutEndpointLabel((MapValue)resolved["spec"]!, "cluster"), Core.Routing.RoutingPlanner.TlsModeLabel), "network", "cluster1");
        Assert.Equal(["spiffe://cluster.local/ns/bar/sa/httpbin"], ((ListValue)spec["subjectAltNames"]!).Items.Select(i => ((Scalar)i).Content));
        spec = new MapValue(spec.Entries.Where(e => e.Key != "subjectAltNames").ToImmutableArray());

        Assert.Equal("ServiceEntry", guide["kind"]);
        Assert.Equal(GuideDocuments.Canonical(guide["spec"]), GuideDocuments.Canonical(spec));
    }

    [Fact]
    public void Egress_with_a_host_name_gateway_resolves_by_DNS_through_the_egress_gateway_service()
    {
        var spec = SpecOf("egress-hostname");
        var endpoints = ((ListValue)spec["endpoints"]!).Items.Cast<MapValue>().ToList();

        Assert.Equal(new Scalar("DNS"), spec["resolution"]);
        Assert.Equal(new Scalar("gw.cluster2.example.com"), endpoints[0]["address"]);
        Assert.Equal(new Scalar("external"), endpoints[0]["network"]);
        Assert.Equal(new Scalar("istio-egressgateway.istio-system.svc.cluster.local"), endpoints[1]["address"]);
        Assert.Equal(new Scalar("cluster1"), endpoints[1]["network"]);
    }

    [Fact]
    public void Egress_with_an_auto_gateway_defers_resolution_and_egress_endpoint_to_deploy_time()
    {
        var spec = SpecOf("egress-auto");
        var endpoints = ((ListValue)spec["endpoints"]!).Items.Cast<MapValue>().ToList();

        Assert.Equal(new Deferred(new ResolutionFor("cluster2")), spec["resolution"]);
        Assert.Equal(new Deferred(new GatewayAddressOf("cluster2")), endpoints[0]["address"]);
        Assert.Equal(new Deferred(new EgressEndpointFor("cluster1", "cluster2")), endpoints[1]["address"]);
    }

    [Theory]
    [InlineData("192.0.2.2", "STATIC", "10.96.0.42")]
    [InlineData("gw.cluster2.example.com", "DNS", "istio-egressgateway.istio-system.svc.cluster.local")]
    public void Deferred_egress_values_resolve_as_the_guide_says_for_the_discovered_address(string discovered, string resolution, string egressEndpoint)
    {
        var entry = RoutingFixtures.RoutingObjects(RoutingFixtures.Plan("egress-auto")).Single(o => o.Cluster == "cluster1" && o.Kind == "ServiceEntry");
        var resolver = new Render.TableResolver(new Dictionary<DeployValue, string>
        {
            [new GatewayAddressOf("cluster2")] = discovered,
            [new EgressGatewayIpOf("cluster1")] = "10.96.0.42",
        });
        var (manifest, unresolved) = Render.ManifestResolver.Resolve(entry.Manifest, resolver);
        var spec = (MapValue)manifest["spec"]!;

        Assert.Empty(unresolved);
        Assert.Equal(new Scalar(resolution), spec["resolution"]);
        Assert.Equal(new Scalar(egressEndpoint), ((MapValue)((ListValue)spec["endpoints"]!).Items[1])["address"]);
    }

    [Fact]
    public void Node_port_replaces_15443_on_the_remote_endpoint()
    {
        var endpoint = (MapValue)((ListValue)SpecOf("nodeport")["endpoints"]!).Items.Single();

        Assert.Equal(new Scalar("node1.cluster2.example.com"), endpoint["address"]);
        Assert.Equal(GuideDocuments.Canonical(Value.Map(("http1", 32443))), GuideDocuments.Canonical(endpoint["ports"]!));
    }

    [Fact]
    public void Service_in_two_homes_gets_one_entry_per_consumer_with_a_located_endpoint_per_home()
    {
        var plan = RoutingFixtures.Plan("two-homes");
        var entries = RoutingFixtures.RoutingObjects(plan).Where(o => o.Kind == "ServiceEntry" && o.Cluster == "cluster1").ToList();
        var endpoints = ((ListValue)((MapValue)Assert.Single(entries).Manifest["spec"]!)["endpoints"]!).Items.Cast<MapValue>().ToList();

        Assert.Equal(["192.0.2.2", "gw.cluster3.example.com"], endpoints.Select(e => ((Scalar)e["address"]!).Content));
        Assert.Equal(["eu-west/eu-west-1b", "us-east/us-east-1a"], endpoints.Select(e => ((Scalar)e["locality"]!).Content));
        Assert.Equal(["cluster2", "cluster3"], endpoints.Select(e => ((Scalar)((MapValue)e["labels"]!)["cluster"]!).Content));
    }

    [Theory]
    [InlineData("multi-primary")]
    [InlineData("legacy-gateways")]
    public void Service_in_two_homes_gets_outlier_detection_so_locality_failover_happens(string profile)
    {
        // endpoint_builder.go: "Failover should only be enabled when there is an outlier detection".
        var rule = RoutingFixtures.RoutingObjects(RoutingFixtures.Plan("two-homes", profile))
            .Single(o => o.Cluster == "cluster1" && o.Kind == "DestinationRule" && o.Name == "httpbin.bar.global");
        var policy = (MapValue)((MapValue)rule.Manifest["spec"]!)["trafficPolicy"]!;

        Assert.Equal(new Scalar("ISTIO_MUTUAL"), ((MapValue)policy["tls"]!)["mode"]);
        var outlier = Assert.IsType<MapValue>(policy["outlierDetection"]);
        Assert.Equal(new Scalar(5L), outlier["consecutive5xxErrors"]);
        Assert.Equal(new Scalar(100L), outlier["maxEjectionPercent"]);
    }

    [Fact]
    public void A_service_in_one_home_without_versions_gets_no_caller_rule() =>
        Assert.DoesNotContain(RoutingFixtures.RoutingObjects(RoutingFixtures.Plan("direct")), o => o.Kind == "DestinationRule" && o.Name == "httpbin.bar.global");

    [Theory]
    [InlineData("multi-primary", 2)]
    [InlineData("legacy-gateways", 0)]
    public void Owner_side_entries_exist_only_in_the_multi_primary_profile(string profile, int ownerEntries)
    {
        var objects = RoutingFixtures.RoutingObjects(RoutingFixtures.Plan("two-homes", profile)).ToList();

        Assert.Equal(ownerEntries, objects.Count(o => o.Kind == "ServiceEntry" && o.Cluster is "cluster2" or "cluster3"));
        Assert.Equal(profile == "multi-primary" ? 3 : 0, objects.Count(o => o.Kind == "Gateway" && o.Name == Core.Routing.RoutingPlanner.GlobalGatewayName));
        Assert.Equal(profile == "multi-primary" ? 3 : 0, objects.Count(o => o.Kind == "DestinationRule" && o.Name == Core.Routing.RoutingPlanner.GlobalMtlsName));
    }

    private static MapValue SpecOf(string fixture) =>
        (MapValue)RoutingFixtures.RoutingObjects(RoutingFixtures.Plan(fixture)).Single(o => o.Cluster == "cluster1" && o.Kind == "ServiceEntry").Manifest["spec"]!;

    private static MapValue WithoutEndpointField(MapValue spec, string field, string value) =>
        spec.With("endpoints", Value.List(((ListValue)spec["endpoints"]!).Items.Cast<MapValue>()
            .Select(e => (Value)(e[field] == new Scalar(value) ? new MapValue(e.Entries.Where(x => x.Key != field).ToImmutableArray()) : e))));

    private static MapValue WithoutEndpointLabel(MapValue spec, string label)
    {
        var endpoints = ((ListValue)spec["endpoints"]!).Items.Cast<MapValue>().Select(e =>
        {
            if (e["labels"] is not MapValue labels)
            {
                return (Value)e;
            }

            var rest = new MapValue(labels.Entries.Where(l => l.Key != label).ToImmutableArray());
            return rest.Entries.IsEmpty ? new MapValue(e.Entries.Where(x => x.Key != "labels").ToImmutableArray()) : e.With("labels", rest);
        });
        return spec.With("endpoints", Value.List(endpoints));
    }
}
