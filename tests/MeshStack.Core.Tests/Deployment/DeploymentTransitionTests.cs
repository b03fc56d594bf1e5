using System.Collections.Immutable;
using MeshStack.Core.Deployment;
using MeshStack.Core.Dns;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Deployment;

/// <summary>
/// Day 2 (issue 19): the previous run's deployment record decides which changes a deployed federation may go through.
/// Each refused change is one the Pulumi engine would turn into deleted live objects.
/// </summary>
public class DeploymentTransitionTests
{
    private static string Dev => File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml"));

    // The dev stack deployed to its kind clusters instead of rendered.
    private static string LiveDev => Dev.Replace("  meshstack:renderYamlTo: ./pulumi-rendered\n", "", StringComparison.Ordinal);

    private static CompileOptions Deploy(DeploymentRecord? previous, bool deploying = true, bool ambient = false) =>
        new() { Previous = previous, Deploying = deploying, AmbientKubeconfig = ambient };

    private static DeploymentRecord RecordOf(string text)
    {
        var result = CompilationHelper.Compile(text, options: Deploy(null));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return DeploymentTransitions.RecordOf(result.Plan!);
    }

    private static IEnumerable<string> Codes(CompileResult result) => result.Diagnostics.Select(d => d.Code);

    [Fact]
    public void A_deployed_cluster_switched_to_render_mode_is_refused_before_anything_is_planned()
    {
        var result = CompilationHelper.Compile(Dev, options: Deploy(RecordOf(LiveDev)));
        Assert.Null(result.Plan);
        var error = Assert.Single(result.Errors, d => d.Code == "MSH201" && d.Message.Contains("'cluster1'", StringComparison.Ordinal));
        Assert.Equal("meshstack:renderYamlTo", error.Path);
        Assert.Contains("deletes every live object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rendered_cluster_switched_to_applying_goes_ahead_and_says_the_files_are_deleted()
    {
        var result = CompilationHelper.Compile(LiveDev, options: Deploy(RecordOf(Dev)));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Contains(result.Diagnostics, d => d is { Code: "MSH202", IsError: false } && d.Message.Contains("./pulumi-rendered/cluster1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rendered_stack_moved_to_another_folder_needs_no_diagnostic_the_identifier_moves_the_files()
    {
        var moved = Dev.Replace("renderYamlTo: ./pulumi-rendered", "renderYamlTo: ./elsewhere", StringComparison.Ordinal);
        var result = CompilationHelper.Compile(moved, options: Deploy(RecordOf(Dev)));
        Assert.True(result.Succeeded);
        Assert.DoesNotContain(Codes(result), c => c is "MSH201" or "MSH202");
        Assert.NotEqual(ProviderSettings.For(CompilationHelper.Compile(Dev, options: Deploy(null)).Spec!, CompilationHelper.Compile(Dev, options: Deploy(null)).Spec!.Clusters[0]).ClusterIdentifier,
            ProviderSettings.For(result.Spec!, result.Spec!.Clusters[0]).ClusterIdentifier);
    }

    [Fact]
    public void A_cluster_renamed_under_the_same_context_is_refused_and_a_removal_plus_a_new_cluster_elsewhere_is_not()
    {
        var renamed = LiveDev.Replace("name: cluster2", "name: west", StringComparison.Ordinal).Replace("clusters: [cluster2]", "clusters: [west]", StringComparison.Ordinal);
        var result = CompilationHelper.Compile(renamed, options: Deploy(RecordOf(LiveDev)));
        var error = Assert.Single(result.Errors, d => d.Code == "MSH203");
        Assert.Contains("'cluster2'", error.Message, StringComparison.Ordinal);
        Assert.Equal("meshstack:clusters[1].name", error.Path);

        var replaced = renamed.Replace("context: kind-cluster2", "context: kind-west", StringComparison.Ordinal);
        Assert.DoesNotContain(Codes(CompilationHelper.Compile(replaced, options: Deploy(RecordOf(LiveDev)))), c => c == "MSH203");
    }

    [Fact]
    public void Outside_render_mode_a_cluster_without_context_or_kubeconfig_is_refused_when_deploying_only()
    {
        var anonymous = LiveDev.Replace("      context: kind-cluster1\n", "", StringComparison.Ordinal);
        var deploying = CompilationHelper.Compile(anonymous, options: Deploy(null));
        Assert.Equal("meshstack:clusters[0]", Assert.Single(deploying.Errors, d => d.Code == "MSH200").Path);
        Assert.DoesNotContain(Codes(CompilationHelper.Compile(anonymous, options: Deploy(null, deploying: false))), c => c == "MSH200");
        Assert.DoesNotContain(Codes(CompilationHelper.Compile(Dev.Replace("      context: kind-cluster1\n", "", StringComparison.Ordinal), options: Deploy(null))), c => c == "MSH200");
    }

    [Fact]
    public void Adopting_is_said_every_time_and_gives_only_that_cluster_an_upserting_provider()
    {
        var adopting = LiveDev.Replace("      context: kind-cluster1\n", "      context: kind-cluster1\n      adopt: true\n", StringComparison.Ordinal);
        var result = CompilationHelper.Compile(adopting, options: Deploy(null));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("meshstack:clusters[0].adopt", Assert.Single(result.Diagnostics, d => d.Code == "MSH204").Path);
        var spec = result.Spec!;
        Assert.True(ProviderSettings.For(spec, spec.Clusters[0]).AdoptExistingObjects);
        Assert.False(ProviderSettings.For(spec, spec.Clusters[1]).AdoptExistingObjects);
    }

    [Fact]
    public void Render_mode_on_a_machine_with_a_kubeconfig_warns_that_the_provider_still_reads_it()
    {
        Assert.Contains(Codes(CompilationHelper.Compile(Dev, options: Deploy(null, ambient: true))), c => c == "MSH205");
        Assert.DoesNotContain(Codes(CompilationHelper.Compile(Dev, options: Deploy(null, ambient: false))), c => c == "MSH205");
        Assert.DoesNotContain(Codes(CompilationHelper.Compile(LiveDev, options: Deploy(null, ambient: true))), c => c == "MSH205");
    }

    [Fact]
    public void Every_cluster_claims_itself_first_and_istio_system_waits_for_every_claim_of_the_federation()
    {
        var plan = CompilationHelper.Compile(LiveDev, options: Deploy(null)).Plan!;
        foreach (var cluster in plan.Clusters)
        {
            var claim = Assert.Single(cluster.Objects, o => o.Key == "ConfigMap/kube-system/meshstack-owner");
            Assert.Empty(claim.DependsOn);
            var istioSystem = Assert.Single(cluster.Objects, o => o.Key == "Namespace/-/istio-system");
            Assert.Equal(["ConfigMap/kube-system/meshstack-owner"], istioSystem.DependsOn.ToArray());
            Assert.Equal(plan.Clusters.Where(c => c != cluster).Select(c => c.Cluster.Name), istioSystem.PeerDependsOn.Select(p => p.Cluster));
            Assert.All(cluster.Items.Where(i => i.Stage == Stage.Namespaces && i != claim), i => Assert.Equal(["ConfigMap/kube-system/meshstack-owner"], i.DependsOn.ToArray()));
            Assert.Contains(cluster.Items, i => i.Stage == Stage.Namespaces && i.Concern == Concern.Demo);
            Assert.All(cluster.Items.Where(i => i.Stage > Stage.Namespaces), i => Assert.NotEmpty(i.DependsOn));
        }
    }

    [Fact]
    public void The_claim_names_its_owner()
    {
        var result = CompilationHelper.Compile(LiveDev, options: new CompileOptions { Owner = "pulumi stack organization/meshstack/dev" });
        var claim = result.Plan!.Clusters[0].Objects.Single(o => o.Name == "meshstack-owner");
        Assert.Equal("pulumi stack organization/meshstack/dev", ((Scalar)((MapValue)claim.Manifest["data"]!)["owner"]!).Content);
    }

    [Fact]
    public void Istio_system_is_a_patch_for_new_stacks_and_stays_a_Namespace_resource_where_a_stack_registered_it_so()
    {
        Assert.All(CompilationHelper.Compile(LiveDev, options: Deploy(null)).Plan!.Clusters, c => Assert.Equal(ApplyMode.Patch, NamespacePlannerMode(c)));
        Assert.All(CompilationHelper.Compile(LiveDev, options: Deploy(DeploymentRecord.Legacy)).Plan!.Clusters, c => Assert.Equal(ApplyMode.Own, NamespacePlannerMode(c)));
        var owned = RecordOf(LiveDev) with
        {
            Clusters = RecordOf(LiveDev).Clusters.SetItem("cluster1", RecordOf(LiveDev).Clusters["cluster1"] with { IstioSystem = ClusterRecord.NamespaceOwned }),
        };
        var plan = CompilationHelper.Compile(LiveDev, options: Deploy(owned)).Plan!;
        Assert.Equal(ApplyMode.Own, NamespacePlannerMode(plan.Clusters[0]));
        Assert.Equal(ApplyMode.Patch, NamespacePlannerMode(plan.Clusters[1]));
        Assert.Equal(ClusterRecord.NamespaceOwned, DeploymentTransitions.RecordOf(plan).Clusters["cluster1"].IstioSystem);
    }

    private static ApplyMode NamespacePlannerMode(ClusterPlan c) => c.Objects.Single(o => o.Key == "Namespace/-/istio-system").Mode;

    [Fact]
    public void Leaving_a_DNS_mode_with_a_global_block_writes_the_Corefile_back_once_without_it()
    {
        var hosts = LiveDev.Replace("dns: proxy", "dns: hosts", StringComparison.Ordinal);
        var record = RecordOf(hosts);
        Assert.True(record.Clusters["cluster1"].CorednsBlock);
        var result = CompilationHelper.Compile(LiveDev, options: Deploy(record));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var plan = result.Plan!;
        var patch = Assert.Single(plan.Clusters[0].Objects, o => o.Key == "ConfigMap/kube-system/coredns");
        var merged = (MergedCorefile)((Deferred)((MapValue)patch.Manifest["data"]!)["Corefile"]!).Ref;
        Assert.True(merged.IsCleanup);
        var written = CompilationHelper.Compile(hosts, options: Deploy(null)).Plan!.Clusters[0].Objects.Single(o => o.Key == "ConfigMap/kube-system/coredns");
        var live = ((MergedCorefile)((Deferred)((MapValue)written.Manifest["data"]!)["Corefile"]!).Ref).MergeInto(DefaultCorefiles.Forward, null).Text!;
        Assert.Contains("global", live, StringComparison.Ordinal);
        Assert.Equal(DefaultCorefiles.Forward, merged.MergeInto(live, null).Text);

        // The run after the cleanup records no block, so the patch is gone from the plan after that.
        var cleaned = DeploymentTransitions.RecordOf(plan);
        Assert.False(cleaned.Clusters["cluster1"].CorednsBlock);
        Assert.DoesNotContain(CompilationHelper.Compile(LiveDev, options: Deploy(cleaned)).Plan!.Clusters[0].Objects, o => o.Key == "ConfigMap/kube-system/coredns");
    }

    [Fact]
    public void The_record_round_trips_and_a_damaged_one_is_MSH209()
    {
        var record = RecordOf(LiveDev);
        var (read, problem) = DeploymentRecordJson.Read(DeploymentRecordJson.Write(record));
        Assert.Null(problem);
        Assert.Equal(DeploymentRecordJson.Write(record), DeploymentRecordJson.Write(read!));
        Assert.Equal(record.Clusters, read!.Clusters);
        Assert.Equal("context:kind-cluster1", read.Clusters["cluster1"].Connection);
        Assert.Equal(ClusterRecord.ApplyTarget, read.Clusters["cluster1"].Target);

        foreach (var damaged in new[] { "", "{", "[]", "{\"version\": 2}", "{\"version\": 9, \"clusters\": {}}", "{\"version\": 2, \"clusters\": {\"a\": {\"target\": 1}}}" })
        {
            var (none, error) = DeploymentRecordJson.Read(damaged);
            Assert.Null(none);
            Assert.Equal("MSH209", error!.Code);
        }
    }

    [Fact]
    public void An_inline_kubeconfig_is_fingerprinted_never_written_and_an_encrypted_one_is_unknown()
    {
        var cluster = CompilationHelper.Compile(LiveDev, options: Deploy(null)).Spec!.Clusters[0];
        var inline = cluster with { Connection = new ClusterConnection { Kubeconfig = new SecretText("apiVersion: v1\nusers: [{name: u, user: {token: s3cr3t}}]\n", true) } };
        var fingerprint = DeploymentTransitions.ConnectionOf(inline)!;
        Assert.StartsWith("kubeconfig:", fingerprint, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", fingerprint, StringComparison.Ordinal);
        Assert.Null(DeploymentTransitions.ConnectionOf(inline with { Connection = new ClusterConnection { Kubeconfig = new SecretText(null, true) } }));
    }

    [Fact]
    public void Items_that_need_a_pending_peers_gateway_wait_and_nothing_else_does()
    {
        var plan = CompilationHelper.Compile(File.ReadAllText(Path.Combine(Repo.Root, "tests", "MeshStack.Components.Tests", "Fixtures", "three-clusters.yaml"))).Plan!;
        var (deferred, warnings) = PlanDeferral.Without(plan, ImmutableSortedSet.Create("west2"), c => $"prod-{c}");
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Contains("prod-west2", w.Message, StringComparison.Ordinal));
        foreach (var (before, after) in plan.Clusters.Zip(deferred.Clusters))
        {
            var gone = before.Items.Select(i => i.Key).Except(after.Items.Select(i => i.Key)).ToList();
            Assert.All(gone, key => Assert.Contains(warnings, w => w.Path == $"{before.Cluster.Name}/{key}"));
            Assert.All(after.Items, i => Assert.All(i.DependsOn, d => Assert.Contains(after.Items, o => o.Key == d)));
        }

        // east1 consumes httpbin from west2 and north3: its entry waits; north3 consumes nothing from west2.
        Assert.Contains(warnings, w => w.Path.StartsWith("east1/", StringComparison.Ordinal) && w.Path.Contains("httpbin", StringComparison.Ordinal));
        Assert.Equal(plan.Clusters.Single(c => c.Cluster.Name == "north3").Items.Length, deferred.Clusters.Single(c => c.Cluster.Name == "north3").Items.Length);
        Assert.Same(plan, PlanDeferral.Without(plan, ImmutableSortedSet<string>.Empty, c => c).Plan);
    }
}
