using System.Collections.Immutable;
using MeshStack.Components.Mapping;
using MeshStack.Core.Plan;
using Pulumi;

namespace MeshStack.Components.Tests.Mapping;

// The legacy-gateways install (issue 7): the operator chart from the release folder, then the IstioOperator, in order.
public class LegacyInstallTests
{
    private static IDictionary<string, object> Map(object value) => (IDictionary<string, object>)value;

    [Fact]
    public async Task The_operator_chart_is_a_local_path_chart_with_core_version_and_values_on_each_cluster()
    {
        var run = await Deployments.RunAsync(CompilationHelper.PlanFile(Repo.StackFile("legacy")));
        foreach (var cluster in run.Plan.Clusters)
        {
            var release = Assert.Single(cluster.Items.OfType<HelmRelease>());
            Assert.True(release.IsLocalChart);
            var chart = Assert.Single(run.Mocks.Registered, r => r.Name == FederationWiringTests.PlanNameOf(release));
            Assert.Equal("kubernetes:helm.sh/v4:Chart", chart.Type);
            Assert.Equal("./istio-1.7.8/manifests/charts/istio-operator", chart.Inputs["chart"]);
            Assert.Equal("1.7.8", chart.Inputs["version"]);
            Assert.Equal("istio-operator", chart.Inputs["name"]);
            Assert.Equal("istio-system", chart.Inputs["namespace"]);
            Assert.False(chart.Inputs.ContainsKey("repositoryOpts"));
            var values = Map(chart.Inputs["values"]);
            Assert.Equal("1.7.8", values["tag"]);
            Assert.Equal("istio-system", values["watchedNamespaces"]);
            Assert.Equal(release.Values.Entries.Select(e => e.Key).Order(StringComparer.Ordinal), values.Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task The_IstioOperator_carries_the_waitFor_annotation_so_Pulumi_waits_for_a_healthy_install()
    {
        var run = await Deployments.RunAsync(CompilationHelper.PlanFile(Repo.StackFile("legacy")));
        var operators = run.Mocks.Registered.Where(r => r.Type == "kubernetes:install.istio.io/v1alpha1:IstioOperator").ToList();
        Assert.Equal(2, operators.Count);
        foreach (var op in operators)
        {
            var annotations = Map(Map(op.Inputs["metadata"])["annotations"]);
            Assert.Equal("jsonpath={.status.status}=HEALTHY", annotations["pulumi.com/waitFor"]);
        }
    }

    [Fact]
    public async Task Each_cluster_chains_cacerts_then_operator_then_IstioOperator_then_dns_and_routing()
    {
        var run = await Deployments.RunAsync(CompilationHelper.PlanFile(Repo.StackFile("legacy")));
        foreach (var cluster in run.Plan.Clusters)
        {
            var name = cluster.Cluster.Name;
            var closure = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            async Task<HashSet<string>> Before(string key)
            {
                if (!closure.TryGetValue(key, out var set))
                {
                    set = [];
                    var direct = await Deployments.ValueAsync(run.Wiring.ByName[$"mesh-{name}/{key}"].Options.DependsOn.ToOutput());
                    foreach (var resource in direct)
                    {
                        var depKey = resource.GetResourceName()[($"mesh-{name}".Length + 1)..];
                        set.Add(depKey);
                        set.UnionWith(await Before(depKey));
                    }

                    closure[key] = set;
                }

                return set;
            }

            const string cacerts = "Secret/istio-system/cacerts";
            const string op = "HelmRelease/istio-system/istio-operator";
            const string istio = "IstioOperator/istio-system/meshstack";
            Assert.Contains(cacerts, await Before(op));
            Assert.Contains(op, await Before(istio));
            foreach (var later in cluster.Items.Where(i => i.Concern is Concern.Dns or Concern.Routing))
            {
                Assert.Contains(istio, await Before(later.Key));
            }
        }
    }

    [Fact]
    public async Task Charts_keep_their_CRDs_on_destroy_through_a_transform_on_the_chart_children()
    {
        var run = await Deployments.RunAsync(CompilationHelper.PlanFile(Repo.StackFile("legacy")));
        var release = run.Plan.Clusters[0].Items.OfType<HelmRelease>().Single();
        Assert.Contains(run.Wiring.ByName[FederationWiringTests.PlanNameOf(release)].Options.ResourceTransforms, t => t.Method.Name == nameof(PlanItemRegistrar.KeepCustomResourceDefinitions));

        var crd = await PlanItemRegistrar.KeepCustomResourceDefinitions(new ResourceTransformArgs(
            "crd", PlanItemRegistrar.CustomResourceDefinitionType, true, ImmutableDictionary<string, object?>.Empty, new CustomResourceOptions()));
        Assert.True(crd!.Value.Options.RetainOnDelete);
        var deployment = await PlanItemRegistrar.KeepCustomResourceDefinitions(new ResourceTransformArgs(
            "d", "kubernetes:apps/v1:Deployment", true, ImmutableDictionary<string, object?>.Empty, new CustomResourceOptions()));
        Assert.Null(deployment);
    }
}
