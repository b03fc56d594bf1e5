using System.Globalization;
using MeshStack.Core.Render;
using MeshStack.Core.Plan;
using MeshStack.Core.Routing;

namespace MeshStack.Core.Tests.Routing;

public class RoutingSchemaTests
{
    [Theory]
    [MemberData(nameof(RoutingGoldenTests.Variants), MemberType = typeof(RoutingGoldenTests))]
    public void Every_routing_object_is_valid_against_the_upstream_Istio_CRD_schema(string fixture, string profile)
    {
        var plan = RoutingFixtures.Plan(fixture, profile);

        // Deferred values are checked as what they become: discovered gateway addresses as IPs, then as host names.
        foreach (var discovered in new[] { "203.0.113.{0}", "gw{0}.example.com" })
        {
            var values = new Dictionary<DeployValue, string>();
            for (var i = 0; i < plan.Spec.Clusters.Length; i++)
            {
                values[new GatewayAddressOf(plan.Spec.Clusters[i].Name)] = string.Format(CultureInfo.InvariantCulture, discovered, i + 1);
                values[new EgressGatewayIpOf(plan.Spec.Clusters[i].Name)] = string.Format(CultureInfo.InvariantCulture, "10.96.0.{0}", i + 1);
            }

            var resolver = new TableResolver(values);
            var objects = RoutingFixtures.RoutingObjects(plan).Select(o =>
            {
                var (manifest, unresolved) = ManifestResolver.Resolve(o.Manifest, resolver);
                Assert.Empty(unresolved);
                return o with { Manifest = manifest };
            }).ToList();

            Assert.NotEmpty(objects);
            var problems = objects.SelectMany(RoutingSchemaCheck.Problems).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }

    [Theory]
    [InlineData("multi-primary", "networking.istio.io/v1")]
    [InlineData("legacy-gateways", "networking.istio.io/v1alpha3")]
    public void Networking_api_version_follows_the_profile(string profile, string apiVersion)
    {
        var objects = RoutingFixtures.RoutingObjects(RoutingFixtures.Plan("four-clusters", profile)).ToList();

        Assert.All(objects, o => Assert.Equal(apiVersion, o.ApiVersion));
        Assert.All(objects, o => Assert.Equal(apiVersion, ((Scalar)o.Manifest["apiVersion"]!).Content));
    }

    [Fact]
    public void Legacy_api_version_is_the_one_the_guide_writes()
    {
        var guide = GuideDocuments.Load();

        Assert.Equal(RoutingPlanner.IstioNetworkingLegacy, guide[3]["apiVersion"]);
        Assert.Equal(RoutingPlanner.IstioNetworkingLegacy, guide[4]["apiVersion"]);
    }

    [Fact]
    public void Schema_check_rejects_an_unknown_resolution()
    {
        var entry = ServiceEntryOf("direct");
        var spec = (MapValue)entry.Manifest["spec"]!;
        var bad = entry with { Manifest = entry.Manifest.With("spec", spec.With("resolution", "SOMETIMES")) };

        Assert.Contains(RoutingSchemaCheck.Problems(bad), p => p.Contains("/spec/resolution", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_check_rejects_a_field_the_schema_does_not_declare()
    {
        var entry = ServiceEntryOf("direct");
        var spec = (MapValue)entry.Manifest["spec"]!;
        var bad = entry with { Manifest = entry.Manifest.With("spec", spec.With("endpoint", Value.List())) };

        Assert.Contains(RoutingSchemaCheck.Problems(bad), p => p.Contains(".spec.endpoint: not declared", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_check_rejects_a_version_the_CRDs_do_not_serve()
    {
        var entry = ServiceEntryOf("direct") with { ApiVersion = "networking.istio.io/v2" };

        Assert.Single(RoutingSchemaCheck.Problems(entry));
    }

    private static PlannedObject ServiceEntryOf(string fixture) =>
        RoutingFixtures.RoutingObjects(RoutingFixtures.Plan(fixture)).First(o => o.Kind == "ServiceEntry" && o.Cluster == "cluster1");
}
