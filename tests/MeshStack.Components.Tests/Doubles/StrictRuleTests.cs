using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;
using K8s = Pulumi.Kubernetes;
using K8sAdm = Pulumi.Kubernetes.Types.Inputs.AdmissionRegistration.V1;
using K8sCore = Pulumi.Kubernetes.Types.Inputs.Core.V1;
using K8sMeta = Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace MeshStack.Components.Tests.Doubles;

/// <summary>Each strict rule fires on a minimal program that breaks it, and stays quiet when the program does it right.</summary>
public class StrictRuleTests
{
    // A minimal program runs inside a probe component that carries the doubles' option recorder, then the run ends as
    // the engine ends it (deletes last).
    private static async Task<ImmutableArray<Resource>> RunAsync(StrictMocks mocks, Action program)
    {
        var resources = await Deployment.TestAsync(mocks, new TestOptions { IsPreview = mocks.Preview, ProjectName = "rules", StackName = "test" }, program);
        mocks.Finish();
        return resources;
    }

    // The engine reports a failed step as the run's error; the doubles also record which rule failed it.
    private static async Task<StrictRuleException> FailsAsync(StrictMocks mocks, Action program)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(mocks, program));
        var violation = mocks.Violations.FirstOrDefault() ?? throw new Xunit.Sdk.XunitException($"no strict rule fired: {error}");
        var rule = violation[1..violation.IndexOf(']', StringComparison.Ordinal)];
        Assert.Contains(violation, error.ToString(), StringComparison.Ordinal);
        return new StrictRuleException(rule, violation[(rule.Length + 3)..]);
    }

    private static K8s.Provider Provider(string name, K8s.ProviderArgs? args = null) => new(name, args ?? new K8s.ProviderArgs());

    private static CustomResourceOptions On(K8s.Provider provider) => new() { Provider = provider };

    private static K8sMeta.ObjectMetaArgs Meta(string name, string? ns = null, InputMap<string>? annotations = null, InputMap<string>? labels = null) =>
        new() { Name = name, Namespace = ns!, Annotations = annotations ?? [], Labels = labels ?? [] };

    [Fact]
    public async Task CheckConfig_rejects_a_context_next_to_renderYamlToDirectory()
    {
        var rule = await FailsAsync(new StrictMocks(preview: true), () =>
            Provider("cluster1", new K8s.ProviderArgs { Context = "kind-cluster1", RenderYamlToDirectory = "out/cluster1" }));
        Assert.Equal(StrictRules.CheckConfig, rule.Rule);
        Assert.Contains("\"context\" arg is not compatible with \"renderYamlToDirectory\" arg", rule.Message, StringComparison.Ordinal);

        var ok = new StrictMocks(preview: true);
        await RunAsync(ok, () => Provider("cluster1", new K8s.ProviderArgs { RenderYamlToDirectory = "out/cluster1" }));
        Assert.Empty(ok.Violations);
    }

    [Fact]
    public async Task ReadBeforeCreate_fails_a_Get_of_an_object_the_program_creates_even_in_preview_but_reads_pre_existing_objects()
    {
        var rule = await FailsAsync(new StrictMocks(preview: true), () =>
        {
            var provider = Provider("cluster1");
            var created = new K8s.Core.V1.Namespace("foo", new K8sCore.NamespaceArgs { Metadata = Meta("foo") }, On(provider));
            _ = K8s.Core.V1.Namespace.Get("foo-read", "foo", new CustomResourceOptions { Provider = provider, DependsOn = created });
        });
        Assert.Equal(StrictRules.ReadBeforeCreate, rule.Rule);
        Assert.Contains("resource 'foo' does not exist", rule.Message, StringComparison.Ordinal);

        var ok = new StrictMocks(preview: true);
        await RunAsync(ok, () => K8s.Core.V1.ConfigMap.Get("coredns", "kube-system/coredns", On(Provider("cluster1"))));
        Assert.Empty(ok.Violations);
    }

    [Fact]
    public async Task EmptyId_fails_a_Get_whose_id_is_unknown_in_preview_because_the_SDK_registers_an_empty_object()
    {
        var rule = await FailsAsync(new StrictMocks(preview: true), () =>
        {
            var provider = Provider("cluster1");
            var service = new K8s.Core.V1.Service("gw", new K8sCore.ServiceArgs { Metadata = Meta("gw", "istio-system") }, On(provider));
            _ = K8s.Core.V1.Service.Get("gw-read", service.Id, On(provider));
        });
        Assert.Equal(StrictRules.EmptyId, rule.Rule);
    }

    [Fact]
    public async Task DuplicateUrns_fails_two_resources_of_one_type_and_name()
    {
        var rule = await FailsAsync(new StrictMocks(preview: true), () =>
        {
            var provider = Provider("cluster1");
            _ = new K8s.Core.V1.Namespace("cluster1/Namespace/-/foo", new K8sCore.NamespaceArgs { Metadata = Meta("foo") }, On(provider));
            _ = new K8s.Core.V1.Namespace("cluster1/Namespace/-/foo", new K8sCore.NamespaceArgs { Metadata = Meta("foo") }, On(provider));
        });
        Assert.Equal(StrictRules.DuplicateUrns, rule.Rule);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task SecretReplacement_records_a_Secret_data_change_as_a_replacement_unless_secrets_are_mutable(bool mutable, int replacements)
    {
        void Program(string value) => _ = new K8s.Core.V1.Secret("cacerts", new K8sCore.SecretArgs
        {
            Metadata = Meta("cacerts", "istio-system"),
            StringData = { ["ca-cert.pem"] = value },
        }, On(Provider("cluster1", new K8s.ProviderArgs { EnableSecretMutable = mutable })));

        var first = new StrictMocks(preview: false);
        await RunAsync(first, () => Program("old"));
        var second = new StrictMocks(preview: false, previous: first);
        await RunAsync(second, () => Program("renewed"));
        Assert.Equal(replacements, second.Replacements.Count);
    }

    [Fact]
    public async Task LoadBalancerTimeout_fails_an_awaited_LoadBalancer_Service_without_a_load_balancer_controller_unless_skipAwait()
    {
        static void Program(InputMap<string> annotations) => _ = new K8s.Core.V1.Service("gw", new K8sCore.ServiceArgs
        {
            Metadata = Meta("gw", "istio-system", annotations),
            Spec = new K8sCore.ServiceSpecArgs { Type = "LoadBalancer" },
        }, On(Provider("cluster1")));

        var rule = await FailsAsync(new StrictMocks(preview: false, new ClusterDouble { LoadBalancerController = false }), () => Program([]));
        Assert.Equal(StrictRules.LoadBalancerTimeout, rule.Rule);

        var ok = new StrictMocks(preview: false, new ClusterDouble { LoadBalancerController = false });
        await RunAsync(ok, () => Program(new InputMap<string> { ["pulumi.com/skipAwait"] = "true" }));
        Assert.Empty(ok.Violations);
    }

    [Fact]
    public async Task AlreadyExistsOnCreate_fails_the_update_not_the_preview_unless_the_provider_upserts()
    {
        static void Program(bool upsert) => _ = new K8s.Core.V1.Namespace("istio-system", new K8sCore.NamespaceArgs { Metadata = Meta("istio-system") },
            On(Provider("cluster1", new K8s.ProviderArgs { UpsertExistingObjects = upsert })));

        var cluster = new ClusterDouble().With("cluster1", "Namespace", null, "istio-system");
        await RunAsync(new StrictMocks(preview: true, cluster), () => Program(false));
        var rule = await FailsAsync(new StrictMocks(preview: false, cluster), () => Program(false));
        Assert.Equal(StrictRules.AlreadyExistsOnCreate, rule.Rule);

        var ok = new StrictMocks(preview: false, cluster);
        await RunAsync(ok, () => Program(true));
        Assert.Empty(ok.Violations);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task SsaConflict_fails_an_update_of_a_field_istiod_took_over_unless_forced(bool force, bool conflicts)
    {
        void Program(string chart) => _ = new K8s.AdmissionRegistration.V1.ValidatingWebhookConfiguration("validator", new K8sAdm.ValidatingWebhookConfigurationArgs
        {
            Metadata = Meta("istiod-default-validator", labels: new InputMap<string> { ["helm.sh/chart"] = chart }),
        }, On(Provider("cluster1", new K8s.ProviderArgs { EnablePatchForce = force })));

        var first = new StrictMocks(preview: false);
        await RunAsync(first, () => Program("base-1.30.3"));
        var second = new StrictMocks(preview: false, previous: first);
        if (conflicts)
        {
            Assert.Equal(StrictRules.SsaConflict, (await FailsAsync(second, () => Program("base-1.30.4"))).Rule);
        }
        else
        {
            await RunAsync(second, () => Program("base-1.30.4"));
            Assert.Empty(second.Violations);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Custom_resources_complete_at_once_so_an_operator_made_Service_exists_for_later_steps_only_when_the_CR_is_awaited(bool waitFor)
    {
        void Program()
        {
            var provider = Provider("cluster1");
            var annotations = waitFor ? new InputMap<string> { ["pulumi.com/waitFor"] = "jsonpath={.status.status}=HEALTHY" } : [];
            var operatorCr = new K8s.ApiExtensions.CustomResource("iop", new IstioOperatorArgs { Metadata = Meta("iop", "istio-system", annotations) }, On(provider));
            _ = operatorCr.Id.Apply(_ => K8s.Core.V1.Service.Get("ingress", "istio-system/istio-ingressgateway", On(provider)).Urn);
        }

        if (waitFor)
        {
            var ok = new StrictMocks(preview: false);
            await RunAsync(ok, Program);
            Assert.Empty(ok.Violations);
        }
        else
        {
            Assert.Equal(StrictRules.ReadBeforeCreate, (await FailsAsync(new StrictMocks(preview: false), Program)).Rule);
        }
    }

    [Fact]
    public void EncryptedConfig_fails_a_stack_file_whose_secure_value_cannot_be_decrypted()
    {
        var file = Path.Combine(Path.GetTempPath(), $"Pulumi.strict-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "config:\n  meshstack:rootCa:\n    import:\n      keyPem:\n        secure: v1:cGxhY2Vob2xkZXI=:cGxhY2Vob2xkZXI=\n");
        try
        {
            var rule = Assert.Throws<StrictRuleException>(() => StrictDeployments.ConfigOf(file));
            Assert.Equal(StrictRules.EncryptedConfig, rule.Rule);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Render_mode_writes_each_object_to_the_providers_1_manifest_folder_in_plaintext()
    {
        var mocks = new StrictMocks(preview: false);
        await RunAsync(mocks, () => _ = new K8s.Core.V1.Secret("s", new K8sCore.SecretArgs { Metadata = Meta("cacerts", "istio-system"), StringData = { ["k"] = Output.CreateSecret("plain") } },
            On(Provider("cluster1", new K8s.ProviderArgs { RenderYamlToDirectory = "out/cluster1" }))));
        var (path, content) = Assert.Single(mocks.RenderedFiles);
        Assert.Equal("out/cluster1/1-manifest/v1-secret-istio-system-cacerts.yaml", path);
        Assert.Contains("plain", content, StringComparison.Ordinal);
    }

    // Options reach the doubles through a transformation on a parent component, as in MeshStack's own runs.
    private sealed class Probe : ComponentResource
    {
        public Probe(StrictMocks mocks)
            : base("test:index:Probe", "probe", new ComponentResourceOptions { ResourceTransformations = { mocks.Observe } })
        {
        }
    }

    private static async Task<(StrictMocks First, StrictMocks Second)> TwoRunsAsync(ClusterDouble world, Action<Probe> first, Action<Probe> second)
    {
        var one = new StrictMocks(preview: false, world);
        await RunAsync(one, () => first(new Probe(one)));
        var two = new StrictMocks(preview: false, world, one);
        await RunAsync(two, () => second(new Probe(two)));
        return (one, two);
    }

    private static K8s.Core.V1.ConfigMap ConfigMap(Probe parent, K8s.Provider provider, string data, CustomResourceOptions? extra = null) =>
        new("istio", new K8sCore.ConfigMapArgs { Metadata = Meta("istio", "istio-system"), Data = { ["mesh"] = data } },
            CustomResourceOptions.Merge(new CustomResourceOptions { Parent = parent, Provider = provider }, extra));

    private static K8s.Provider Provider(Probe parent, string context, string? identifier = null, bool upsert = false, bool mutable = false) => new("cluster1", new K8s.ProviderArgs
    {
        Context = context,
        ClusterIdentifier = identifier!,
        UpsertExistingObjects = upsert,
        EnableConfigMapMutable = mutable,
    }, new CustomResourceOptions { Parent = parent });

    [Theory]
    [InlineData(null, true, 1)]   // no identifier, upsert: create through the new provider adopts, the old provider's delete removes it
    [InlineData("cluster1", true, 0)]   // an unchanged identifier drops the replacement
    public async Task ProviderReplaced_a_changed_context_replaces_every_resource_create_first_unless_the_cluster_identifier_is_unchanged(string? identifier, bool upsert, int deletes)
    {
        var world = new ClusterDouble();
        world.SameCluster["kind-cluster1-renamed"] = "kind-cluster1";
        var (_, second) = await TwoRunsAsync(world,
            p => ConfigMap(p, Provider(p, "kind-cluster1", identifier, upsert), "a"),
            p => ConfigMap(p, Provider(p, "kind-cluster1-renamed", identifier, upsert), "a"));
        Assert.Equal(deletes, world.Deleted.Count());
        Assert.Equal(deletes, second.Steps.Count(s => s.Why.Contains(StrictEngine.ProviderReplaced, StringComparison.Ordinal) && s.Type.StartsWith("kubernetes:core", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ProviderReplaced_without_upsert_the_create_through_the_new_provider_fails_with_AlreadyExists_and_nothing_is_deleted()
    {
        var world = new ClusterDouble();
        world.SameCluster["kind-cluster1-renamed"] = "kind-cluster1";
        var one = new StrictMocks(preview: false, world);
        await RunAsync(one, () => { var p = new Probe(one); ConfigMap(p, Provider(p, "kind-cluster1"), "a"); });
        var two = new StrictMocks(preview: false, world, one);
        Assert.Equal(StrictRules.AlreadyExistsOnCreate, (await FailsAsync(two, () => { var p = new Probe(two); ConfigMap(p, Provider(p, "kind-cluster1-renamed"), "a"); })).Rule);
        Assert.Empty(world.Deleted);
    }

    [Theory]
    [InlineData(false, StepKind.ReplaceDeleteFirst)]
    [InlineData(true, StepKind.Update)]
    public async Task ForceNew_a_ConfigMap_data_change_replaces_delete_first_unless_config_maps_are_mutable(bool mutable, StepKind expected)
    {
        var world = new ClusterDouble();
        var (_, second) = await TwoRunsAsync(world,
            p => ConfigMap(p, Provider(p, "kind-cluster1", "c1", mutable: mutable), "1.30.3"),
            p => ConfigMap(p, Provider(p, "kind-cluster1", "c1", mutable: mutable), "1.31.0"));
        Assert.Equal(expected, second.Steps.Single(s => s.Type == "kubernetes:core/v1:ConfigMap").Kind);
        Assert.Equal(mutable ? 0 : 1, world.Deleted.Count());
    }

    [Fact]
    public async Task ProtectedResource_a_protected_resource_is_neither_replaced_nor_deleted()
    {
        var world = new ClusterDouble();
        var protect = new CustomResourceOptions { Protect = true };
        var one = new StrictMocks(preview: false, world);
        await RunAsync(one, () => { var p = new Probe(one); ConfigMap(p, Provider(p, "kind-cluster1", "c1"), "a", protect); });

        var replaced = new StrictMocks(preview: true, world, one);
        Assert.Equal(StrictRules.ProtectedResource, (await FailsAsync(replaced, () => { var p = new Probe(replaced); ConfigMap(p, Provider(p, "kind-cluster1", "c1"), "b", protect); })).Rule);

        var deleted = new StrictMocks(preview: false, world, one);
        await Deployment.TestAsync(deleted, new TestOptions { IsPreview = false, ProjectName = "rules", StackName = "test" }, () => { });
        Assert.Equal(StrictRules.ProtectedResource, Assert.Throws<StrictRuleException>(deleted.Finish).Rule);
        Assert.Empty(world.Deleted);
    }

    [Fact]
    public async Task UpdateOfMissing_an_update_through_an_unchanged_identifier_on_another_cluster_fails_with_not_found_and_creates_nothing()
    {
        var world = new ClusterDouble();
        var one = new StrictMocks(preview: false, world);
        await RunAsync(one, () => { var p = new Probe(one); ConfigMap(p, Provider(p, "kind-cluster2", "c1", mutable: true), "a"); });

        var two = new StrictMocks(preview: false, world, one);
        var failure = await FailsAsync(two, () => { var p = new Probe(two); ConfigMap(p, Provider(p, "kind-cluster2b", "c1", mutable: true), "b"); });
        Assert.Equal(StrictRules.UpdateOfMissing, failure.Rule);
        Assert.DoesNotContain(world.Events, e => e.Object.Target == "kind-cluster2b");
    }

    [Fact]
    public async Task UnreachableCluster_deletes_on_a_cluster_that_does_not_answer_fail_unless_an_update_set_deleteUnreachable_first()
    {
        var world = new ClusterDouble();
        var one = new StrictMocks(preview: false, world);
        await RunAsync(one, () => { var p = new Probe(one); ConfigMap(p, Provider(p, "kind-gone", "c1"), "a"); });
        world.Unreachable["kind-gone"] = true;

        var atOnce = new StrictMocks(preview: false, world, one);
        await Deployment.TestAsync(atOnce, new TestOptions { IsPreview = false, ProjectName = "rules", StackName = "test" }, () => { });
        Assert.Equal(StrictRules.UnreachableCluster, Assert.Throws<StrictRuleException>(atOnce.Finish).Rule);

        var marked = new StrictMocks(preview: false, world, one);
        await RunAsync(marked, () =>
        {
            var p = new Probe(marked);
            var provider = new K8s.Provider("cluster1", new K8s.ProviderArgs { Context = "kind-gone", ClusterIdentifier = "c1", DeleteUnreachable = true }, new CustomResourceOptions { Parent = p });
            ConfigMap(p, provider, "a");
        });
        Assert.Equal(StepKind.Same, marked.Steps.Single(s => s.Name == "istio").Kind);

        var removed = new StrictMocks(preview: false, world, marked);
        await Deployment.TestAsync(removed, new TestOptions { IsPreview = false, ProjectName = "rules", StackName = "test" }, () => { });
        removed.Finish();
        Assert.Contains(removed.Steps, s => s is { Kind: StepKind.Forget, Name: "istio" });
        Assert.Empty(removed.Violations);
    }

    [Fact]
    public async Task A_removed_resource_is_deleted_at_the_end_a_retained_one_is_only_forgotten_and_an_aliased_rename_moves_state()
    {
        var world = new ClusterDouble();
        var (_, second) = await TwoRunsAsync(world,
            p =>
            {
                var provider = Provider(p, "kind-cluster1", "c1");
                ConfigMap(p, provider, "a");
                _ = new K8s.Core.V1.ConfigMap("kept", new K8sCore.ConfigMapArgs { Metadata = Meta("kept", "istio-system") }, new CustomResourceOptions { Parent = p, Provider = provider, RetainOnDelete = true });
                _ = new K8s.Core.V1.ConfigMap("gone", new K8sCore.ConfigMapArgs { Metadata = Meta("gone", "istio-system") }, new CustomResourceOptions { Parent = p, Provider = provider });
            },
            p => _ = new K8s.Core.V1.ConfigMap("istio-renamed", new K8sCore.ConfigMapArgs { Metadata = Meta("istio", "istio-system"), Data = { ["mesh"] = "a" } },
                new CustomResourceOptions { Parent = p, Provider = Provider(p, "kind-cluster1", "c1"), Aliases = { new Alias { Name = "istio" } } }));
        Assert.Equal(StepKind.Same, second.Steps.Single(s => s.Name == "istio-renamed").Kind);
        Assert.Equal(["kind-cluster1:ConfigMap/istio-system/gone"], world.Deleted);
        Assert.Contains(second.Steps, s => s is { Kind: StepKind.Forget, Name: "kept" });
    }

    [Fact]
    public async Task A_refreshed_field_another_manager_changed_is_a_diff_every_time_unless_ignored()
    {
        async Task<StepKind> SecondRun(List<string> ignore)
        {
            var world = new ClusterDouble();
            var options = new CustomResourceOptions { IgnoreChanges = ignore };
            void Program(Probe p) => _ = new K8s.AdmissionRegistration.V1.ValidatingWebhookConfiguration("validator", new K8sAdm.ValidatingWebhookConfigurationArgs
            {
                Metadata = Meta("istiod-default-validator"),
                Webhooks =
                {
                    new K8sAdm.ValidatingWebhookArgs
                    {
                        Name = "validation.istio.io",
                        FailurePolicy = "Ignore",
                        AdmissionReviewVersions = { "v1" },
                        SideEffects = "None",
                        ClientConfig = new K8sAdm.WebhookClientConfigArgs { CaBundle = "" },
                    },
                },
            }, CustomResourceOptions.Merge(new CustomResourceOptions { Parent = p, Provider = Provider(p, "kind-cluster1", "c1") }, options));
            var one = new StrictMocks(preview: false, world);
            await RunAsync(one, () => Program(new Probe(one)));
            one.Refresh();
            var two = new StrictMocks(preview: false, world, one);
            await RunAsync(two, () => Program(new Probe(two)));
            return two.Steps.Single(s => s.Name == "validator").Kind;
        }

        Assert.Equal(StepKind.Update, await SecondRun([]));
        Assert.Equal(StepKind.Same, await SecondRun(["webhooks[*].failurePolicy", "webhooks[*].clientConfig.caBundle"]));
    }

    private sealed class IstioOperatorArgs() : K8s.ApiExtensions.CustomResourceArgs("install.istio.io/v1alpha1", "IstioOperator");
}
