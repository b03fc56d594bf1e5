using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;
using K8s = Pulumi.Kubernetes;

namespace MeshStack.Components.Tests.Args;

/// <summary>
/// The federation as a library takes typed args with Pulumi inputs (issue 22): kubeconfigs and gateway addresses that
/// are outputs of other resources, unknown in preview, known in update; the same diagnostics as a stack file; and a
/// state it reads back by itself so addresses never move.
/// </summary>
public class TypedArgsTests
{
    // Stand-ins for the resources a user's program creates: a cluster with a kubeconfig output, a cloud load balancer.
    private sealed class FakeCluster : ComponentResource
    {
        [Output("kubeconfig")]
        public Output<string> Kubeconfig { get; private set; }

        [Output("hostname")]
        public Output<string> Hostname { get; private set; }

        public FakeCluster(string name)
            : base("test:index:Cluster", name)
        {
            var state = new K8s.Core.V1.Namespace($"{name}-marker", new Pulumi.Kubernetes.Types.Inputs.Core.V1.NamespaceArgs
            {
                Metadata = new Pulumi.Kubernetes.Types.Inputs.Meta.V1.ObjectMetaArgs { Name = $"{name}-marker" },
            }, new CustomResourceOptions { Parent = this });

            // Known only once created: unknown in preview, as a real cluster's kubeconfig and a load balancer's name are.
            Kubeconfig = state.Id.Apply(_ => $"apiVersion: v1\nkind: Config\ncurrent-context: {name}\n");
            Hostname = state.Id.Apply(_ => $"lb-{name}.elb.example.com");
            RegisterOutputs();
        }
    }

    // The snippet of issue 22, as a user writes it.
    private static MeshFederation Snippet(out FakeCluster east)
    {
        east = new FakeCluster("east");
        var eastLb = east;
        var west = new FakeCluster("west");
        return new MeshFederation("mesh", new MeshFederationArgs
        {
            MeshId = "mesh1",
            Clusters =
            {
                new MeshClusterArgs { Name = "east", Network = "net-east", Kubeconfig = east.Kubeconfig, Gateway = new MeshGatewayArgs { Address = eastLb.Hostname } },
                new MeshClusterArgs { Name = "west", Network = "net-west", Kubeconfig = west.Kubeconfig, Gateway = new MeshGatewayArgs { Address = "203.0.113.20" } },
            },
            Services =
            {
                new MeshServiceArgs { Name = "httpbin", Namespace = "bar", Clusters = { "west" }, Ports = { new MeshServicePortArgs { Name = "http", Number = 8000, Protocol = "http" } } },
                new MeshServiceArgs { Name = "reviews", Namespace = "shop", Clusters = { "east" }, Ports = { new MeshServicePortArgs { Name = "http", Number = 9080, Protocol = "http" } } },
            },
        });
    }

    private static async Task<(StrictMocks Mocks, IDictionary<string, object?> Outputs)> RunAsync(StrictMocks mocks, Func<IDictionary<string, object?>> program)
    {
        var (_, outputs) = await Deployment.TestAsync(mocks, new TestOptions { IsPreview = mocks.Preview, ProjectName = "app", StackName = "prod", OrganizationName = "org" }, program);
        mocks.Finish();
        return (mocks, outputs);
    }

    private static Dictionary<string, object?> Exported(MeshFederation mesh) =>
        new Dictionary<string, object?> { [MeshFederation.StateOutputName("mesh")] = mesh.State, ["addresses"] = mesh.AddressTable };

    private static IEnumerable<IDictionary<string, object>> Endpoints(MockResourceArgs entry) =>
        ((IEnumerable<object>)((IDictionary<string, object>)entry.Inputs["spec"])["endpoints"]).Cast<IDictionary<string, object>>();

    [Fact]
    public async Task The_issue_snippet_gives_each_provider_its_kubeconfig_output_and_each_entry_the_address_output_unknown_in_preview()
    {
        var world = new ClusterDouble();
        var (preview, _) = await RunAsync(new StrictMocks(preview: true, world), () => Exported(Snippet(out _)));
        Assert.Empty(preview.Violations);
        var previewEntry = preview.Registered.Single(r => r.Name == "mesh-west/ServiceEntry/istio-system/reviews.shop.global");
        // Unknown values are left out of a mock's inputs: the entry exists in preview, its address is not known yet.
        Assert.DoesNotContain("lb-east", System.Text.Json.JsonSerializer.Serialize(previewEntry.Inputs), StringComparison.Ordinal);

        var (up, _) = await RunAsync(new StrictMocks(preview: false, world), () => Exported(Snippet(out _)));
        Assert.Empty(up.Violations);
        var provider = up.ProviderInputs("mesh-east");
        Assert.Equal("apiVersion: v1\nkind: Config\ncurrent-context: east\n", provider["kubeconfig"]);
        Assert.Equal("meshstack:cluster:east", provider["clusterIdentifier"]);
        Assert.Contains(Endpoints(up.Registered.Single(r => r.Name == "mesh-west/ServiceEntry/istio-system/reviews.shop.global")),
            e => (string)e["address"] == "lb-east.elb.example.com");
        Assert.Contains(Endpoints(up.Registered.Single(r => r.Name == "mesh-east/ServiceEntry/istio-system/httpbin.bar.global")),
            e => (string)e["address"] == "203.0.113.20");

        // A given address is not a LoadBalancer status: nothing waits for one, nothing reads one.
        Assert.DoesNotContain(up.Registered, r => r.Type == "kubernetes:core/v1:Service" && !string.IsNullOrEmpty(r.Id));
    }

    [Fact]
    public async Task A_typed_service_account_pins_the_callers_identity_and_creates_the_home_namespace()
    {
        // Issue 21 items 7 and 8 through the typed args.
        var (up, _) = await RunAsync(new StrictMocks(preview: false), () => Exported(new MeshFederation("mesh", new MeshFederationArgs
        {
            MeshId = "mesh1",
            Clusters =
            {
                new MeshClusterArgs { Name = "east", Context = "kind-east", Gateway = new MeshGatewayArgs { Address = "203.0.113.10" } },
                new MeshClusterArgs { Name = "west", Context = "kind-west", Gateway = new MeshGatewayArgs { Address = "203.0.113.20" } },
            },
            Services =
            {
                new MeshServiceArgs { Name = "httpbin", Namespace = "bar", Clusters = { "west" }, ServiceAccount = "httpbin-runner", Ports = { new MeshServicePortArgs { Name = "http", Number = 8000, Protocol = "http" } } },
            },
        })));

        Assert.Empty(up.Violations);
        var entry = up.Registered.Single(r => r.Name == "mesh-east/ServiceEntry/istio-system/httpbin.bar.global");
        Assert.Equal(["spiffe://cluster.local/ns/bar/sa/httpbin-runner"], ((IEnumerable<object>)((IDictionary<string, object>)entry.Inputs["spec"])["subjectAltNames"]).Cast<string>());
        Assert.Contains(up.Registered, r => r.Type == "kubernetes:core/v1:NamespacePatch" && r.Name == "mesh-west/Namespace/-/bar");
    }

    [Fact]
    public async Task A_kubeconfig_input_reaches_its_provider_as_a_secret()
    {
        var wiring = new Wiring();
        await RunAsync(new StrictMocks(preview: false), () =>
        {
            var east = new FakeCluster("east");
            return Exported(new MeshFederation("mesh", new MeshFederationArgs
            {
                Clusters = { new MeshClusterArgs { Name = "east", Kubeconfig = east.Kubeconfig, Gateway = new MeshGatewayArgs { Address = "203.0.113.10" } } },
            }, new ComponentResourceOptions { ResourceTransformations = { wiring.Transformation } }));
        });
        var kubeconfig = ((K8s.ProviderArgs)wiring.ByName["provider:mesh-east"].Args).KubeConfig!;
        Assert.True(await Output.IsSecretAsync(kubeconfig.ToOutput()));
        Assert.Equal("apiVersion: v1\nkind: Config\ncurrent-context: east\n", await Deployments.ValueAsync(kubeconfig.ToOutput()));
    }

    [Fact]
    public async Task An_imported_root_certificate_output_unknown_when_the_program_runs_is_MSH214_and_registers_no_cluster()
    {
        var mocks = new StrictMocks(preview: true);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(mocks, () =>
        {
            var east = new FakeCluster("east");
            return Exported(new MeshFederation("mesh", new MeshFederationArgs
            {
                RootCa = new MeshRootCaArgs { Import = new MeshRootCaImportArgs { CertPem = east.Hostname, KeyPem = east.Kubeconfig } },
                Clusters = { new MeshClusterArgs { Name = "east", Kubeconfig = east.Kubeconfig, Gateway = new MeshGatewayArgs { Address = "203.0.113.10" } } },
            }));
        }));
        Assert.Contains("MSH214", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("rootCa.import.certPem", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(mocks.Registered, r => r.Type == "pulumi:providers:kubernetes");
    }

    [Fact]
    public async Task An_imported_root_certificate_output_known_when_the_program_runs_reaches_cores_checks()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(new StrictMocks(preview: false), () => Exported(new MeshFederation("mesh", new MeshFederationArgs
        {
            RootCa = new MeshRootCaArgs { Import = new MeshRootCaImportArgs { CertPem = Output.Create("not a certificate"), KeyPem = Output.CreateSecret("not a key") } },
            Clusters = { new MeshClusterArgs { Name = "east", Context = "kind-east", Gateway = new MeshGatewayArgs { Address = "203.0.113.10" } } },
        }))));
        Assert.DoesNotContain("MSH214", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("rootCa.import.certPem", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_typed_args_give_core_diagnostics_with_property_paths_and_register_nothing()
    {
        var mocks = new StrictMocks(preview: true);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(mocks, () =>
        {
            var mesh = new MeshFederation("mesh", new MeshFederationArgs
            {
                Clusters =
                {
                    new MeshClusterArgs { Name = "east", Context = "kind-east", Gateway = new MeshGatewayArgs { Address = "not an address!" } },
                    new MeshClusterArgs { Name = "East_2", Context = "kind-east2" },
                },
                Services = { new MeshServiceArgs { Name = "web", Namespace = "shop", Clusters = { "nowhere" }, Ports = { new MeshServicePortArgs { Name = "http", Number = 80 } }, Consumers = { "east" } } },
            });
            return Exported(mesh);
        }));
        var message = error.ToString();
        Assert.Contains("MSH040", message, StringComparison.Ordinal);
        Assert.Contains("clusters[0].gateway.address", message, StringComparison.Ordinal);
        Assert.Contains("clusters[1].name", message, StringComparison.Ordinal);
        Assert.Contains("services[0].clusters", message, StringComparison.Ordinal);
        Assert.DoesNotContain("meshstack:", message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registered);
        Assert.Contains(nameof(MeshConfigurationException), message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_handed_to_the_federation_is_refused_not_ignored()
    {
        var mocks = new StrictMocks(preview: true);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(mocks, () =>
        {
            var provider = new K8s.Provider("mine", new K8s.ProviderArgs { Context = "kind-east" });
            return Exported(new MeshFederation("mesh", new MeshFederationArgs { Clusters = { new MeshClusterArgs { Name = "east", Context = "kind-east" } } },
                new ComponentResourceOptions { Providers = { provider } }));
        }));
        Assert.Contains("MSH211", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(mocks.Registered, r => r.Type == "meshstack:index:MeshFederation");
    }

    [Fact]
    public async Task Removing_a_service_in_library_use_moves_no_other_address_because_the_federation_reads_its_state_back()
    {
        var world = new ClusterDouble();
        var first = new StrictMocks(preview: false, world);
        var (_, outputs) = await RunAsync(first, () => Exported(Snippet(out _)));
        var state = await Deployments.ValueAsync((Output<string>)outputs[MeshFederation.StateOutputName("mesh")]!);
        var before = System.Text.Json.Nodes.JsonNode.Parse(await Deployments.ValueAsync((Output<string>)outputs["addresses"]!))!;

        // Run 2 drops httpbin (allocated first, so reviews would take its address if allocated afresh).
        var second = new StrictMocks(preview: false, world, first)
        {
            PreviousOutputs = ImmutableDictionary<string, object>.Empty.Add(MeshFederation.StateOutputName("mesh"), state),
        };
        var (_, again) = await RunAsync(second, () =>
        {
            var east = new FakeCluster("east");
            var west = new FakeCluster("west");
            return Exported(new MeshFederation("mesh", new MeshFederationArgs
            {
                MeshId = "mesh1",
                Clusters =
                {
                    new MeshClusterArgs { Name = "east", Network = "net-east", Kubeconfig = east.Kubeconfig, Gateway = new MeshGatewayArgs { Address = east.Hostname } },
                    new MeshClusterArgs { Name = "west", Network = "net-west", Kubeconfig = west.Kubeconfig, Gateway = new MeshGatewayArgs { Address = "203.0.113.20" } },
                },
                Services = { new MeshServiceArgs { Name = "reviews", Namespace = "shop", Clusters = { "east" }, Ports = { new MeshServicePortArgs { Name = "http", Number = 9080, Protocol = "http" } } } },
            }));
        });
        var after = System.Text.Json.Nodes.JsonNode.Parse(await Deployments.ValueAsync((Output<string>)again["addresses"]!))!;
        // With a freed address the table is a document ({addresses, freed}); without, a flat map.
        static string AddressOf(System.Text.Json.Nodes.JsonNode table) => (table["addresses"] ?? table)["reviews.shop"]!.ToJsonString();
        Assert.Equal(AddressOf(before), AddressOf(after));
        Assert.NotNull(after["freed"]);
        Assert.Empty(second.Violations);
    }

    [Fact]
    public async Task A_stack_that_was_deployed_but_does_not_export_the_state_is_refused_with_MSH208()
    {
        var mocks = new StrictMocks(preview: true, previous: new StrictMocks(preview: false))
        {
            PreviousOutputs = ImmutableDictionary<string, object>.Empty.Add("somethingElse", "x"),
        };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(mocks, () => Exported(Snippet(out _))));
        Assert.Contains("MSH208", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("meshState", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(mocks.Registered, r => r.Name!.StartsWith("mesh-", StringComparison.Ordinal) && r.Type != "pulumi:pulumi:StackReference");
    }
}
