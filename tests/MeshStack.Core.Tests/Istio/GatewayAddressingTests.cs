using System.Text.Json.Nodes;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Istio;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using static MeshStack.Core.Tests.Istio.IstioTestData;

namespace MeshStack.Core.Tests.Istio;

/// <summary>
/// Issue 21, items 1 and 2: a configured gateway address is asked for by the gateway Service, and with endpoint
/// discovery reaches istiod by a mechanism it reads (meshNetworks for a given address, the LoadBalancer status for auto).
/// </summary>
public class GatewayAddressingTests
{
    private static string Endpoints(string gateway1 = "{ address: 172.18.255.1 }", string gateway2 = "{ address: 172.18.255.2 }", string discovery = "endpoints") =>
        File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.endpoints.yaml"))
            .Replace("meshstack:discovery: endpoints", $"meshstack:discovery: {discovery}", StringComparison.Ordinal)
            .Replace("      gateway:\n        address: 172.18.255.1", $"      gateway: {gateway1}", StringComparison.Ordinal)
            .Replace("      gateway:\n        address: 172.18.255.2", $"      gateway: {gateway2}", StringComparison.Ordinal);

    private static JsonNode EastWest(FederationPlan plan, string cluster) => ToJson(Release(Cluster(plan, cluster), IstioCharts.EastWestGateway).Values)!;

    private static JsonNode? MeshNetworks(FederationPlan plan, string cluster) => ToJson(Release(Cluster(plan, cluster), IstioCharts.IstiodRelease).Values)!["global"]!["meshNetworks"];

    [Fact]
    public void An_explicit_ip_is_requested_as_load_balancer_ip_by_default()
    {
        var service = EastWest(CompilationHelper.Plan(Endpoints()), "cluster2")["service"]!;
        Assert.Equal("172.18.255.2", (string?)service["loadBalancerIP"]);
        Assert.Null(service["externalIPs"]);
        Assert.True(GatewaySchema.Validate(EastWest(CompilationHelper.Plan(Endpoints()), "cluster2")).IsValid);
    }

    [Theory]
    [InlineData("annotation", null, "metallb.universe.tf/loadBalancerIPs")]
    [InlineData("annotation", "cloud-provider-kind.sigs.k8s.io/load-balancer-ip-address", "cloud-provider-kind.sigs.k8s.io/load-balancer-ip-address")]
    public void An_annotation_request_writes_the_address_under_the_controllers_key(string request, string? key, string expectedKey)
    {
        var gateway = key is null ? $"{{ address: 172.18.255.2, addressRequest: {request} }}" : $"{{ address: 172.18.255.2, addressRequest: {request}, addressAnnotation: {key} }}";
        var values = EastWest(CompilationHelper.Plan(Endpoints(gateway2: gateway)), "cluster2");
        Assert.Equal("172.18.255.2", (string?)values["service"]!["annotations"]![expectedKey]);
        Assert.Equal("true", (string?)values["service"]!["annotations"]!["pulumi.com/skipAwait"]);
        Assert.Null(values["service"]!["loadBalancerIP"]);
        Assert.True(GatewaySchema.Validate(values).IsValid, GatewaySchema.Describe(GatewaySchema.Validate(values)));
    }

    [Fact]
    public void An_external_ips_request_sets_spec_external_ips_which_istiod_reads_directly()
    {
        var values = EastWest(CompilationHelper.Plan(Endpoints(gateway2: "{ address: 172.18.255.2, addressRequest: externalIPs }")), "cluster2");
        Assert.Equal(["172.18.255.2"], values["service"]!["externalIPs"]!.AsArray().Select(n => (string?)n));
        Assert.Null(values["service"]!["loadBalancerIP"]);
        Assert.True(GatewaySchema.Validate(values).IsValid);
    }

    [Fact]
    public void Address_request_none_asks_for_nothing()
    {
        var service = EastWest(CompilationHelper.Plan(Endpoints(gateway2: "{ address: 172.18.255.2, addressRequest: none }")), "cluster2")["service"]!;
        Assert.Null(service["loadBalancerIP"]);
        Assert.Null(service["externalIPs"]);
        Assert.Equal(["pulumi.com/skipAwait"], service["annotations"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void With_endpoint_discovery_every_istiod_gets_the_given_addresses_as_mesh_networks_gateways()
    {
        var plan = CompilationHelper.Plan(Endpoints());
        foreach (var cluster in new[] { "cluster1", "cluster2" })
        {
            var networks = MeshNetworks(plan, cluster)!;
            Assert.Equal("172.18.255.2", (string?)networks["network2"]!["gateways"]![0]!["address"]);
            Assert.Equal(15443, (long)networks["network2"]!["gateways"]![0]!["port"]!);
            Assert.Equal("cluster2", (string?)networks["network2"]!["endpoints"]![0]!["fromRegistry"]);
            Assert.Equal("172.18.255.1", (string?)networks["network1"]!["gateways"]![0]!["address"]);
        }
    }

    [Fact]
    public void A_node_port_gateway_reaches_istiod_as_a_mesh_networks_gateway_on_its_node_port()
    {
        // istiod chart values.yaml@1.30.3:476-477: "for a NodePort type gateway service, it still need to be configured manually".
        var plan = CompilationHelper.Plan(Endpoints(gateway2: "{ address: 172.18.0.3, nodePort: 31443 }"));
        var gateway = MeshNetworks(plan, "cluster1")!["network2"]!["gateways"]![0]!;
        Assert.Equal(("172.18.0.3", 31443L), ((string?)gateway["address"], (long)gateway["port"]!));
        Assert.Equal("a node's address (NodePort); istiod: meshNetworks", GatewayAddressing.Describe(plan.Spec, plan.Spec.FindCluster("cluster2")!));
    }

    [Fact]
    public void Auto_addresses_reach_istiod_through_the_load_balancer_status_and_need_no_mesh_networks()
    {
        var plan = CompilationHelper.Plan(Endpoints(gateway1: "{ address: auto }", gateway2: "{ address: auto }"));
        Assert.Null(MeshNetworks(plan, "cluster1"));
        Assert.Equal("assigned by the load balancer; istiod: LoadBalancer status", GatewayAddressing.Describe(plan.Spec, plan.Spec.FindCluster("cluster2")!));
    }

    [Fact]
    public void Without_endpoint_discovery_no_mesh_networks_are_written()
    {
        var plan = CompilationHelper.Plan(Endpoints(discovery: "global"));
        Assert.Null(MeshNetworks(plan, "cluster1"));
        Assert.Equal("requested as spec.loadBalancerIP", GatewayAddressing.Describe(plan.Spec, plan.Spec.FindCluster("cluster2")!));
    }

    [Fact]
    public void Mesh_networks_follow_istiods_own_rules()
    {
        // pkg/config/validation/agent/validation.go@1.30.3:931-965 (validateNetwork): fromRegistry a DNS-1123 label,
        // a gateway address an IP or (RESOLVE_HOSTNAME_GATEWAYS, on by default since 1.20) a DNS name, a valid port.
        var plan = CompilationHelper.Plan(Endpoints(gateway1: "{ address: gw1.example.com }", gateway2: "{ address: 172.18.0.3, nodePort: 31443 }"));
        foreach (var (_, network) in MeshNetworks(plan, "cluster2")!.AsObject())
        {
            Assert.All(network!["endpoints"]!.AsArray(), e => Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", (string?)e!["fromRegistry"]));
            Assert.All(network["gateways"]!.AsArray(), g =>
            {
                var address = (string)g!["address"]!;
                Assert.True(System.Net.IPAddress.TryParse(address, out _) || MeshStack.Core.Config.Names.IsHostname(address), address);
                Assert.InRange((long)g["port"]!, 1, 65535);
            });
        }

        var upstream = YamlToJson(Reference("charts-1.30.3", "istiod", "values.yaml"));
        Assert.True(TryGet(upstream, ["_internal_defaults_do_not_set", "global", "meshNetworks"], out _) || TryGet(upstream, ["global", "meshNetworks"], out _));
    }

    [Fact]
    public void The_plan_json_says_what_carries_each_gateway_address()
    {
        var plan = CompilationHelper.Plan(Endpoints(gateway2: "{ address: 172.18.0.3, nodePort: 31443 }"));
        var clusters = JsonNode.Parse(PlanJsonWriter.ToJson(plan))!["clusters"]!.AsArray();
        var gateway1 = clusters.Single(c => (string?)c!["name"] == "cluster1")!["gateway"]!;
        var gateway2 = clusters.Single(c => (string?)c!["name"] == "cluster2")!["gateway"]!;
        Assert.Equal(("loadBalancerIP", "meshNetworks"), ((string?)gateway1["addressRequest"], (string?)gateway1["istiodLearnsAddressFrom"]));
        Assert.Equal(("none", "meshNetworks", 31443L), ((string?)gateway2["addressRequest"], (string?)gateway2["istiodLearnsAddressFrom"], (long)gateway2["port"]!));
    }

    [Theory]
    [InlineData("{ address: gw.example.com, addressRequest: loadBalancerIP }", "meshstack:clusters[1].gateway.addressRequest", "MSH188")]
    [InlineData("{ address: auto, addressRequest: annotation }", "meshstack:clusters[1].gateway.addressRequest", "MSH188")]
    [InlineData("{ address: 172.18.0.3, nodePort: 31443, addressRequest: externalIPs }", "meshstack:clusters[1].gateway.addressRequest", "MSH188")]
    [InlineData("{ address: 172.18.255.2, addressAnnotation: metallb.universe.tf/loadBalancerIPs }", "meshstack:clusters[1].gateway.addressAnnotation", "MSH189")]
    [InlineData("{ address: 172.18.255.2, addressRequest: annotation, addressAnnotation: \"not a key\" }", "meshstack:clusters[1].gateway.addressAnnotation", "MSH189")]
    [InlineData("{ address: 172.18.255.2, addressRequest: loadBalancerIp }", "meshstack:clusters[1].gateway.addressRequest", "MSH006")]
    public void A_request_that_cannot_be_made_is_refused_at_its_key(string gateway, string path, string code)
    {
        var result = CompilationHelper.Compile(Endpoints(gateway2: gateway));
        Assert.False(result.Succeeded);
        var d = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((code, Severity.Error, path), (d.Code, d.Severity, d.Path));
        Assert.NotNull(d.Position);
    }
}
