using System.Collections.Immutable;
using System.Text.Json.Nodes;
using MeshStack.Core.Plan;
using Pulumi;

namespace MeshStack.Components.Tests.Program;

/// <summary>
/// What the real engine and provider do with MeshStack's stacks (issue 12): each test runs the program under the strict
/// doubles and fails if the defect it names comes back.
/// </summary>
public class ProgramUnderStrictDoublesTests
{
    // The dev stack deployed to its kind clusters instead of rendered.
    private static string LiveDev(Action<JsonObject>? change = null)
    {
        var config = JsonNode.Parse(StrictDeployments.ConfigOf("Pulumi.dev.yaml"))!.AsObject();
        config.Remove("meshstack:renderYamlTo");
        change?.Invoke(config);
        return config.ToJsonString();
    }

    private static ImmutableDictionary<string, object> Provider(StrictPhase phase, string cluster) =>
        phase.Mocks.Registered.Single(r => r.Type == "pulumi:providers:kubernetes" && r.Name!.EndsWith(cluster, StringComparison.Ordinal)).Inputs;

    [Fact]
    public async Task The_dev_stack_renders_without_a_context_into_a_folder_of_its_own()
    {
        var (preview, up) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml");
        Assert.Empty(preview.Mocks.Violations);
        var provider = Provider(up, "cluster1");
        Assert.False(provider.ContainsKey("context"));
        Assert.Equal("./pulumi-rendered/cluster1", provider["renderYamlToDirectory"]);
        Assert.Contains("./pulumi-rendered/cluster2/1-manifest/networking.istio.io_v1-serviceentry-bar-httpbin.bar.global.yaml", up.Mocks.RenderedFiles.Keys);
    }

    [Fact]
    public async Task The_readme_names_the_folder_and_the_file_layout_the_dev_stack_really_renders()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md")) + File.ReadAllText(Path.Combine(Repo.Root, "docs", "pulumi.md"));
        var folder = (string)JsonNode.Parse(StrictDeployments.ConfigOf("Pulumi.dev.yaml"))!["meshstack:renderYamlTo"]!;
        Assert.Contains($"meshstack:renderYamlTo: {folder}", readme, StringComparison.Ordinal);
        Assert.Contains($"renders every cluster's manifests to {folder}/<cluster>/", readme, StringComparison.Ordinal);
        var (_, up) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml");
        const string example = "1-manifest/networking.istio.io_v1-serviceentry-bar-httpbin.bar.global.yaml";
        Assert.Contains(example, readme, StringComparison.Ordinal);
        Assert.Contains($"{folder}/cluster2/{example}", up.Mocks.RenderedFiles.Keys);
        Assert.All(up.Mocks.RenderedFiles.Keys, path => Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(folder)}/cluster[12]/(0-crd|1-manifest)/[^/]+\\.yaml$", path));
    }

    [Fact]
    public async Task Auto_gateway_addresses_come_from_the_charts_own_Service_unknown_in_preview_and_never_read()
    {
        var (preview, up) = await StrictDeployments.PreviewAndUpAsync("Pulumi.staging.yaml");
        Assert.DoesNotContain(preview.Mocks.Registered.Concat(up.Mocks.Registered), r => r.Type == "kubernetes:core/v1:Service" && !string.IsNullOrEmpty(r.Id));
        var previewAddresses = (Output<Dictionary<string, string>>)preview.Outputs["gatewayAddresses"]!;
        Assert.False(await Pulumi.Utilities.OutputUtilities.GetIsKnownAsync(previewAddresses));

        var addresses = await Deployments.ValueAsync((Output<Dictionary<string, string>>)up.Outputs["gatewayAddresses"]!);
        Assert.StartsWith("203.0.113.", addresses["eu-west"], StringComparison.Ordinal);
        Assert.StartsWith("203.0.113.", addresses["us-east"], StringComparison.Ordinal);
        Assert.Equal("gw.ap-south.staging.example.com", addresses["ap-south"]);
    }

    [Fact]
    public async Task Auto_gateway_addresses_and_the_egress_ClusterIP_preview_without_reading_a_Service_the_program_creates()
    {
        var plan = CompilationHelper.PlanFile(Repo.StackFile("three-clusters"));
        var preview = new StrictMocks(preview: true);
        var (_, previewed) = await StrictDeployments.FederationAsync(plan, preview, new Wiring());
        Assert.Empty(preview.Violations);
        Assert.False(await Pulumi.Utilities.OutputUtilities.GetIsKnownAsync(previewed.GatewayAddresses));

        var up = new StrictMocks(preview: false);
        var (_, deployed) = await StrictDeployments.FederationAsync(plan, up, new Wiring());
        Assert.Empty(up.Violations);
        Assert.DoesNotContain(up.Registered, r => r.Type == "kubernetes:core/v1:Service" && !string.IsNullOrEmpty(r.Id));
        Assert.Equal("203.0.113.2", (await Deployments.ValueAsync(deployed.GatewayAddresses))["west2"]);
        var entry = up.Registered.Single(r => r.Name == "mesh-east1/ServiceEntry/istio-system/httpbin.bar.global");
        var endpoints = ((IEnumerable<object>)((IDictionary<string, object>)entry.Inputs["spec"])["endpoints"]).Cast<IDictionary<string, object>>();
        Assert.Contains(endpoints, e => (string)e["address"] == "10.96.1.10");
    }

    [Fact]
    public async Task The_legacy_profile_reads_operator_made_Services_only_after_the_awaited_IstioOperator()
    {
        var plan = CompilationHelper.PlanFile(Repo.StackFile("legacy"));
        var preview = new StrictMocks(preview: true);
        await StrictDeployments.FederationAsync(plan, preview, new Wiring());
        Assert.Empty(preview.Violations);
        Assert.DoesNotContain(preview.Registered, r => r.Type == "kubernetes:core/v1:Service");

        var up = new StrictMocks(preview: false);
        await StrictDeployments.FederationAsync(plan, up, new Wiring());
        Assert.Empty(up.Violations);
        Assert.Contains(up.Registered, r => r is { Type: "kubernetes:core/v1:Service", Id: "istio-system/istiocoredns" });
    }

    [Fact]
    public async Task Changing_the_Istio_version_updates_the_charts_webhooks_without_a_server_side_apply_conflict()
    {
        var (_, first) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", config: LiveDev());
        Assert.Empty(first.Mocks.Violations);
        var (preview, up) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", previous: first,
            config: LiveDev(c => c["meshstack:istio"] = "{\"version\": \"1.30.2\"}"));
        Assert.Empty(preview.Mocks.Violations);
        Assert.Empty(up.Mocks.Violations);
        Assert.Equal("true", Provider(up, "cluster1")["enablePatchForce"]);
    }

    [Fact]
    public async Task Explicit_gateway_addresses_deploy_to_clusters_without_a_load_balancer_controller()
    {
        var kind = new ClusterDouble { LoadBalancerController = false };
        var (_, up) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", kind, config: LiveDev());
        Assert.Empty(up.Mocks.Violations);
        var gateway = up.Mocks.Registered.Single(r => r.Name!.EndsWith(":istio-system/istio-eastwestgateway", StringComparison.Ordinal) && r.Name.Contains("cluster1", StringComparison.Ordinal));
        var annotations = (IDictionary<string, object>)((IDictionary<string, object>)gateway.Inputs["metadata"])["annotations"];
        Assert.Equal("true", annotations["pulumi.com/skipAwait"]);
    }

    [Fact]
    public async Task An_auto_gateway_address_on_a_cluster_without_a_load_balancer_controller_fails_as_the_provider_does()
    {
        var kind = new ClusterDouble { LoadBalancerController = false };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrictDeployments.PreviewAndUpAsync("Pulumi.staging.yaml", kind));
        Assert.True(error.ToString().Contains(StrictRules.LoadBalancerTimeout, StringComparison.Ordinal), error.ToString());
    }

    [Fact]
    public async Task Render_mode_writes_no_intermediate_key_unless_asked()
    {
        var (_, up) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml");
        var cacerts = up.Mocks.RenderedFiles["./pulumi-rendered/cluster1/1-manifest/v1-secret-istio-system-cacerts.yaml"];
        Assert.Contains("BEGIN CERTIFICATE", cacerts, StringComparison.Ordinal);
        Assert.DoesNotContain(up.Mocks.RenderedFiles.Values, f => f.Contains("PRIVATE KEY", StringComparison.Ordinal));
        Assert.Contains(Core.Render.YamlWriter.Placeholder(new CaFileOf("cluster1", CaFile.CaKey)), cacerts, StringComparison.Ordinal);

        var plan = CompilationHelper.PlanFile(Path.Combine(Repo.Root, "Pulumi.dev.yaml"));
        var optIn = new StrictMocks(preview: false);
        MeshFederation? federation = null;
        await Deployment.TestAsync(optIn, new Pulumi.Testing.TestOptions { IsPreview = false, ProjectName = "meshstack", StackName = "test" },
            () => federation = new MeshFederation("mesh", new MeshFederationArgs { Plan = plan, RenderKeyMaterial = true }));
        Assert.Contains(optIn.RenderedFiles.Values, f => f.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_federations_with_a_cluster_of_the_same_name_register_distinct_URNs()
    {
        var plan = CompilationHelper.PlanFile(Path.Combine(Repo.Root, "Pulumi.dev.yaml"));
        var mocks = new StrictMocks(preview: true);
        await Deployment.TestAsync(mocks, new Pulumi.Testing.TestOptions { IsPreview = true, ProjectName = "meshstack", StackName = "test" }, () =>
        {
            _ = new MeshFederation("blue", new MeshFederationArgs { Plan = plan });
            _ = new MeshFederation("green", new MeshFederationArgs { Plan = plan });
        });
        Assert.Empty(mocks.Violations);
        Assert.Contains(mocks.Registered, r => r.Name == "green-cluster1/Secret/istio-system/cacerts");
    }

    [Fact]
    public async Task Every_renamed_resource_keeps_its_previous_URN_through_an_alias()
    {
        var plan = CompilationHelper.PlanFile(Repo.StackFile("three-clusters"));
        var wiring = new Wiring();
        await StrictDeployments.FederationAsync(plan, new StrictMocks(preview: false), wiring);
        var clusters = plan.Clusters.Select(c => c.Cluster.Name).ToList();
        var renamed = 0;
        foreach (var (key, args) in wiring.ByName)
        {
            var name = args.Resource.GetResourceName();
            var cluster = clusters.FirstOrDefault(c => name.StartsWith($"mesh-{c}", StringComparison.Ordinal));
            if (cluster is null)
            {
                continue;
            }

            // Before issue 12 the names started with the cluster name alone.
            var previous = cluster + name[$"mesh-{cluster}".Length..];
            var aliases = await Task.WhenAll(args.Options.Aliases.Select(a => Pulumi.Utilities.OutputUtilities.GetValueAsync(a.ToOutput())));
            Assert.True(aliases.Any(a => a.Name is { } n && Pulumi.Utilities.OutputUtilities.GetValueAsync(n.ToOutput()).Result == previous), $"{key}: no alias to {previous}");
            renamed++;
        }

        Assert.True(renamed > 50, $"only {renamed} renamed resources checked");
    }

    [Fact]
    public async Task A_pre_existing_istio_system_namespace_is_adopted_by_a_patch_and_nothing_else_is_upserted()
    {
        var cluster = new ClusterDouble().With("cluster1", "Namespace", null, "istio-system").With("cluster2", "Namespace", null, "istio-system");
        var (preview, up) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", cluster, config: LiveDev());
        Assert.Empty(preview.Mocks.Violations);
        Assert.Empty(up.Mocks.Violations);
        Assert.False(StrictMocks.Truthy(Provider(up, "cluster1"), "upsertExistingObjects"));
        Assert.Contains(up.Mocks.Registered, r => r is { Type: "kubernetes:core/v1:NamespacePatch", Name: "mesh-cluster1/Namespace/-/istio-system" });
    }

    [Fact]
    public async Task A_CA_renewal_updates_cacerts_in_place()
    {
        var (_, first) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", config: LiveDev());
        var (preview, renewed) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", previous: first, generation: 2, config: LiveDev());
        Assert.Empty(renewed.Mocks.Violations);
        var cacerts = renewed.Mocks.Registered.Single(r => r.Name == "mesh-cluster1/Secret/istio-system/cacerts");
        Assert.Contains("g2", (string)((IDictionary<string, object>)cacerts.Inputs["stringData"])["ca-cert.pem"], StringComparison.Ordinal);
        Assert.Empty(renewed.Mocks.Replacements);
        Assert.Empty(preview.Mocks.Replacements);
    }

    [Fact]
    public async Task A_second_run_reads_the_address_table_back_and_changes_no_address()
    {
        var (_, first) = await StrictDeployments.PreviewAndUpAsync("Pulumi.staging.yaml");
        var (_, second) = await StrictDeployments.PreviewAndUpAsync("Pulumi.staging.yaml", previous: first);
        Assert.Equal(await Deployments.ValueAsync((Output<string>)first.Outputs["addressTable"]!), await Deployments.ValueAsync((Output<string>)second.Outputs["addressTable"]!));
        Assert.Empty(second.Mocks.Violations);
        Assert.Empty(second.Mocks.Replacements);
    }
}
