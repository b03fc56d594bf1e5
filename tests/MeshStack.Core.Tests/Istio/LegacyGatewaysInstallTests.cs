using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MeshStack.Core.Istio;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using static MeshStack.Core.Tests.Istio.IstioTestData;

namespace MeshStack.Core.Tests.Istio;

public class LegacyGatewaysInstallTests
{
    private static readonly FederationPlan Plan = CompilationHelper.Plan(Fixture("Pulumi.legacy.yaml"));

    /// <summary>The reference copies and the release each was taken from (tags 1.7.8, 1.7.0 and 1.6.14 of istio/istio).</summary>
    public static TheoryData<string, string> ReferenceFiles => new()
    {
        { "values-istio-multicluster-gateways.1.7.8.yaml", "1.7.8" },
        { "values-istio-multicluster-gateways.1.7.0.yaml", "1.7.0" },
        { "values-istio-multicluster-gateways.1.6.14.operator-data.yaml", "1.6.14" },
    };

    [Fact]
    public void Istio_items_match_the_golden_file()
    {
        AssertGolden("legacy-gateways.yaml", IstioYaml(Plan));
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void Carried_overlay_is_the_upstream_file_as_data(string file, string release)
    {
        var overlay = LegacyOverlays.For(Version(release))!;
        Assert.True(JsonNode.DeepEquals(YamlToJson(Reference("multicluster-examples", file)), ToJson(overlay.Document)),
            $"the overlay carried for {release} differs from {file}");
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void Carried_overlay_names_the_blob_of_the_reference_copy(string file, string release)
    {
        var bytes = File.ReadAllBytes(Repo(file));
#pragma warning disable CA5350 // git names blobs by SHA-1; this identifies a file, it protects nothing
        var blob = Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {bytes.Length}\0"), .. bytes]));
#pragma warning restore CA5350
        var overlay = LegacyOverlays.For(Version(release))!;
        Assert.Equal(blob, overlay.GitBlob);
        Assert.Equal(file.Contains("operator-data", StringComparison.Ordinal) ? LegacyOverlays.OperatorDataPath : LegacyOverlays.ManifestsPath, overlay.UpstreamPath);
    }

    /// <summary>Which blob each release ships, read from istio/istio's tags (git rev-parse TAG:PATH).</summary>
    [Theory]
    [InlineData("1.6.1", "c028d3641ebf5870e64ea564adb7796928fc7c27")]
    [InlineData("1.6.11", "c028d3641ebf5870e64ea564adb7796928fc7c27")]
    [InlineData("1.6.12", "8363dd6384c6917ba614a7252f894ec4224a24ae")]
    [InlineData("1.6.14", "8363dd6384c6917ba614a7252f894ec4224a24ae")]
    [InlineData("1.7.0", "c028d3641ebf5870e64ea564adb7796928fc7c27")]
    [InlineData("1.7.3", "c028d3641ebf5870e64ea564adb7796928fc7c27")]
    [InlineData("1.7.4", "200ef42e5fc24a0e8ddd78b460caebc9e9696970")]
    [InlineData("1.7.8", "200ef42e5fc24a0e8ddd78b460caebc9e9696970")]
    public void Each_release_gets_the_file_it_ships(string release, string blob)
    {
        Assert.Equal(blob, LegacyOverlays.For(Version(release))!.GitBlob);
    }

    [Fact]
    public void Ranges_that_ship_one_blob_carry_one_overlay()
    {
        foreach (var group in LegacyOverlays.All.GroupBy(o => o.GitBlob))
        {
            Assert.All(group, o => Assert.True(JsonNode.DeepEquals(ToJson(group.First().Document), ToJson(o.Document))));
        }
    }

    [Theory]
    [InlineData("1.6.0")]
    [InlineData("1.7.9")]
    [InlineData("1.8.0")]
    [InlineData("1.8.6")]
    public void Releases_without_a_verified_file_are_not_covered(string release)
    {
        Assert.Null(LegacyOverlays.For(Version(release)));
    }

    [Theory]
    [InlineData("cluster1", "network1")]
    [InlineData("cluster2", "network2")]
    public void IstioOperator_spec_is_the_upstream_spec_plus_exactly_the_documented_additions(string cluster, string network)
    {
        var operatorResource = IstioOperator(Cluster(Plan, cluster));
        var spec = ToJson(operatorResource.Manifest)!["spec"];
        var upstream = YamlToJson(Reference("multicluster-examples", "values-istio-multicluster-gateways.1.7.8.yaml"))!["spec"];

        var upstreamLeaves = Leaves(upstream).ToDictionary(l => string.Join('.', l.Path), l => l.Value);
        var ourLeaves = Leaves(spec).ToDictionary(l => string.Join('.', l.Path), l => l.Value);
        Assert.All(upstreamLeaves, l => Assert.True(ourLeaves.TryGetValue(l.Key, out var ours) && JsonNode.DeepEquals(l.Value, ours), $"upstream {l.Key} changed"));
        // The sidecar network view and the egress router mode are added only for clusters that route through their
        // egress gateway (none here); the gateway's address request is an annotation only when asked for one.
        Assert.Equal(
            LegacyGatewaysInstall.AdditionPaths.Where(p => !p.Contains("REQUESTED_NETWORK_VIEW", StringComparison.Ordinal) && !p.Contains("ROUTER_MODE", StringComparison.Ordinal)
                && !p.EndsWith("serviceAnnotations", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            ourLeaves.Keys.Except(upstreamLeaves.Keys).Order(StringComparer.Ordinal));

        Assert.Equal("mesh1", (string?)ourLeaves["values.global.meshID"]);
        Assert.Equal(cluster, (string?)ourLeaves["values.global.multiCluster.clusterName"]);
        Assert.Equal(network, (string?)ourLeaves["values.global.network"]);
        Assert.Equal("cluster.local", (string?)ourLeaves["meshConfig.trustDomain"]);
    }

    [Theory]
    [InlineData("{ address: 192.0.2.2 }", "loadBalancerIP", "192.0.2.2")]
    [InlineData("{ address: 192.0.2.2, addressRequest: annotation }", "serviceAnnotations.metallb.universe.tf/loadBalancerIPs", "192.0.2.2")]
    [InlineData("{ address: 192.0.2.2, addressRequest: none }", null, null)]
    [InlineData("{ address: gw.example.com }", null, null)]
    public void The_15443_gateway_asks_the_load_balancer_for_an_explicit_ip_as_the_1_7_chart_renders_it(string gateway, string? leaf, string? value)
    {
        var text = StackBuilder.Mesh()
            .With("profile", "legacy-gateways")
            .With("istio", "{ version: 1.7.8, releaseDir: ./istio-1.7.8 }")
            .Cluster("cluster1", "192.0.2.1")
            .Cluster("cluster2", null, $"gateway: {gateway}")
            .Service("httpbin", "bar", "[cluster2]")
            .Build();
        var result = CompilationHelper.Compile(text);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var ingress = ToJson(IstioOperator(Cluster(result.Plan!, "cluster2")).Manifest)!["spec"]!["values"]!["gateways"]?["istio-ingressgateway"];
        if (leaf is null)
        {
            Assert.Null(ingress);
        }
        else
        {
            var parts = leaf.Split('.', 2);
            var node = parts.Length == 1 ? ingress![parts[0]] : ingress![parts[0]]![parts[1]];
            Assert.Equal(value, (string?)node);
        }
    }

    [Fact]
    public void IstioOperator_is_applied_in_istio_system_and_pulumi_waits_for_the_operator_to_report_healthy()
    {
        var resource = IstioOperator(Cluster(Plan, "cluster1"));
        Assert.Equal(("install.istio.io/v1alpha1", "IstioOperator", "istio-system", Stage.ControlPlane), (resource.ApiVersion, resource.Kind, resource.Namespace, resource.Stage));
        var annotations = ToJson(resource.Manifest)!["metadata"]!["annotations"]!;
        Assert.Equal("jsonpath={.status.status}=HEALTHY", (string?)annotations["pulumi.com/waitFor"]);
    }

    [Fact]
    public void The_operator_comes_from_the_release_folder_with_the_image_of_the_chosen_release()
    {
        var release = Release(Cluster(Plan, "cluster2"), "istio-operator");
        Assert.True(release.IsLocalChart);
        Assert.Equal("./istio-1.7.8/manifests/charts/istio-operator", release.Chart);
        Assert.Equal(("1.7.8", "istio-system", Stage.IstioBase), (release.Version, release.Namespace, release.Stage));
        var values = ToJson(release.Values)!;
        Assert.Equal("docker.io/istio", (string?)values["hub"]);
        Assert.Equal("1.7.8", (string?)values["tag"]);
        Assert.Equal("istio-operator", (string?)values["operatorNamespace"]);
        Assert.Equal("istio-system", (string?)values["watchedNamespaces"]);
    }

    [Fact]
    public void Operator_values_are_keys_of_the_operator_chart_in_every_carried_release()
    {
        // istio/istio manifests/charts/istio-operator/values.yaml: 1.6.14 has hub, tag, operatorNamespace, watchedNamespaces;
        // 1.7.x adds more keys but keeps these four. (The release folders are not in the shared reference data.)
        var values = ToJson(Release(Cluster(Plan, "cluster1"), "istio-operator").Values)!.AsObject();
        Assert.Equal(["hub", "tag", "operatorNamespace", "watchedNamespaces"], values.Select(p => p.Key));
    }

    [Fact]
    public void A_trailing_slash_on_the_release_folder_is_dropped()
    {
        var plan = CompilationHelper.Plan(Fixture("Pulumi.legacy.yaml").Replace("releaseDir: ./istio-1.7.8", "releaseDir: /srv/releases/istio-1.7.8/", StringComparison.Ordinal));
        Assert.Equal("/srv/releases/istio-1.7.8/manifests/charts/istio-operator", Release(Cluster(plan, "cluster1"), "istio-operator").Chart);
    }

    [Fact]
    public void Only_the_operator_and_the_IstioOperator_are_installed_no_charts_from_the_repository()
    {
        var istio = Cluster(Plan, "cluster1").Items.Where(i => i.Concern == Concern.Istio).Select(i => i.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["HelmRelease/istio-system/istio-operator", "IstioOperator/istio-system/meshstack"], istio);
    }

    private static PlannedObject IstioOperator(ClusterPlan cluster) => cluster.Objects.Single(o => o.Kind == "IstioOperator");

    private static IstioVersion Version(string text) => IstioVersion.TryParse(text, out var v) ? v : throw new ArgumentException(text);

    private static string Repo(string file) => MeshStack.Testing.Repo.ReferenceFile("istio", "multicluster-examples", file);
}
