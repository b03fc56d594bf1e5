using System.Text.Json.Nodes;

namespace MeshStack.Components.Tests.Program;

/// <summary>
/// Day 2 beyond one stack's config change (issue 19): another stack on the same clusters, a stack split per cluster, a
/// refresh, a slow token controller, a per-cluster federation deployed from nothing. Each runs through the strict doubles
/// that play the engine between runs.
/// </summary>
public class SecondRunTests
{
    private static readonly StackConfig Dev = StackConfig.LiveDev;

    [Fact]
    public async Task A_second_stack_on_clusters_another_stack_manages_stops_at_the_ownership_claim_and_writes_nothing()
    {
        var world = new ClusterDouble();
        var (_, dev) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, config: Dev.ToString());
        Assert.Empty(dev.Mocks.Violations);
        var before = world.Events.Count;

        // Pulumi.endpoints.yaml targets the same kind contexts.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrictDeployments.PreviewAndUpAsync("Pulumi.endpoints.yaml", world));
        Assert.Contains("ConfigMap kube-system/meshstack-owner", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(StrictRules.AlreadyExistsOnCreate, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, world.Events.Count);

        // The claim says who owns the cluster.
        var claim = world.Find(new LiveKey("kind-cluster1", "ConfigMap", "kube-system", "meshstack-owner"))!;
        Assert.Equal("pulumi stack organization/meshstack/dev (mesh)", ((IDictionary<string, object>)claim["data"])["owner"]);
    }

    [Fact]
    public async Task Splitting_a_deployed_federation_into_per_cluster_stacks_stops_at_the_claim_until_the_new_stack_adopts()
    {
        var world = new ClusterDouble();
        await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, config: Dev.ToString());
        var before = world.Events.Count;
        var perCluster = Dev.With("stackMode", "per-cluster");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrictDeployments.PreviewAndUpAsync("Pulumi.dev-cluster1.yaml", world, config: perCluster.ToString()));
        Assert.True(error.ToString().Contains("meshstack-owner", StringComparison.Ordinal), error.ToString());
        Assert.DoesNotContain(world.Events.Skip(before), e => e.Change == "deleted");

        // The documented way: adopt for one update (then `pulumi state` forgets the old stack; never destroy it).
        var adopting = perCluster.Cluster("cluster1", c => c["adopt"] = true);
        var (_, adopted) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev-cluster1.yaml", world, config: adopting.ToString());
        Assert.Empty(adopted.Mocks.Violations);
        Assert.Contains(world.Events.Skip(before), e => e is { Change: "adopted", Object.Name: "cacerts" });
        Assert.DoesNotContain(world.Events.Skip(before), e => e.Change == "deleted");
    }

    [Fact]
    public async Task After_a_refresh_that_stores_istiods_webhook_fields_the_next_update_changes_nothing()
    {
        var world = new ClusterDouble();
        var (_, first) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, config: Dev.ToString());
        var validator = new LiveKey("kind-cluster1", "ValidatingWebhookConfiguration", "istio-system", "istiod-default-validator");
        Assert.Contains("Fail", System.Text.Json.JsonSerializer.Serialize(world.Find(validator)), StringComparison.Ordinal);

        first.Mocks.Refresh();
        var (_, second) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, first, config: Dev.ToString());
        Assert.Empty(second.Mocks.Violations);
        Assert.DoesNotContain(second.Mocks.Steps, s => s.Kind is StepKind.Update or StepKind.ReplaceCreateFirst or StepKind.ReplaceDeleteFirst && s.Type.StartsWith("kubernetes:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_controller_slower_than_the_providers_five_seconds_fails_the_first_update_and_the_next_one_converges()
    {
        var world = new ClusterDouble { TokenControllerSeconds = 8 };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrictDeployments.PreviewAndUpAsync("Pulumi.endpoints.yaml", world));
        Assert.Contains(StrictRules.TokenAwait, error.ToString(), StringComparison.Ordinal);

        // The engine kept what the failed update created; the controller has filled the token since.
        var first = new StrictPhase(LastUp(world), [], new Dictionary<string, object?>());
        world.TokenControllerSeconds = 0;
        var (_, second) = await StrictDeployments.PreviewAndUpAsync("Pulumi.endpoints.yaml", world, first);
        Assert.Empty(second.Mocks.Violations);
        Assert.Contains(second.Mocks.Registered, r => r.Name!.Contains("istio-remote-secret-cluster1", StringComparison.Ordinal));
        Assert.Contains(second.Mocks.Steps, s => s is { Kind: StepKind.Update, Why: "init errors of the last update" });
    }

    private static StrictMocks LastUp(ClusterDouble world) => world.Runs.Last(r => !r.Preview);

    [Fact]
    public async Task A_per_cluster_federation_whose_root_consumes_an_auto_address_peer_deploys_from_nothing_root_first_then_root_again()
    {
        var world = new ClusterDouble();
        var config = StackConfig.Of("three-clusters").With("stackMode", "per-cluster").ToString();
        var (_, root) = await StrictDeployments.PreviewAndUpAsync("Pulumi.prod-east1.yaml", world, config: config);
        Assert.Empty(root.Mocks.Violations);
        Assert.DoesNotContain(root.Mocks.Registered, r => r.Name == "mesh-east1/ServiceEntry/istio-system/httpbin.bar.global");

        var (_, west) = await StrictDeployments.PreviewAndUpAsync("Pulumi.prod-west2.yaml", world, config: config);
        var (_, north) = await StrictDeployments.PreviewAndUpAsync("Pulumi.prod-north3.yaml", world, config: config);
        Assert.Empty(west.Mocks.Violations);
        Assert.Empty(north.Mocks.Violations);

        var (_, again) = await StrictDeployments.PreviewAndUpAsync("Pulumi.prod-east1.yaml", world, root, config: config);
        Assert.Empty(again.Mocks.Violations);
        Assert.Contains(again.Mocks.Registered, r => r.Name == "mesh-east1/ServiceEntry/istio-system/httpbin.bar.global");
        Assert.DoesNotContain(world.Events, e => e.Change == "deleted");
    }

    [Fact]
    public async Task A_per_cluster_stack_whose_root_stack_has_no_readable_key_fails_with_MSH210_before_registering_a_cluster_resource()
    {
        var world = new ClusterDouble();
        var config = StackConfig.Of("three-clusters").With("stackMode", "per-cluster").ToString();
        await StrictDeployments.PreviewAndUpAsync("Pulumi.prod-east1.yaml", world, config: config);

        // Another secrets provider: the engine drops the secret output it cannot decrypt (builtins.go, readStackReference).
        world.StackOutputs["organization/meshstack/prod-east1"] = world.StackOutputs["organization/meshstack/prod-east1"].Remove(MeshProgram.RootPrivateKeyOutput);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrictDeployments.PreviewAndUpAsync("Pulumi.prod-west2.yaml", world, config: config));
        Assert.Contains("MSH210", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("same secrets provider", error.ToString(), StringComparison.Ordinal);
        Assert.All(world.Runs.Last().Registered, r => Assert.Equal("pulumi:pulumi:StackReference", r.Type));
    }

    [Fact]
    public async Task The_second_preview_of_a_stack_with_a_generated_mesh_id_renders_the_istiod_chart()
    {
        var world = new ClusterDouble();
        var config = StackConfig.Of("three-clusters").ToString();
        var (firstPreview, first) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, config: config);

        // A chart with an unknown value renders nothing in preview (helm/v4/chart.go): only the very first preview.
        Assert.DoesNotContain(firstPreview.Mocks.Registered, r => r.Name!.EndsWith(":istio-system/istio-validator-istio-system", StringComparison.Ordinal));
        var (secondPreview, _) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, first, config: config);
        Assert.Contains(secondPreview.Mocks.Registered, r => r.Name!.EndsWith(":istio-system/istio-validator-istio-system", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_preview_in_which_the_gateway_chart_renders_nothing_shows_the_auto_address_as_unknown_instead_of_failing()
    {
        var world = new ClusterDouble { ChartValuesUnknownInPreview = true };
        var (preview, up) = await StrictDeployments.PreviewAndUpAsync("Pulumi.staging.yaml", world);
        Assert.Empty(preview.Mocks.Violations);
        Assert.False(await Pulumi.Utilities.OutputUtilities.GetIsKnownAsync((Pulumi.Output<Dictionary<string, string>>)preview.Outputs["gatewayAddresses"]!));
        Assert.Empty(up.Mocks.Violations);
    }

    [Fact]
    public async Task Render_mode_with_a_reachable_ambient_cluster_writes_files_in_preview_and_destroy_removes_every_file_but_the_kept_crds()
    {
        var ambient = new ClusterDouble { AmbientClusterReachable = true };
        var (preview, _) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", ambient);
        Assert.NotEmpty(preview.Mocks.RenderedFiles);

        var quiet = new ClusterDouble();
        var (previewQuiet, up) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", quiet);
        Assert.Empty(previewQuiet.Mocks.RenderedFiles);
        Assert.NotEmpty(quiet.Files);

        // The generated root is protected (issue 20): a throwaway stack is first updated with meshstack:unprotectRootCa.
        var unprotect = StackConfig.Of("Pulumi.dev.yaml").With("unprotectRootCa", "true");
        var (_, unprotected) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", quiet, up, config: unprotect.ToString());
        Assert.Empty(unprotected.Mocks.Violations);

        // pulumi destroy: a run that registers nothing deletes everything MeshStack marks nothing to keep in render
        // mode, but Chart v4 retains the Istio CRDs (helm.sh/resource-policy: keep), so their 0-crd files stay.
        var destroy = new StrictMocks(preview: false, quiet, unprotected.Mocks);
        destroy.Finish();
        Assert.NotEmpty(destroy.StepsOf(StepKind.Forget));
        Assert.All(destroy.StepsOf(StepKind.Forget), s => Assert.EndsWith(":CustomResourceDefinition", s.Type, StringComparison.Ordinal));
        Assert.NotEmpty(quiet.Files);
        Assert.All(quiet.Files.Keys, path => Assert.Contains("/0-crd/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cluster_whose_api_server_is_gone_is_removed_in_two_updates_unreachable_then_removal_and_at_once_the_removal_fails()
    {
        var three = StackConfig.Of("three-clusters");
        var removed = three.Edit("clusters", c => c.AsArray().RemoveAt(2)).Service("httpbin", s => s["clusters"] = new JsonArray("west2"));
        var world = new ClusterDouble();
        var (_, first) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, config: three.ToString());
        world.Unreachable[StrictMocks.KubeconfigTarget("apiVersion: v1\nkind: Config\n")] = true;

        // At once: every delete through north3's provider fails (provider.go@v4.32.0:2574-2587), after east1 and west2 changed.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, first, config: removed.ToString()));
        Assert.Contains("unreachable", error.ToString(), StringComparison.Ordinal);

        // unreachable: true for one update (north3's provider gets deleteUnreachable, nothing else changes), then the removal.
        var marked = three.Cluster("north3", c => c["unreachable"] = true);
        var (_, second) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, first, config: marked.ToString());
        Assert.Empty(second.Mocks.Violations);
        var (_, third) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, second, config: removed.ToString());
        Assert.Empty(third.Mocks.Violations);
        Assert.Contains(third.Mocks.StepsOf(StepKind.Forget), s => s.Why.Contains("deleteUnreachable", StringComparison.Ordinal));
        Assert.DoesNotContain(third.Mocks.State.Values, e => e.Name.Contains("north3", StringComparison.Ordinal));
    }

    // Each repository stack as deployed to live clusters (the dev stack renders by default).
    public static TheoryData<string> LiveStacks => ["Pulumi.dev.yaml", "Pulumi.staging.yaml", "Pulumi.endpoints.yaml"];

    private static StackConfig Live(string stackFile) => StackConfig.Of(stackFile).Without("renderYamlTo");

    [Theory]
    [MemberData(nameof(LiveStacks))]
    public async Task Every_repository_stack_refuses_render_mode_once_deployed_keeps_istiods_config_maps_through_an_upgrade_and_converges_after_refresh(string stackFile)
    {
        var world = new ClusterDouble();
        var (_, first) = await StrictDeployments.PreviewAndUpAsync(stackFile, world, config: Live(stackFile).ToString());
        Assert.Empty(first.Mocks.Violations);
        var before = world.Events.Count;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrictDeployments.PreviewAndUpAsync(stackFile, world, first, config: Live(stackFile).With("renderYamlTo", "./out").ToString()));
        Assert.Contains("MSH201", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, world.Events.Count);

        var upgraded = Live(stackFile).With("istio", "{\"version\":\"1.31.0\"}");
        var (_, second) = await StrictDeployments.PreviewAndUpAsync(stackFile, world, first, config: upgraded.ToString());
        Assert.Empty(second.Mocks.Violations);
        Assert.DoesNotContain(world.Events.Skip(before), e => e is { Change: "deleted", Object.Kind: "ConfigMap" });
        ChangeCatalogueTests.AssertIntact(first, second, world.Events.Skip(before).ToList());

        second.Mocks.Refresh();
        var (_, third) = await StrictDeployments.PreviewAndUpAsync(stackFile, world, second, config: upgraded.ToString());
        Assert.DoesNotContain(third.Mocks.Steps, s => s.Kind != StepKind.Same && s.Type.StartsWith("kubernetes:", StringComparison.Ordinal));
    }
}
