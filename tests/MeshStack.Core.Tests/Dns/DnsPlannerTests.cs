using System.Collections.Immutable;
using MeshStack.Core.Dns;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Core.Tests.Dns;

public class DnsPlannerTests
{
    private static ImmutableArray<PlannedObject> DnsObjects(FederationPlan plan, string cluster) =>
        plan.Clusters.Single(c => c.Cluster.Name == cluster).Objects.Where(o => o.Concern == Concern.Dns).ToImmutableArray();

    private static LiveDnsResolver Resolver(FederationPlan plan, Func<string, string?>? corefiles = null, Func<string, string?>? stubs = null) =>
        new LiveDnsResolver(
            new TableResolver(plan.Clusters.Select((c, i) => KeyValuePair.Create((DeployValue)new IstioCoreDnsIpOf(c.Cluster.Name), $"10.96.{i}.53")).ToDictionary()),
            corefiles ?? (_ => null),
            stubs ?? (_ => null));

    [Theory]
    [InlineData("coredns13", "coredns", "Corefile")]
    [InlineData("coredns14", "coredns", "Corefile")]
    [InlineData("coredns17", "coredns", "Corefile")]
    [InlineData("kubedns", "kube-dns", "stubDomains")]
    public void Each_legacy_cluster_gets_one_patch_of_one_data_key_of_its_dns_configmap(string cluster, string name, string dataKey)
    {
        var patch = Assert.Single(DnsObjects(CompilationHelper.PlanFile(Repo.Fixture("dns-legacy.yaml")), cluster));
        Assert.Equal((ApplyMode.Patch, Stage.MeshConfig, "ConfigMap", "kube-system", name), (patch.Mode, patch.Stage, patch.Kind, patch.Namespace, patch.Name));
        var data = Assert.IsType<MapValue>(patch.Manifest["data"]);
        var entry = Assert.Single(data.Entries);
        Assert.Equal(dataKey, entry.Key);
        Assert.IsType<Deferred>(entry.Value);
        var metadata = Assert.IsType<MapValue>(patch.Manifest["metadata"]);
        Assert.Null(metadata["labels"]);
        var annotations = Assert.IsType<MapValue>(metadata["annotations"]);
        Assert.Equal(new Scalar("meshstack"), annotations["pulumi.com/patchFieldManager"]);
        Assert.Equal(new Scalar("true"), annotations["pulumi.com/patchForce"]);
        Assert.Equal(new Scalar("restore-and-retain"), annotations["meshstack.io/on-delete"]);
    }

    [Fact]
    public void Patches_wait_for_the_istio_install_stage()
    {
        var plan = CompilationHelper.PlanFile(Repo.Fixture("dns-legacy.yaml"));
        var cluster = plan.Clusters.Single(c => c.Cluster.Name == "coredns17");
        var patch = DnsObjects(plan, "coredns17").Single();
        var earlier = cluster.Items.Where(i => i.Stage < Stage.MeshConfig).Select(i => i.Stage).DefaultIfEmpty().Max();
        Assert.All(patch.DependsOn, key => Assert.Equal(earlier, cluster.Items.Single(i => i.Key == key).Stage));
    }

    [Fact]
    public void Proxy_mode_changes_no_cluster_dns()
    {
        Assert.Empty(DnsObjects(CompilationHelper.PlanFile(Repo.Fixture("dns-hosts.yaml")), "west"));
    }

    [Fact]
    public void Hosts_mode_serves_every_service_at_its_allocated_address()
    {
        var plan = CompilationHelper.PlanFile(Repo.Fixture("dns-hosts.yaml"));
        var merged = Assert.IsType<MergedCorefile>(Assert.IsType<Deferred>(((MapValue)DnsObjects(plan, "east").Single().Manifest["data"]!)["Corefile"]).Ref);
        Assert.False(merged.NeedsIstioCoreDns);
        var hosts = Corefile.Parse(merged.GlobalBlock).Corefile!.Blocks.Single().Directives.Single(d => d.Name == "hosts");
        Assert.Equal(
            plan.Spec.Services.OrderBy(s => s.GlobalHost, StringComparer.Ordinal).Select(s => $"{plan.Addresses[s.Key]} {s.GlobalHost}"),
            hosts.Block.Select(e => $"{e.Name} {string.Join(' ', e.Args)}"));
        Assert.Contains("240.0.0.2 httpbin.bar.global", merged.GlobalBlock, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_corefile_is_merged_and_a_foreign_global_block_is_reported_as_MSH052()
    {
        var plan = CompilationHelper.PlanFile(Repo.Fixture("dns-legacy.yaml"));
        var guide = CoreDnsReference.GuideDnsData()[2];
        var resolver = new LiveDnsResolver(
            new TableResolver(new Dictionary<DeployValue, string> { [new IstioCoreDnsIpOf("coredns14")] = "10.96.1.53" }),
            _ => guide,
            _ => null);
        var (manifest, unresolved) = ManifestResolver.Resolve(DnsObjects(plan, "coredns14").Single().Manifest, resolver);
        Assert.Single(unresolved);
        Assert.IsType<Deferred>(((MapValue)manifest["data"]!)["Corefile"]);
        var problem = Assert.Single(resolver.Problems);
        Assert.Equal(("MSH052", "coredns14/kube-system/coredns.data.Corefile"), (problem.Code, problem.Path));
        Assert.Contains("global:53", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_stub_domains_keep_their_entries_and_bad_ones_are_reported_as_MSH053()
    {
        var plan = CompilationHelper.PlanFile(Repo.Fixture("dns-legacy.yaml"));
        var patch = DnsObjects(plan, "kubedns").Single();
        var good = ManifestResolver.Resolve(patch.Manifest, Resolver(plan, stubs: _ => """{"acme.local": ["1.2.3.4"]}""")).Manifest;
        Assert.Equal(new Scalar("""{"acme.local": ["1.2.3.4"], "global": ["10.96.3.53"]}"""), ((MapValue)good["data"]!)["stubDomains"]);
        var bad = Resolver(plan, stubs: _ => "nope");
        Assert.Single(ManifestResolver.Resolve(patch.Manifest, bad).Unresolved);
        Assert.Equal("MSH053", Assert.Single(bad.Problems).Code);
    }

    [Fact]
    public void Without_the_istiocoredns_address_the_stub_stays_unresolved()
    {
        var plan = CompilationHelper.PlanFile(Repo.Fixture("dns-legacy.yaml"));
        var resolver = new LiveDnsResolver(new TableResolver(new Dictionary<DeployValue, string>()), _ => null, _ => null);
        foreach (var patch in plan.Clusters.SelectMany(c => c.Objects).Where(o => o.Concern == Concern.Dns))
        {
            Assert.Single(ManifestResolver.Resolve(patch.Manifest, resolver).Unresolved);
        }

        Assert.Empty(resolver.Problems);
    }

    [Theory]
    [InlineData("dns-legacy.yaml")]
    [InlineData("dns-hosts.yaml")]
    public void Dns_patches_render_as_the_golden_file(string fixture)
    {
        var plan = CompilationHelper.PlanFile(Repo.Fixture(fixture));
        var resolver = Resolver(plan);
        var manifests = plan.Clusters.SelectMany(c => c.Objects).Where(o => o.Concern == Concern.Dns)
            .Select(o => ManifestResolver.Resolve(o.Manifest, resolver))
            .ToList();
        Assert.All(manifests, m => Assert.Empty(m.Unresolved));
        var text = new StringWriter();
        text.NewLine = "\n";
        YamlWriter.WriteDocuments(text, manifests.Select(m => m.Manifest));
        GoldenFile.Verify(Path.Combine("dns", fixture), text.ToString());
    }
}
