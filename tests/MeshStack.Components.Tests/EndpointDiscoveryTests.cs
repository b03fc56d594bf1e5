using System.Text;
using MeshStack.Core.Plan;
using Pulumi;
using K8sInputs = Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace MeshStack.Components.Tests;

/// <summary>
/// Endpoint discovery under the strict doubles (issue 16): each cluster's reader token travels from its own token Secret's
/// data output to the other cluster's remote secret, as a Pulumi secret, never through a lookup, and never into an output.
/// </summary>
public class EndpointDiscoveryTests
{
    private const string Stack = "Pulumi.endpoints.yaml";

    private static FederationPlan Plan(bool render = false)
    {
        var plan = CompilationHelper.PlanFile(Path.Combine(Repo.Root, Stack));
        return render ? plan with { Spec = plan.Spec with { RenderYamlTo = "./pulumi-rendered" } } : plan;
    }

    private static async Task<(StrictMocks Mocks, Wiring Wiring, MeshFederation Federation)> RunAsync(bool preview, bool render = false)
    {
        var mocks = new StrictMocks(preview: preview);
        var wiring = new Wiring();
        var (_, federation) = await StrictDeployments.FederationAsync(Plan(render), mocks, wiring);
        Assert.Empty(mocks.Violations);
        return (mocks, wiring, federation);
    }

    private static IDictionary<string, object> RemoteSecretInputs(StrictMocks mocks, string holder, string peer) =>
        (IDictionary<string, object>)mocks.Registered.Single(r => r.Name == $"mesh-{holder}/Secret/istio-system/istio-remote-secret-{peer}").Inputs["stringData"];

    [Fact]
    public async Task The_token_of_each_cluster_reaches_the_peers_remote_secret_as_a_secret()
    {
        var (mocks, wiring, _) = await RunAsync(preview: false);
        foreach (var (holder, peer) in new[] { ("cluster1", "cluster2"), ("cluster2", "cluster1") })
        {
            var kubeconfig = (string)RemoteSecretInputs(mocks, holder, peer)[peer];
            var token = StrictRules.TokenOf(new ObjectRef($"mesh-{peer}", "Secret", "istio-system", "istio-reader-service-account-istio-remote-secret-token"));
            Assert.Contains($"\n    token: {token}\n", kubeconfig, StringComparison.Ordinal);
            var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes($"-----BEGIN CERTIFICATE-----\nAPI server CA of mesh-{peer}\n-----END CERTIFICATE-----\n"));
            Assert.Contains($"certificate-authority-data: {ca}\n", kubeconfig, StringComparison.Ordinal);
            Assert.Contains($"server: {Plan().Spec.FindCluster(peer)!.ApiServer}\n", kubeconfig, StringComparison.Ordinal);

            var args = (K8sInputs.SecretArgs)wiring.ByName[$"mesh-{holder}/Secret/istio-system/istio-remote-secret-{peer}"].Args!;
            Assert.True(await Output.IsSecretAsync(args.StringData.ToOutput().Apply(d => d[peer])), $"{holder}: the remote secret of {peer}");
            var provider = await Deployments.ValueAsync(wiring.ByName[$"mesh-{holder}/Secret/istio-system/istio-remote-secret-{peer}"].Options.Provider!.Urn);
            Assert.EndsWith($"::mesh-{holder}", provider, StringComparison.Ordinal);
        }

        // Taken from the created Secret's own outputs: nothing is read from a cluster.
        Assert.DoesNotContain(mocks.Registered, r => !string.IsNullOrEmpty(r.Id));
    }

    [Fact]
    public async Task The_registered_remote_secret_is_the_one_meshstack_render_writes_from_the_same_token_Secret()
    {
        var (mocks, _, _) = await RunAsync(preview: false);
        var plan = Plan();
        foreach (var (holder, peer) in new[] { ("cluster1", "cluster2"), ("cluster2", "cluster1") })
        {
            // What the token Secret's data holds is what --remote-secret-token reads from kubectl's copy of it.
            var token = StrictRules.TokenOf(new ObjectRef($"mesh-{peer}", "Secret", "istio-system", "istio-reader-service-account-istio-remote-secret-token"));
            var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes($"-----BEGIN CERTIFICATE-----\nAPI server CA of mesh-{peer}\n-----END CERTIFICATE-----\n"));
            var values = new Dictionary<DeployValue, string> { [new ReaderTokenOf(peer)] = token, [new ApiServerCaOf(peer)] = ca };
            var planned = plan.Clusters.Single(c => c.Cluster.Name == holder).Objects.Single(o => o.Name == $"istio-remote-secret-{peer}");
            var (manifest, unresolved) = Core.Render.ManifestResolver.Resolve(planned.Manifest, new Core.Render.TableResolver(values));
            Assert.Empty(unresolved);
            Assert.Equal(((Scalar)((MapValue)manifest["stringData"]!)[peer]!).Content, RemoteSecretInputs(mocks, holder, peer)[peer]);
        }
    }

    [Fact]
    public async Task Both_previews_and_updates_under_the_strict_doubles_with_the_global_layer_and_the_remote_secrets()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, Stack)).Replace("meshstack:discovery: endpoints", "meshstack:discovery: both", StringComparison.Ordinal);
        var result = CompilationHelper.Compile(text);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        foreach (var preview in new[] { true, false })
        {
            var mocks = new StrictMocks(preview: preview);
            await StrictDeployments.FederationAsync(result.Plan!, mocks, new Wiring());
            Assert.Empty(mocks.Violations);
            Assert.Contains(mocks.Registered, r => r.Name == "mesh-cluster1/ServiceEntry/istio-system/httpbin.bar.global");
            Assert.Contains(mocks.Registered, r => r.Name == "mesh-cluster2/Secret/istio-system/istio-remote-secret-cluster1");
        }
    }

    [Fact]
    public async Task In_a_first_preview_the_token_is_unknown_and_nothing_fails()
    {
        var (mocks, wiring, _) = await RunAsync(preview: true);
        var args = (K8sInputs.SecretArgs)wiring.ByName["mesh-cluster1/Secret/istio-system/istio-remote-secret-cluster2"].Args!;
        Assert.False(await Pulumi.Utilities.OutputUtilities.GetIsKnownAsync(args.StringData.ToOutput()));
        Assert.DoesNotContain("stringData", mocks.Registered.Single(r => r.Name == "mesh-cluster1/Secret/istio-system/istio-remote-secret-cluster2").Inputs.Keys);
    }

    [Fact]
    public async Task A_remote_secret_depends_on_its_peers_istiod_gateway_and_token_so_destroy_removes_it_first()
    {
        var (_, wiring, _) = await RunAsync(preview: false);
        var options = wiring.ByName["mesh-cluster1/Secret/istio-system/istio-remote-secret-cluster2"].Options;
        var names = new List<string>();
        foreach (var input in (await Deployments.ValueAsync(options.DependsOn.ToOutput())))
        {
            names.Add(input.GetResourceName());
        }

        Assert.Contains("mesh-cluster2/HelmRelease/istio-system/istiod", names);
        Assert.Contains("mesh-cluster2/HelmRelease/istio-system/istio-eastwestgateway", names);
        Assert.Contains("mesh-cluster2/Secret/istio-system/istio-reader-service-account-istio-remote-secret-token", names);
        Assert.Contains("mesh-cluster1/HelmRelease/istio-system/istio-eastwestgateway", names);
    }

    [Fact]
    public async Task The_token_never_reaches_a_component_output()
    {
        var (_, _, federation) = await RunAsync(preview: false);
        var outputs = string.Join("\n",
            await Deployments.ValueAsync(federation.RootCertificatePem),
            await Deployments.ValueAsync(federation.AddressTable),
            await Deployments.ValueAsync(federation.MeshId),
            string.Join(",", (await Deployments.ValueAsync(federation.GatewayAddresses)).Values));
        Assert.DoesNotContain("eyJhbGciOiJSUzI1NiJ9", outputs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_only_mode_writes_the_token_Secret_and_the_local_gateway_but_skips_the_remote_secrets()
    {
        var (mocks, _, _) = await RunAsync(preview: false, render: true);
        Assert.DoesNotContain(mocks.Registered, r => r.Name!.Contains("istio-remote-secret-cluster", StringComparison.Ordinal));
        Assert.Contains("./pulumi-rendered/cluster1/1-manifest/v1-secret-istio-system-istio-reader-service-account-istio-remote-secret-token.yaml", mocks.RenderedFiles.Keys);
        Assert.Contains("./pulumi-rendered/cluster2/1-manifest/networking.istio.io_v1-gateway-istio-system-cross-network-gateway.yaml", mocks.RenderedFiles.Keys);
    }
}
