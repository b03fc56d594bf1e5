using MeshStack.Core.Pki;
using Pulumi;
using K8sInputs = Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace MeshStack.Components.Tests;

public class SecretTests
{
    [Fact]
    public async Task Every_cacerts_file_is_a_secret_and_the_chain_is_intermediate_then_root()
    {
        // Deployed, not rendered: render mode writes the key as a placeholder (ProgramUnderStrictDoublesTests).
        var dev = CompilationHelper.PlanFile(Path.Combine(Repo.Root, "Pulumi.dev.yaml"));
        var run = await Deployments.RunAsync(dev with { Spec = dev.Spec with { RenderYamlTo = null } });
        foreach (var cluster in run.Plan.Clusters.Select(c => c.Cluster.Name))
        {
            var args = (K8sInputs.SecretArgs)run.Wiring.ByName[$"mesh-{cluster}/Secret/istio-system/cacerts"].Args!;
            var data = args.StringData;
            foreach (var file in CaFiles.All.Select(CaFiles.FileName))
            {
                Assert.True(await Output.IsSecretAsync(data.ToOutput().Apply(d => d[file])), $"{cluster} {file}");
            }

            var registered = (IDictionary<string, object>)run.Mocks.Registered.Single(r => r.Name == $"mesh-{cluster}/Secret/istio-system/cacerts").Inputs["stringData"];
            Assert.Equal(registered["ca-cert.pem"] + (string)registered["root-cert.pem"], registered["cert-chain.pem"]);
            Assert.Contains($"mesh-{cluster}-ca-key", (string)registered["ca-key.pem"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Key_material_never_reaches_a_component_output()
    {
        var run = await Deployments.RunAsync(CompilationHelper.PlanFile(Path.Combine(Repo.Root, "Pulumi.dev.yaml")));
        var outputs = new[]
        {
            await Deployments.ValueAsync(run.Federation.RootCertificatePem),
            await Deployments.ValueAsync(run.Federation.AddressTable),
            string.Join(",", (await Deployments.ValueAsync(run.Federation.GatewayAddresses)).Values),
        };
        Assert.DoesNotContain(outputs, o => o.Contains("PRIVATE KEY", StringComparison.Ordinal));
        Assert.Contains("CERTIFICATE", outputs[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imported_root_key_is_a_secret_and_signs_every_intermediate()
    {
        var plan = CompilationHelper.PlanFile(Path.Combine(Repo.Root, "Pulumi.dev.yaml"));
        var imported = plan with { Spec = plan.Spec with { Trust = Core.Model.TrustSpec.Single(new Core.Model.RootCaSpec.Import("-----BEGIN CERTIFICATE-----\norg\n-----END CERTIFICATE-----\n", new("-----BEGIN PRIVATE KEY-----\norg\n-----END PRIVATE KEY-----\n", true))) } };
        var run = await Deployments.RunAsync(imported);
        Assert.DoesNotContain(run.Mocks.Registered, r => r.Type == "tls:index/selfSignedCert:SelfSignedCert");
        foreach (var cluster in plan.Clusters.Select(c => c.Cluster.Name))
        {
            var args = (Pulumi.Tls.LocallySignedCertArgs)run.Wiring.ByName[$"mesh-{cluster}-ca-cert"].Args!;
            Assert.True(await Output.IsSecretAsync(args.CaPrivateKeyPem.ToOutput()));
            Assert.Equal("-----BEGIN PRIVATE KEY-----\norg\n-----END PRIVATE KEY-----\n", await Deployments.ValueAsync(args.CaPrivateKeyPem.ToOutput()));
        }
    }

    [Fact]
    public async Task Intermediates_follow_core_certificate_profile()
    {
        var run = await Deployments.RunAsync(CompilationHelper.PlanFile(Path.Combine(Repo.Root, "Pulumi.dev.yaml")));
        foreach (var cluster in run.Plan.Clusters)
        {
            var request = cluster.IntermediateCertificate;
            var cert = run.Mocks.Registered.Single(r => r.Name == $"mesh-{cluster.Cluster.Name}-ca-cert");
            Assert.Equal((double)request.ValidityHours, cert.Inputs["validityPeriodHours"]);
            Assert.Equal((double)request.EarlyRenewalHours, cert.Inputs["earlyRenewalHours"]);
            Assert.Equal(true, cert.Inputs["isCaCertificate"]);
            Assert.Equal(request.AllowedUses, ((IEnumerable<object>)cert.Inputs["allowedUses"]).Cast<string>());
            var csr = run.Mocks.Registered.Single(r => r.Name == $"mesh-{cluster.Cluster.Name}-ca-csr");
            Assert.Equal(request.CommonName, ((IDictionary<string, object>)csr.Inputs["subject"])["commonName"]);
        }
    }
}
