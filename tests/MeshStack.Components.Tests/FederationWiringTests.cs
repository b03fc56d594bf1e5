using MeshStack.Core.Plan;
using Pulumi;
using K8s = Pulumi.Kubernetes;

namespace MeshStack.Components.Tests;

public class FederationWiringTests
{
    public static TheoryData<string> StackFiles => new() { "Pulumi.dev.yaml", "Pulumi.endpoints.yaml", "three-clusters", "legacy" };

    [Theory]
    [MemberData(nameof(StackFiles))]
    public async Task Every_plan_item_is_registered_once_with_its_kind_on_its_own_cluster_provider(string stack)
    {
        var run = await Deployments.RunAsync(CompilationHelper.PlanFile(Repo.StackFile(stack)));
        foreach (var cluster in run.Plan.Clusters)
        {
            var name = cluster.Cluster.Name;
            // Plan items only: not reads ("/lookup/"), not the objects a chart registers ("<chart>:<namespace>/<name>").
            var records = run.Mocks.Registered.Where(r => r.Name!.StartsWith($"mesh-{name}/", StringComparison.Ordinal)
                && !r.Name!.Contains("/lookup/", StringComparison.Ordinal) && !r.Name!.Contains(':', StringComparison.Ordinal)).ToList();
            Assert.Equal(cluster.Items.Length, records.Count);
            foreach (var item in cluster.Items)
            {
                var record = Assert.Single(records, r => r.Name == $"mesh-{name}/{item.Key}");
                var expectedType = item switch
                {
                    PlannedObject { ApiVersion: "v1" } o => $"kubernetes:core/v1:{o.Kind}{(o.Mode == ApplyMode.Patch ? "Patch" : "")}",
                    PlannedObject o => $"kubernetes:{o.ApiVersion}:{o.Kind}",
                    _ => "kubernetes:helm.sh/v4:Chart",
                };
                Assert.Equal(expectedType, record.Type);
                if (item is PlannedObject)
                {
                    // Helm v4 Chart is a remote component: the mock protocol carries its provider in a map, not this
                    // string. Its provider is checked through the resource options in the parents-and-edges test.
                    Assert.EndsWith($"pulumi:providers:kubernetes::mesh-{name}::mesh-{name}_id", record.Provider!, StringComparison.Ordinal);
                }
            }
        }

        Assert.Equal(run.Plan.Clusters.Length, run.Mocks.Registered.Count(r => r.Type == "pulumi:providers:kubernetes"));
    }

    [Theory]
    [MemberData(nameof(StackFiles))]
    public async Task Items_hang_under_their_concern_component_and_depend_exactly_on_the_plan_edges(string stack)
    {
        var run = await Deployments.RunAsync(CompilationHelper.PlanFile(Repo.StackFile(stack)));
        var concernComponent = new Dictionary<Concern, string>
        {
            [Concern.Namespaces] = "meshstack:index:ClusterNamespaces",
            [Concern.Pki] = "meshstack:index:ClusterCertificateAuthority",
            [Concern.Istio] = "meshstack:index:IstioControlPlane",
            [Concern.Dns] = "meshstack:index:GlobalDns",
            [Concern.Routing] = "meshstack:index:ServiceRouting",
            [Concern.Demo] = "meshstack:index:DemoWorkloads",
            [Concern.Discovery] = "meshstack:index:EndpointDiscovery",
        };
        foreach (var cluster in run.Plan.Clusters)
        {
            var clusterComponent = Assert.IsType<MeshCluster>(run.Wiring.ByName["mesh-" + cluster.Cluster.Name].Resource);
            Assert.IsType<MeshFederation>(run.Wiring.ByName["mesh-" + cluster.Cluster.Name].Options.Parent);
            foreach (var item in cluster.Items)
            {
                var options = run.Wiring.ByName[PlanNameOf(item)].Options;
                var parent = options!.Parent!;
                Assert.Equal(concernComponent[item.Concern], parent.GetResourceType());
                Assert.Same(clusterComponent, run.Wiring.ByName[parent.GetResourceName()].Options.Parent);
                Assert.Same(clusterComponent.Provider, options.Provider);

                var dependsOn = await Deployments.ValueAsync(options!.DependsOn.ToOutput());
                Assert.Equal(
                    item.DependsOn.Select(k => $"mesh-{item.Cluster}/{k}").Concat(item.PeerDependsOn.Select(p => $"mesh-{p.Cluster}/{p.Key}")).Order(),
                    dependsOn.Select(r => r.GetResourceName()).Order());
            }
        }
    }

    [Fact]
    public async Task Auto_gateway_addresses_come_from_each_cluster_east_west_Service_and_feed_the_other_clusters()
    {
        var run = await Deployments.RunAsync(CompilationHelper.PlanFile(Repo.StackFile("three-clusters")));
        // Never a Get of a Service this program creates: the values come from the Services the gateway charts register.
        Assert.DoesNotContain(run.Mocks.Registered, r => r.Type == "kubernetes:core/v1:Service" && !string.IsNullOrEmpty(r.Id));
        Assert.Contains(run.Mocks.Registered, r => r is { Type: "kubernetes:core/v1:Service", Name: "mesh-west2/HelmRelease/istio-system/istio-eastwestgateway:istio-system/istio-eastwestgateway" });

        var addresses = await Deployments.ValueAsync(run.Federation.GatewayAddresses);
        Assert.Equal("203.0.113.2", addresses["west2"]);
        Assert.Equal("203.0.113.3", addresses["north3"]);

        // east1 consumes httpbin over egress: remote gateways are IPs, so STATIC and the egress ClusterIP.
        var entry = run.Mocks.Registered.Single(r => r.Name == "mesh-east1/ServiceEntry/istio-system/httpbin.bar.global");
        var spec = (IDictionary<string, object>)entry.Inputs["spec"];
        Assert.Equal("STATIC", spec["resolution"]);
        var endpoints = ((IEnumerable<object>)spec["endpoints"]).Cast<IDictionary<string, object>>().Select(e => (string)e["address"]).ToList();
        Assert.Equal(["10.96.0.1", "203.0.113.2", "203.0.113.3"], endpoints.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_mesh_without_a_configured_id_gets_one_random_id_and_the_demo_gets_none()
    {
        var three = await Deployments.RunAsync(CompilationHelper.PlanFile(Repo.StackFile("three-clusters")));
        var random = Assert.Single(three.Mocks.Registered, r => r.Type == "random:index/randomId:RandomId");
        Assert.Equal((double)DeployLookups.GeneratedMeshIdBytes, random.Inputs["byteLength"]);
        Assert.Equal("mesh-c0ffee01", await Deployments.ValueAsync(three.Federation.MeshId));

        var dev = await Deployments.RunAsync(CompilationHelper.PlanFile(Repo.StackFile("Pulumi.dev.yaml")));
        Assert.DoesNotContain(dev.Mocks.Registered, r => r.Type == "random:index/randomId:RandomId");
        Assert.Equal("mesh1", await Deployments.ValueAsync(dev.Federation.MeshId));
    }

    [Fact]
    public async Task Providers_use_the_cluster_context_or_a_secret_kubeconfig_and_render_per_cluster_when_asked()
    {
        var three = await Deployments.RunAsync(CompilationHelper.PlanFile(Repo.StackFile("three-clusters")));
        var east = three.Mocks.Registered.Single(r => r is { Type: "pulumi:providers:kubernetes", Name: "mesh-east1" });
        Assert.Equal("kind-east1", east.Inputs["context"]);
        Assert.False(east.Inputs.ContainsKey("renderYamlToDirectory"));
        var northArgs = (K8s.ProviderArgs)three.Wiring.ByName["provider:mesh-north3"].Args!;
        Assert.True(await Output.IsSecretAsync(northArgs.KubeConfig!.ToOutput()));

        var dev = await Deployments.RunAsync(CompilationHelper.PlanFile(Repo.StackFile("Pulumi.dev.yaml")));
        var cluster2 = dev.Mocks.Registered.Single(r => r is { Type: "pulumi:providers:kubernetes", Name: "mesh-cluster2" });
        Assert.Equal("./pulumi-rendered/cluster2", cluster2.Inputs["renderYamlToDirectory"]);
    }

    [Fact]
    public async Task In_render_mode_nothing_is_read_from_a_cluster_and_unknown_addresses_render_as_core_placeholders()
    {
        var plan = CompilationHelper.PlanFile(Repo.StackFile("three-clusters"));
        var run = await Deployments.RunAsync(plan with { Spec = plan.Spec with { RenderYamlTo = "out" } });
        Assert.DoesNotContain(run.Mocks.Registered, r => r.Name!.Contains("/lookup/", StringComparison.Ordinal));
        var addresses = await Deployments.ValueAsync(run.Federation.GatewayAddresses);
        Assert.Equal(Core.Render.YamlWriter.Placeholder(new GatewayAddressOf("west2")), addresses["west2"]);
        Assert.Equal("out/east1", run.Mocks.Registered.Single(r => r is { Type: "pulumi:providers:kubernetes", Name: "mesh-east1" }).Inputs["renderYamlToDirectory"]);
    }

    // Names carry the federation's name ("mesh" in these tests), with an alias to the cluster-only name (issue 12).
    internal static string PlanNameOf(PlanItem item) => $"mesh-{item.Cluster}/{item.Key}";
}
