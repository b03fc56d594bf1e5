using MeshStack.Components.Mapping;
using MeshStack.Core.Model;
using MeshStack.Core.Pki;
using MeshStack.Core.Plan;
using Pulumi;
using K8s = Pulumi.Kubernetes;
using Random = Pulumi.Random;
using Tls = Pulumi.Tls;

namespace MeshStack.Components.Bench;

/// <summary>
/// The baseline: the resources <see cref="MeshFederation"/> registers, created flat on the stack with no component tree.
/// Same providers, same Tls/Random resources, the same deploy-time value wiring and the components' own mapping
/// (<see cref="PlanItemRegistrar"/>, <see cref="LiveDns"/>), so the difference is the ComponentResources alone.
/// </summary>
public static class DirectRegistration
{
    /// <summary>Registers every cluster of the plan; call inside a Pulumi deployment.</summary>
    public static void Register(FederationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var resolver = new DeployValueOutputs();
        var referenced = ReferencedValues.Of(plan.Spec, plan.Clusters);

        // Root CA, as RootCertificateAuthority.
        Output<string> rootCert;
        Output<string> rootKey;
        if (plan.Spec.RootCa is RootCaSpec.Import import)
        {
            rootCert = Output.Create(import.CertificatePem);
            rootKey = Output.CreateSecret(import.KeyPem.Value ?? "");
        }
        else
        {
            var request = plan.RootCertificate;
            var key = new Tls.PrivateKey("mesh-root-ca-key", TlsMapping.Key(request.Algorithm));
            var cert = new Tls.SelfSignedCert("mesh-root-ca-cert", TlsMapping.SelfSigned(request, key.PrivateKeyPem));
            rootCert = cert.CertPem;
            rootKey = Output.CreateSecret(key.PrivateKeyPem);
        }

        if (plan.Spec.MeshId is null)
        {
            var id = new Random.RandomId("mesh-mesh-id", new Random.RandomIdArgs
            {
                ByteLength = DeployLookups.GeneratedMeshIdBytes,
                Prefix = DeployLookups.GeneratedMeshIdPrefix,
            });
            resolver.Provide(new GeneratedMeshId(), id.Hex);
        }

        var gateways = new List<Output<string>>();
        foreach (var cluster in plan.Clusters)
        {
            gateways.Add(Cluster(plan.Spec, cluster, resolver, rootCert, rootKey,
                referenced.Where(v => DeployLookups.For(plan.Spec, v)?.Cluster == cluster.Cluster.Name).ToList()));
        }

        resolver.Seal();
        _ = Output.All(gateways);
    }

    // As MeshCluster and its concern components, every resource parented to the stack.
    private static Output<string> Cluster(MeshSpec spec, ClusterPlan plan, DeployValueOutputs resolver, Output<string> rootCert, Output<string> rootKey, List<DeployValue> lookups)
    {
        var name = plan.Cluster.Name;
        var provider = new K8s.Provider(name, new K8s.ProviderArgs
        {
            Context = plan.Cluster.Connection.Context is { } context ? (Input<string>)context : null,
            KubeConfig = plan.Cluster.Connection.Kubeconfig?.Value is { } kubeconfig ? (Input<string>)Output.CreateSecret(kubeconfig) : null,
            EnableServerSideApply = true,
        });
        var clusterContext = new ClusterContext(name, provider, resolver);
        var items = plan.Items.ToLookup(i => i.Concern);

        var request = plan.IntermediateCertificate;
        var key = new Tls.PrivateKey($"{name}-ca-key", TlsMapping.Key(request.Algorithm));
        var csr = new Tls.CertRequest($"{name}-ca-csr", new Tls.CertRequestArgs
        {
            PrivateKeyPem = key.PrivateKeyPem,
            Subject = TlsMapping.RequestSubject(request),
        });
        var cert = new Tls.LocallySignedCert($"{name}-ca-cert", TlsMapping.LocallySigned(request, csr.CertRequestPem, rootKey, rootCert));
        var files = new Dictionary<CaFile, Output<string>>
        {
            [CaFile.CaCert] = cert.CertPem,
            [CaFile.CaKey] = key.PrivateKeyPem,
            [CaFile.RootCert] = rootCert,
            [CaFile.CertChain] = TlsMapping.Chain(cert.CertPem, rootCert),
        };
        foreach (var file in CaFiles.All)
        {
            resolver.Provide(new CaFileOf(name, file), Output.CreateSecret(files[file]));
        }

        // No parent: the registrar's options then parent each resource to the stack.
        Resource stack = null!;
        PlanItemRegistrar.RegisterAll(items[Concern.Pki], clusterContext, stack);
        foreach (var concern in new[] { Concern.Namespaces, Concern.Istio, Concern.Dns, Concern.Routing, Concern.Demo })
        {
            if (concern == Concern.Dns)
            {
                LiveDns.ProvideMerges(items[concern], clusterContext, stack);
            }

            PlanItemRegistrar.RegisterAll(items[concern], clusterContext, stack);
        }

        clusterContext.Seal();
        foreach (var value in lookups)
        {
            resolver.Provide(value, ServiceLookups.Read(DeployLookups.For(spec, value)!, plan, clusterContext, parent: null));
        }

        return PlanContext.GatewayAddressOf(plan.Cluster) switch
        {
            Scalar { Content: string address } => Output.Create(address),
            var deferred => ValueConverter.ToText(deferred, resolver)!,
        };
    }
}
