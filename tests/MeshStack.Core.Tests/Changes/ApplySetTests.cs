using System.Globalization;
using MeshStack.Core.Changes;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Core.Tests.Changes;

/// <summary>The ApplySet render writes so that a re-render's apply prunes what it no longer renders, and nothing else (issue 19).</summary>
public class ApplySetTests
{
    public static TheoryData<string> Stacks() => new()
    {
        Path.Combine(Repo.Root, "Pulumi.dev.yaml"),
        Path.Combine(Repo.Root, "Pulumi.staging.yaml"),
        Path.Combine(Repo.Root, "Pulumi.endpoints.yaml"),
        Repo.Fixture("dns-hosts.yaml"),
        Repo.Fixture("dns-legacy.yaml"),
        Repo.Fixture("rich-federation.yaml"),
    };

    [Fact]
    public void The_id_is_the_one_kubectl_computes_for_its_own_test_parent()
    {
        // kubernetes/kubectl testdata/apply/applyset-cr.yaml: parent company.com/v1 ApplySet "my-set", cluster-scoped.
        Assert.Equal("applyset-rhp1a-HVAVT_dFgyEygyA1BEB82HPp2o10UiFTpqtAs-v1", ApplySet.Id("my-set", null, "ApplySet", "company.com"));
    }

    [Fact]
    public void The_parent_carries_what_kubectl_checks_on_an_existing_parent()
    {
        var parent = ApplySet.Parent("mesh1");
        var metadata = (MapValue)parent["metadata"]!;
        Assert.Equal("meshstack-mesh1", ((Scalar)metadata["name"]!).Content);
        Assert.Null(metadata["namespace"]);
        var labels = (MapValue)metadata["labels"]!;
        Assert.Equal(ApplySet.Id("meshstack-mesh1"), ((Scalar)labels["applyset.kubernetes.io/id"]!).Content);
        var annotations = (MapValue)metadata["annotations"]!;
        Assert.StartsWith("kubectl/", (string)((Scalar)annotations["applyset.kubernetes.io/tooling"]!).Content, StringComparison.Ordinal);
        Assert.Equal("", ((Scalar)annotations["applyset.kubernetes.io/contains-group-kinds"]!).Content);
        Assert.Equal("applysets.meshstack.io/meshstack-mesh1", ApplySet.FlagValue("mesh1"));
        var crd = YamlWriter.ToYaml(ApplySet.Crd());
        Assert.Contains("scope: Cluster", crd, StringComparison.Ordinal);
        Assert.Contains("applyset.kubernetes.io/is-parent-type: \"true\"", crd, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_cluster_prunes_a_non_empty_set_that_holds_no_namespace_no_key_and_no_patch(string stack)
    {
        var plan = CompilationHelper.PlanFile(stack, CompilationHelper.FixedClock);
        var files = Render(plan);
        foreach (var cluster in plan.Clusters)
        {
            var members = Docs(files[$"{cluster.Cluster.Name}/99-prune/members.yaml"]).Select(Key).ToList();
            // kubectl refuses an apply of no objects ("no objects passed to apply"): the set must never be empty.
            Assert.NotEmpty(members);
            var expected = cluster.Objects
                .Where(o => o.Mode == ApplyMode.Own && o.Concern != Concern.Pki && o.Kind != "Namespace")
                .Select(o => $"{o.Kind}/{o.Namespace}/{o.Name}").Order(StringComparer.Ordinal);
            Assert.Equal(expected, members.Order(StringComparer.Ordinal));
            // The ownership claim is MeshStack's own object in kube-system; the DNS ConfigMaps there are patches, never members.
            Assert.DoesNotContain(members, m => m.StartsWith("Namespace/", StringComparison.Ordinal) || m == "Secret/istio-system/cacerts" || (m.StartsWith("ConfigMap/kube-system/", StringComparison.Ordinal) && m != "ConfigMap/kube-system/meshstack-owner"));
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void A_render_read_back_names_every_object_member_and_release_it_wrote(string stack)
    {
        var plan = CompilationHelper.PlanFile(stack, CompilationHelper.FixedClock);
        var snapshot = Snapshot(Render(plan));
        foreach (var cluster in plan.Clusters)
        {
            var read = snapshot.Cluster(cluster.Cluster.Name)!;
            Assert.Equal(
                cluster.Objects.Select(o => ObjectRef.Of(o.ApiVersion, o.Kind, o.Namespace, o.Name)).Append(new ObjectRef("apiextensions.k8s.io", "CustomResourceDefinition", null, ApplySet.CrdName)).Order(ObjectRef.Order),
                read.Objects.Select(o => o.Ref).Order(ObjectRef.Order));
            Assert.Equal(cluster.Objects.Where(ApplySet.IsMember).Count(), read.Members.Length);
            Assert.Equal(cluster.Releases.Select(r => r.Key).Order(StringComparer.Ordinal), read.Releases.Select(r => r.Key).Order(StringComparer.Ordinal));
            Assert.Equal(cluster.Cluster.Connection.Context, read.Context);
            // The line scan that names a document agrees with YAML's reading of it.
            Assert.All(read.Objects, o => Assert.Equal(o.Ref.Name, ((YamlScalarNode)((YamlMappingNode)o.Manifest["metadata"])["name"]).Value));
        }
    }

    [Fact]
    public void A_name_written_in_quotes_is_read_back_unquoted()
    {
        var doc = "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: '123'\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: plain\n  namespace: \"true\"\n";
        var (snapshot, problems) = RenderSnapshotReader.Read([new SnapshotFile("c1/00-namespaces/resources.yaml", () => doc)], null);
        Assert.Empty(problems);
        Assert.Equal([new ObjectRef("", "Namespace", null, "123"), new ObjectRef("", "Service", "true", "plain")], snapshot.Clusters.Single().Objects.Select(o => o.Ref));
    }

    [Fact]
    public void A_release_the_plan_drops_is_written_to_be_uninstalled_and_stays_so_on_later_renders()
    {
        var withEgress = CompilationHelper.PlanFile(Path.Combine(Repo.Root, "Pulumi.dev.yaml"), CompilationHelper.FixedClock);
        var withoutEgress = CompilationHelper.Compile(File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml")).Replace("      egressGateway: true\n", "", StringComparison.Ordinal)).Plan!;

        var first = Snapshot(Render(withEgress));
        var second = Render(withoutEgress, new RenderOptions { RemovedReleases = RenderSnapshotReader.RemovedReleases(first, withoutEgress) });
        var releases = Releases(second["cluster1/02-charts/helmfile.yaml"]);
        var egress = releases.Single(r => Text(r, "name") == "istio-egressgateway");
        Assert.Equal("false", Text(egress, "installed"));
        Assert.Equal("istio-release/gateway", Text(egress, "chart"));
        Assert.False(egress.Children.ContainsKey("values"));
        Assert.False(egress.Children.ContainsKey("needs"));
        Assert.DoesNotContain("cluster1/02-charts/istio-egressgateway.values.yaml", second.Keys);
        Assert.DoesNotContain(Releases(second["cluster2/02-charts/helmfile.yaml"]), r => Text(r, "installed") == "false");

        // The render that dropped it may never have been applied: the next one still uninstalls it.
        var third = Render(withoutEgress, new RenderOptions { RemovedReleases = RenderSnapshotReader.RemovedReleases(Snapshot(second), withoutEgress) });
        Assert.Equal("false", Text(Releases(third["cluster1/02-charts/helmfile.yaml"]).Single(r => Text(r, "name") == "istio-egressgateway"), "installed"));

        // Added back, it is an ordinary release again.
        var fourth = Render(withEgress, new RenderOptions { RemovedReleases = RenderSnapshotReader.RemovedReleases(Snapshot(third), withEgress) });
        Assert.DoesNotContain(Releases(fourth["cluster1/02-charts/helmfile.yaml"]), r => r.Children.ContainsKey("installed"));
    }

    [Fact]
    public void A_remote_secret_that_is_not_written_is_still_a_member_so_the_prune_keeps_the_live_one()
    {
        var plan = CompilationHelper.PlanFile(Path.Combine(Repo.Root, "Pulumi.endpoints.yaml"), CompilationHelper.FixedClock);
        var remote = plan.Clusters.SelectMany(c => c.Objects).First(o => Core.Discovery.RemoteSecrets.SourceOf(o) is not null);
        var without = plan with
        {
            Clusters = [.. plan.Clusters.Select(c => c with { Items = [.. c.Items.Where(i => !ReferenceEquals(i, remote))] })],
        };
        var files = Render(without, new RenderOptions { KeptUnwritten = [remote] });
        Assert.DoesNotContain(remote.Name, files[$"{remote.Cluster}/05-meshconfig/resources.yaml"], StringComparison.Ordinal);
        Assert.Contains(Docs(files[$"{remote.Cluster}/99-prune/members.yaml"]), d => Key(d) == $"Secret/istio-system/{remote.Name}");
    }

    internal static Dictionary<string, string> Render(FederationPlan plan, RenderOptions? options = null) =>
        RenderLayout.Files(plan, o => o.Manifest, options: options).ToDictionary(f => f.RelativePath, f =>
        {
            using var w = new StringWriter(CultureInfo.InvariantCulture);
            f.Write(w);
            return w.ToString();
        }, StringComparer.Ordinal);

    internal static RenderSnapshot Snapshot(Dictionary<string, string> files) =>
        RenderSnapshotReader.Read(files.Select(f => new SnapshotFile(f.Key, () => f.Value)), RenderSnapshotReader.Marker("dev")).Snapshot;

    private static List<YamlMappingNode> Docs(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static List<YamlMappingNode> Releases(string helmfile) =>
        [.. ((YamlSequenceNode)Docs(helmfile).Single()["releases"]).Children.Cast<YamlMappingNode>()];

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? ((YamlScalarNode)v).Value : null;

    private static string Key(YamlMappingNode d)
    {
        var metadata = (YamlMappingNode)d["metadata"];
        return $"{Text(d, "kind")}/{Text(metadata, "namespace")}/{Text(metadata, "name")}";
    }
}
