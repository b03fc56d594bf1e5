using System.Collections.Immutable;
using MeshStack.Core.Addressing;
using MeshStack.Core.Changes;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Changes;

/// <summary>
/// What a change does between two renders (issue 19, <c>plan --diff</c>): added, changed, replaced, deleted, kept and
/// left behind per cluster, with the replacement rules of each path and the dangerous changes flagged.
/// </summary>
public class ChangeSetTests
{
    private const string Deployment = """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: sleep
          namespace: foo
          labels:
            app.kubernetes.io/managed-by: meshstack
        spec:
          selector:
            matchLabels:
              app: SELECTOR
          template:
            metadata:
              labels:
                app: SELECTOR
            spec:
              containers:
              - name: sleep
                image: IMAGE
        """;

    private static string Secret(string type, string key, string root, bool immutable = false) => $"""
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: cacerts
          namespace: istio-system
          labels:
            app.kubernetes.io/managed-by: meshstack
        type: {type}
        {(immutable ? "immutable: true" : "")}
        data:
          ca-key.pem: {key}
          root-cert.pem: {root}
        """;

    private static string ConfigMap(string corefile, bool patch) => $"""
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: coredns
          namespace: kube-system
        {(patch ? "" : "  labels:\n    app.kubernetes.io/managed-by: meshstack")}
        data:
          Corefile: {corefile}
        """;

    private static string Entry(string name, string ns, string address) => $"""
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            app.kubernetes.io/managed-by: meshstack
        spec:
          hosts:
          - {name}
          endpoints:
          - address: {address}
        """;

    private static string Stub(string apiVersion, string kind, string ns, string name) => $"---\napiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {ns}\n";

    private static RenderSnapshot Snap(params (string Path, string Text)[] files)
    {
        var (snapshot, problems) = RenderSnapshotReader.Read(files.Select(f => new SnapshotFile(f.Path, () => f.Text)), RenderSnapshotReader.Marker("dev"));
        Assert.Empty(problems);
        return snapshot;
    }

    private static Ipv4 Ip(string text) => Ipv4.TryParse(text, out var ip) ? ip : throw new ArgumentException(text);

    private static ObjectChange Single(ChangeSet set) => Assert.Single(Assert.Single(set.Clusters).Objects);

    private static ChangeSet Compute(RenderSnapshot before, RenderSnapshot after, ReplaceRules rules) =>
        ChangeSet.Compute(before, after, AddressTable.Empty, AddressTable.Empty, rules);

    [Theory]
    [InlineData("a", "b", "IMAGE", ObjectChangeKind.Replaced)]
    [InlineData("a", "a", "curl:2", ObjectChangeKind.Changed)]
    public void GitOps_refuses_a_new_deployment_selector_and_updates_a_new_image(string before, string after, string image, ObjectChangeKind expected)
    {
        var old = Snap(("c1/06-workloads/resources.yaml", Deployment.Replace("SELECTOR", before, StringComparison.Ordinal)));
        var now = Snap(("c1/06-workloads/resources.yaml", Deployment.Replace("SELECTOR", after, StringComparison.Ordinal).Replace("IMAGE", image, StringComparison.Ordinal)));
        var change = Single(Compute(old, now, ReplaceRules.GitOps));
        Assert.Equal(expected, change.Kind);
        if (expected == ObjectChangeKind.Replaced)
        {
            Assert.Equal([".spec.selector"], change.ForcedBy.ToArray());
            Assert.Contains(Compute(old, now, ReplaceRules.GitOps).Dangers, d => d.Code == "MSH132");
        }
    }

    [Fact]
    public void Pulumi_replaces_a_deployment_whose_container_changes_only_when_the_selector_does()
    {
        // diff.go: Deployment's force-new fields are its selector; container fields are force-new only for Pods.
        var old = Snap(("c1/06-workloads/resources.yaml", Deployment.Replace("SELECTOR", "a", StringComparison.Ordinal)));
        var image = Snap(("c1/06-workloads/resources.yaml", Deployment.Replace("SELECTOR", "a", StringComparison.Ordinal).Replace("IMAGE", "x", StringComparison.Ordinal)));
        var pulumi = ReplaceRules.Pulumi(new ProviderSettings { ClusterIdentifier = "c1" });
        Assert.Equal(ObjectChangeKind.Changed, Single(Compute(old, image, pulumi)).Kind);
    }

    [Theory]
    [InlineData(true, false, ObjectChangeKind.Changed)]
    [InlineData(false, false, ObjectChangeKind.Replaced)]
    [InlineData(true, true, ObjectChangeKind.Replaced)]
    public void Pulumi_replaces_a_secret_whose_data_changes_unless_secrets_are_mutable_and_it_is_not_immutable(bool mutable, bool immutable, ObjectChangeKind expected)
    {
        var old = Snap(("c1/01-cacerts/resources.yaml", Secret("Opaque", "a2V5MQ==", "cm9vdDE=", immutable)));
        var now = Snap(("c1/01-cacerts/resources.yaml", Secret("Opaque", "a2V5Mg==", "cm9vdDE=", immutable)));
        var rules = ReplaceRules.Pulumi(new ProviderSettings { ClusterIdentifier = "c1", MutableSecrets = mutable });
        var set = Compute(old, now, rules);
        Assert.Equal(expected, Single(set).Kind);
        Assert.Equal(expected == ObjectChangeKind.Replaced, set.Dangers.Any(d => d.Code == "MSH133"));
    }

    [Fact]
    public void GitOps_updates_secret_data_in_place_but_refuses_a_new_type()
    {
        var old = Snap(("c1/01-cacerts/resources.yaml", Secret("Opaque", "a2V5MQ==", "cm9vdDE=")));
        Assert.Equal(ObjectChangeKind.Changed, Single(Compute(old, Snap(("c1/01-cacerts/resources.yaml", Secret("Opaque", "a2V5Mg==", "cm9vdDE="))), ReplaceRules.GitOps)).Kind);
        var typed = Single(Compute(old, Snap(("c1/01-cacerts/resources.yaml", Secret("kubernetes.io/tls", "a2V5MQ==", "cm9vdDE="))), ReplaceRules.GitOps));
        Assert.Equal(ObjectChangeKind.Replaced, typed.Kind);
        Assert.Equal([".type"], typed.ForcedBy.ToArray());
    }

    [Fact]
    public void A_secrets_values_are_never_in_the_change_and_a_new_root_is_flagged()
    {
        var old = Snap(("c1/01-cacerts/resources.yaml", Secret("Opaque", "c2VjcmV0LWtleS0x", "cm9vdC0x")));
        var now = Snap(("c1/01-cacerts/resources.yaml", Secret("Opaque", "c2VjcmV0LWtleS0y", "cm9vdC0y")));
        var set = Compute(old, now, ReplaceRules.GitOps);
        var change = Single(set);
        Assert.True(change.Secret);
        Assert.Equal(["data[\"ca-key.pem\"]", "data[\"root-cert.pem\"]"], change.Fields.Select(f => f.Path));
        Assert.All(change.Fields, f => Assert.True(f.Before is null && f.After is null));
        Assert.Contains(set.Dangers, d => d.Code == "MSH134");
        Assert.DoesNotContain(set.Dangers, d => d.Message.Contains("c2VjcmV0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, false, ObjectChangeKind.Replaced)]
    [InlineData(true, false, ObjectChangeKind.Changed)]
    [InlineData(false, true, ObjectChangeKind.Changed)]
    public void Pulumi_replaces_a_configmap_whose_data_changes_unless_configmaps_are_mutable_or_it_is_a_patch(bool mutable, bool patch, ObjectChangeKind expected)
    {
        var old = Snap(("c1/05-meshconfig/resources.yaml", ConfigMap("a", patch)));
        var now = Snap(("c1/05-meshconfig/resources.yaml", ConfigMap("b", patch)));
        Assert.Equal(expected, Single(Compute(old, now, ReplaceRules.Pulumi(new ProviderSettings { ClusterIdentifier = "c1", MutableConfigMaps = mutable }))).Kind);
    }

    [Fact]
    public void A_member_no_longer_rendered_is_pruned_and_a_non_member_is_left_behind()
    {
        var members = ("c1/99-prune/members.yaml", Stub("networking.istio.io/v1", "ServiceEntry", "istio-system", "a.bar.global"));
        var old = Snap(
            ("c1/05-meshconfig/resources.yaml", Entry("a.bar.global", "istio-system", "192.0.2.1") + "\n" + ConfigMap("x", patch: true)),
            members);
        var now = Snap(("c1/05-meshconfig/resources.yaml", "---\n"), ("c1/99-prune/members.yaml", "---\n"));
        var objects = Assert.Single(Compute(old, now, ReplaceRules.GitOps).Clusters).Objects;
        Assert.Equal(ObjectChangeKind.LeftBehind, objects.Single(o => o.Ref.Kind == "ConfigMap").Kind);
        Assert.Equal(ObjectChangeKind.Deleted, objects.Single(o => o.Ref.Kind == "ServiceEntry").Kind);

        // Pulumi deletes the entry's resource and retains the patch.
        var pulumi = Assert.Single(Compute(old, now, ReplaceRules.Pulumi(new ProviderSettings { ClusterIdentifier = "c1" })).Clusters).Objects;
        Assert.Equal(ObjectChangeKind.LeftBehind, pulumi.Single(o => o.Ref.Kind == "ConfigMap").Kind);
        Assert.Equal(ObjectChangeKind.Deleted, pulumi.Single(o => o.Ref.Kind == "ServiceEntry").Kind);
    }

    [Fact]
    public void A_render_from_before_the_applyset_labelled_nothing_so_what_it_dropped_is_left_behind()
    {
        var old = Snap(("c1/05-meshconfig/resources.yaml", Entry("a.bar.global", "istio-system", "192.0.2.1")));
        var now = Snap(("c1/05-meshconfig/resources.yaml", "---\n"), ("c1/99-prune/members.yaml", "---\n"));
        var change = Single(Compute(old, now, ReplaceRules.GitOps));
        Assert.Equal(ObjectChangeKind.LeftBehind, change.Kind);
        Assert.Contains("predates", change.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_kept_unwritten_is_neither_deleted_nor_compared()
    {
        var secret = Secret("Opaque", "a2V5MQ==", "cm9vdDE=");
        var old = Snap(("c1/01-cacerts/resources.yaml", secret));
        var now = Snap(("c1/05-meshconfig/resources.yaml", "---\n"));
        now = now with { Clusters = [now.Clusters[0] with { Unwritten = [new UnwrittenObject(new ObjectRef("", "Secret", "istio-system", "cacerts"), "no --ca-dir")] }] };
        var change = Single(Compute(old, now, ReplaceRules.GitOps));
        Assert.Equal(ObjectChangeKind.Kept, change.Kind);
        Assert.Contains("no --ca-dir", change.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_field_shows_its_path_and_both_values()
    {
        var old = Snap(("c1/05-meshconfig/resources.yaml", Entry("a.bar.global", "istio-system", "192.0.2.1")));
        var now = Snap(("c1/05-meshconfig/resources.yaml", Entry("a.bar.global", "istio-system", "192.0.2.9")));
        var change = Single(Compute(old, now, ReplaceRules.GitOps));
        Assert.Equal(ObjectChangeKind.Changed, change.Kind);
        Assert.Equal(new FieldChange("spec.endpoints[0].address", "192.0.2.1", "192.0.2.9"), Assert.Single(change.Fields));
    }

    [Fact]
    public void An_address_that_moves_against_the_lock_file_is_flagged()
    {
        var before = new AddressTable(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("httpbin.bar", Ip("240.0.0.2"))]));
        var after = new AddressTable(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("httpbin.bar", Ip("240.0.0.3"))]));
        var set = ChangeSet.Compute(null, new RenderSnapshot(), before, after, ReplaceRules.GitOps);
        Assert.False(set.ComparedWithRender);
        Assert.Equal(new AddressMove("httpbin.bar", "240.0.0.2", "240.0.0.3"), Assert.Single(set.AddressMoves));
        Assert.Equal("MSH135", Assert.Single(set.Dangers).Code);
    }

    [Fact]
    public void A_cluster_no_longer_rendered_keeps_everything_on_it_under_gitops_and_loses_it_under_pulumi()
    {
        var helmfile = "releases:\n- name: istio-base\n  namespace: istio-system\n  chart: istio-release/base\n  version: 1.30.3\n";
        var old = Snap(("c2/05-meshconfig/resources.yaml", Entry("a.bar.global", "istio-system", "192.0.2.1")), ("c2/02-charts/helmfile.yaml", helmfile));
        var now = Snap();
        var gitops = Compute(old, now, ReplaceRules.GitOps);
        var cluster = Assert.Single(gitops.Clusters);
        Assert.Equal(ClusterChangeKind.Removed, cluster.Kind);
        Assert.Equal(ObjectChangeKind.LeftBehind, Assert.Single(cluster.Objects).Kind);
        Assert.Equal(ReleaseChangeKind.LeftInstalled, Assert.Single(cluster.Releases).Kind);
        Assert.Contains(gitops.Dangers, d => d.Code == "MSH137" && d.Path == "c2");

        var pulumi = Compute(old, now, ReplaceRules.Pulumi(new ProviderSettings { ClusterIdentifier = "c1" }));
        Assert.Equal(ReleaseChangeKind.Uninstalled, Assert.Single(Assert.Single(pulumi.Clusters).Releases).Kind);
        Assert.Contains(pulumi.Dangers, d => d.Code == "MSH138");
    }

    [Theory]
    [InlineData("1.30.3", "1.29.2", true)]
    [InlineData("1.29.10", "1.30.3", false)]
    [InlineData("1.9.0", "1.10.0", false)]
    public void A_chart_that_moves_down_is_flagged(string before, string after, bool flagged)
    {
        static string Helmfile(string v) => $"releases:\n- name: istiod\n  namespace: istio-system\n  chart: istio-release/istiod\n  version: {v}\n";
        var set = Compute(Snap(("c1/02-charts/helmfile.yaml", Helmfile(before))), Snap(("c1/02-charts/helmfile.yaml", Helmfile(after))), ReplaceRules.GitOps);
        var release = Assert.Single(Assert.Single(set.Clusters).Releases);
        Assert.Equal((before, after), (release.VersionBefore, release.VersionAfter));
        Assert.Equal(flagged, set.Dangers.Any(d => d.Code == "MSH139"));
    }
}
