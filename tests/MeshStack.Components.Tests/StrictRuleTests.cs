using System.Collections.Immutable;
using MeshStack.Components.Tests.Support;
using Pulumi;
using Pulumi.Testing;
using K8s = Pulumi.Kubernetes;
using K8sAdm = Pulumi.Kubernetes.Types.Inputs.AdmissionRegistration.V1;
using K8sCore = Pulumi.Kubernetes.Types.Inputs.Core.V1;
using K8sMeta = Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace MeshStack.Components.Tests;

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

    private sealed class IstioOperatorArgs() : K8s.ApiExtensions.CustomResourceArgs("install.istio.io/v1alpha1", "IstioOperator");
}
