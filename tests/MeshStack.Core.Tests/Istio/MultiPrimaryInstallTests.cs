using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MeshStack.Core.Istio;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using MeshStack.Core.Routing;
using static MeshStack.Core.Tests.Istio.IstioTestData;

namespace MeshStack.Core.Tests.Istio;

public class MultiPrimaryInstallTests
{
    private static readonly FederationPlan Plan = CompilationHelper.Plan(Fixture("Pulumi.multi-primary.yaml"));

    [Fact]
    public void Istio_items_match_the_golden_file()
    {
        AssertGolden("multi-primary.yaml", IstioYaml(Plan));
    }

    [Theory]
    [InlineData("cluster1", new[] { "istio-base", "istiod", "istio-eastwestgateway", "istio-egressgateway" })]
    [InlineData("cluster2", new[] { "istio-base", "istiod", "istio-eastwestgateway" })]
    public void Every_cluster_gets_the_official_charts_at_the_pinned_version(string cluster, string[] releases)
    {
        var items = Cluster(Plan, cluster).Items.Where(i => i.Concern == Concern.Istio).ToList();
        Assert.All(items, i => Assert.IsType<HelmRelease>(i));
        var installed = items.Cast<HelmRelease>().ToList();
        Assert.Equal(releases.Order(StringComparer.Ordinal), installed.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(installed, r =>
        {
            Assert.Equal("https://istio-release.storage.googleapis.com/charts", r.Repository);
            Assert.Equal("1.30.3", r.Version);
            Assert.Equal(IstioVersion.Current.ToString(), r.Version);
            Assert.Equal("istio-system", r.Namespace);
            Assert.False(r.IsLocalChart);
        });
        var charts = installed.ToDictionary(r => r.Name, r => (r.Chart, r.Stage));
        Assert.Equal(("base", Stage.IstioBase), charts["istio-base"]);
        Assert.Equal(("istiod", Stage.ControlPlane), charts["istiod"]);
        Assert.Equal(("gateway", Stage.Gateways), charts["istio-eastwestgateway"]);
        if (charts.TryGetValue("istio-egressgateway", out var egress))
        {
            Assert.Equal(("gateway", Stage.Gateways), egress);
        }
    }

    [Fact]
    public void Istiod_gets_mesh_id_cluster_name_network_trust_domain_and_dns_capture_for_proxy_dns()
    {
        var values = ToJson(Release(Cluster(Plan, "cluster1"), "istiod").Values)!;
        Assert.Equal("mesh1", (string?)values["global"]!["meshID"]);
        Assert.Equal("cluster1", (string?)values["global"]!["multiCluster"]!["clusterName"]);
        Assert.Equal("network1", (string?)values["global"]!["network"]);
        Assert.Equal("mesh.example.com", (string?)values["meshConfig"]!["trustDomain"]);
        var metadata = values["meshConfig"]!["defaultConfig"]!["proxyMetadata"]!.AsObject();
        Assert.Equal("true", (string?)metadata["ISTIO_META_DNS_CAPTURE"]);
        Assert.Equal(JsonValueKind.String, metadata["ISTIO_META_DNS_CAPTURE"]!.GetValueKind());
        Assert.False(metadata.ContainsKey("ISTIO_META_DNS_AUTO_ALLOCATE"));
    }

    [Fact]
    public void Istiod_leaves_proxy_metadata_alone_when_dns_is_not_the_proxy()
    {
        var values = ToJson(Release(Cluster(Plan, "cluster2"), "istiod").Values)!;
        Assert.Equal("network2", (string?)values["global"]!["network"]);
        Assert.Null(values["meshConfig"]!["defaultConfig"]);
    }

    [Fact]
    public void Every_cluster_shares_the_configured_mesh_id()
    {
        Assert.All(Plan.Clusters, c => Assert.Equal("mesh1", (string?)ToJson(Release(c, "istiod").Values)!["global"]!["meshID"]));
    }

    [Fact]
    public void Without_a_mesh_id_istiod_gets_the_generated_one_at_deploy_time()
    {
        var plan = CompilationHelper.Plan(Fixture("Pulumi.multi-primary.yaml").Replace("  meshstack:meshId: mesh1\n", "", StringComparison.Ordinal));
        Assert.All(plan.Clusters, c =>
        {
            var global = (MapValue)Release(c, "istiod").Values["global"]!;
            Assert.Equal(new Deferred(new GeneratedMeshId()), global["meshID"]);
        });
    }

    [Fact]
    public void Load_balanced_east_west_gateway_is_the_charts_network_gateway()
    {
        var values = ToJson(Release(Cluster(Plan, "cluster1"), "istio-eastwestgateway").Values)!;
        Assert.Equal("network1", (string?)values["networkGateway"]);
        Assert.Equal("eastwestgateway", (string?)values["labels"]!["istio"]);
        Assert.Equal("LoadBalancer", (string?)values["service"]!["type"]);

        // With networkGateway set the chart renders its networkGatewayPorts and ignores service.ports, so none are given;
        // the chart also sets the topology.istio.io/network label itself, and a second copy in labels would duplicate the key.
        Assert.Null(values["service"]!["ports"]);
        Assert.False(values["labels"]!.AsObject().ContainsKey("topology.istio.io/network"));
        var defaults = YamlToJson(Reference("charts-1.30.3", "gateway", "values.yaml"))!["_internal_defaults_do_not_set"]!["networkGatewayPorts"]!;
        Assert.Equal(15021, (long)defaults["status-port"]!["port"]!);
        Assert.Equal(15443, (long)defaults["tls"]!["port"]!);
    }

    [Fact]
    public void Node_port_east_west_gateway_lists_status_port_first_then_15443_on_the_configured_node_port()
    {
        var values = ToJson(Release(Cluster(Plan, "cluster2"), "istio-eastwestgateway").Values)!;
        Assert.Equal("NodePort", (string?)values["service"]!["type"]);
        var ports = values["service"]!["ports"]!.AsArray();
        Assert.Equal(2, ports.Count);
        Assert.Equal(("status-port", 15021L, (long?)null), ((string?)ports[0]!["name"], (long)ports[0]!["port"]!, (long?)ports[0]!["nodePort"]));
        Assert.Equal(("tls", 15443L, (long?)31443), ((string?)ports[1]!["name"], (long)ports[1]!["port"]!, (long?)ports[1]!["nodePort"]));

        // networkGateway cannot carry a nodePort, so the three things it does are written out: pod and Service label, network view.
        Assert.Null(values["networkGateway"]);
        Assert.Equal("eastwestgateway", (string?)values["labels"]!["istio"]);
        Assert.Equal("network2", (string?)values["labels"]!["topology.istio.io/network"]);
        Assert.Equal("network2", (string?)values["env"]!["ISTIO_META_REQUESTED_NETWORK_VIEW"]);
    }

    [Fact]
    public void Egress_gateway_is_cluster_internal_with_the_external_network_view()
    {
        var values = ToJson(Release(Cluster(Plan, "cluster1"), "istio-egressgateway").Values)!;
        Assert.Equal("ClusterIP", (string?)values["service"]!["type"]);
        Assert.Equal("external", (string?)values["env"]!["ISTIO_META_REQUESTED_NETWORK_VIEW"]);
        Assert.Equal("istio-egressgateway", (string?)values["name"]);
        Assert.Contains(values["service"]!["ports"]!.AsArray(), p => (long)p!["port"]! == 15443);
    }

    [Fact]
    public void Routing_selects_and_addresses_the_gateways_by_the_names_the_install_gives_them()
    {
        Assert.Equal(RoutingPlanner.EastWestSelector, IstioCharts.EastWestGatewayLabel);
        Assert.Equal(RoutingPlanner.EgressServiceHost, IstioCharts.EgressGatewayHost);
        var gateway = Cluster(Plan, "cluster1").Objects.Single(o => o.Kind == "Gateway" && o.Name == RoutingPlanner.GlobalGatewayName);
        var selector = ToJson(gateway.Manifest)!["spec"]!["selector"]!["istio"];
        Assert.Equal((string?)ToJson(Release(Cluster(Plan, "cluster1"), "istio-eastwestgateway").Values)!["labels"]!["istio"], (string?)selector);
    }

    public static TheoryData<string, string> GatewayReleases => new()
    {
        { "cluster1", "istio-eastwestgateway" },
        { "cluster2", "istio-eastwestgateway" },
        { "cluster1", "istio-egressgateway" },
    };

    [Theory]
    [MemberData(nameof(GatewayReleases))]
    public void Gateway_values_pass_the_upstream_chart_schema(string cluster, string release)
    {
        var values = ToJson(Release(Cluster(Plan, cluster), release).Values)!;
        var result = GatewaySchema.Validate(values);
        Assert.True(result.IsValid, GatewaySchema.Describe(result));
    }

    [Theory]
    [InlineData("""{ "networkGatway": "network1" }""")]
    [InlineData("""{ "service": { "ports": [ { "name": "tls", "port": "15443" } ] } }""")]
    [InlineData("""{ "kind": "StatefulSet" }""")]
    public void The_schema_check_rejects_what_the_chart_rejects(string values)
    {
        Assert.False(GatewaySchema.Validate(JsonNode.Parse(values)!).IsValid);
    }

    [Theory]
    [InlineData("base")]
    [InlineData("istiod")]
    public void Base_and_istiod_values_use_only_keys_of_the_upstream_values_file(string chart)
    {
        var upstream = YamlToJson(Reference("charts-1.30.3", chart, "values.yaml"));
        foreach (var c in Plan.Clusters)
        {
            var values = ToJson(Release(c, chart == "base" ? "istio-base" : "istiod").Values);
            var unknown = Leaves(values).Select(l => l.Path).Where(p => !UpstreamValues.Knows(upstream, p)).Select(p => string.Join('.', p)).ToList();
            Assert.True(unknown.Count == 0, $"{chart} values of {c.Cluster.Name} use keys the chart does not have: {string.Join(", ", unknown)}");
        }
    }

    [Fact]
    public void The_key_check_rejects_a_key_the_chart_does_not_have()
    {
        var upstream = YamlToJson(Reference("charts-1.30.3", "istiod", "values.yaml"));
        Assert.True(UpstreamValues.Knows(upstream, ["global", "multiCluster", "clusterName"]));
        Assert.False(UpstreamValues.Knows(upstream, ["global", "multicluster", "clusterName"]));
        Assert.False(UpstreamValues.Knows(upstream, ["meshConfig", "trustDomains"]));
        Assert.False(UpstreamValues.Knows(upstream, ["_internal_defaults_do_not_set", "global", "network"]));
    }
}

/// <summary>The gateway chart's own values.schema.json (Istio 1.30.3), evaluated as draft-07 the way Helm applies it.</summary>
internal static class GatewaySchema
{
    private static readonly JsonSchema Schema = Load();

    public static EvaluationResults Validate(JsonNode values)
    {
        using var document = JsonDocument.Parse(values.ToJsonString());
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    public static string Describe(EvaluationResults result) => string.Join("\n",
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));

    private static JsonSchema Load()
    {
        var text = IstioTestData.Reference("charts-1.30.3", "gateway", "values.schema.json");

        // The chart names the generic "http://json-schema.org/schema#" meta-schema; the keywords it uses are draft-07's,
        // and the brief for this check says draft-07, so that dialect is set explicitly.
        var node = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("http://json-schema.org/schema#", (string?)node["$schema"]);
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(node.ToJsonString(), new BuildOptions { Dialect = Dialect.Draft07 });
    }
}

/// <summary>Whether a values key path exists in a chart's upstream values.yaml.</summary>
internal static class UpstreamValues
{
    /// <summary>
    /// The MeshConfig fields MeshStack sets. istiod's values.yaml lists only <c>meshConfig.enablePrometheusMerge</c> and
    /// says "See https://istio.io/docs/reference/config/istio.mesh.v1alpha1/ for all available options": the chart
    /// merges <c>.Values.meshConfig</c> over its mesh config (istio-discovery templates/configmap.yaml, "meshConfig.foo
    /// becomes the API"), so keys under it are checked against that API (istio/api mesh/v1alpha1/config.proto
    /// MeshConfig.trust_domain and default_config; proxy.proto ProxyConfig.proxy_metadata, a string map of agent
    /// environment variables) instead of values.yaml.
    /// </summary>
    private static readonly string[][] MeshConfigApi = [["trustDomain"], ["defaultConfig", "proxyMetadata", "*"]];

    /// <summary>
    /// A path is known when it exists at the top level of values.yaml or under <c>_internal_defaults_do_not_set</c>, which
    /// the charts' zzz_profile.yaml merges under the user's values (so users set those keys without the prefix).
    /// The prefix itself is not a key users may write.
    /// </summary>
    public static bool Knows(JsonNode? upstream, string[] path)
    {
        if (path.Length == 0 || path[0] == "_internal_defaults_do_not_set")
        {
            return false;
        }

        if (path[0] == "meshConfig" && TryAt(upstream, "meshConfig"))
        {
            Assert.Contains("istio.mesh.v1alpha1/ for all available options", IstioTestData.Reference("charts-1.30.3", "istiod", "values.yaml"), StringComparison.Ordinal);
            return MeshConfigApi.Any(api => api.Length == path.Length - 1 && api.Zip(path.Skip(1)).All(p => p.First == "*" || p.First == p.Second));
        }

        return IstioTestData.TryGet(upstream, path, out _) || IstioTestData.TryGet(upstream, ["_internal_defaults_do_not_set", .. path], out _);
    }

    private static bool TryAt(JsonNode? upstream, string key) =>
        IstioTestData.TryGet(upstream, [key], out _) || IstioTestData.TryGet(upstream, ["_internal_defaults_do_not_set", key], out _);
}
