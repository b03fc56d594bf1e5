// Embeds MeshStack in another Pulumi program with typed args: plain structure, Pulumi inputs for connections.
// Run with an argument to use Pulumi's mocks (what the packing test does); without, it is a normal Pulumi program.
using System.Collections.Immutable;
using MeshStack.Components;
using Pulumi;
using Pulumi.Testing;

static IDictionary<string, object?> Stack()
{
    // In a real program these come from cluster resources (an EKS or kind cluster's kubeconfig output).
    var alphaKubeconfig = Output.CreateSecret("apiVersion: v1\nkind: Config\ncurrent-context: alpha\n");
    var mesh = new MeshFederation("mesh", new MeshFederationArgs
    {
        MeshId = "embedded",
        RootCa = new MeshRootCaArgs { Generate = new MeshRootCaGenerateArgs { CommonName = "Embedded Root CA", Organization = "Example" } },
        Clusters =
        {
            new MeshClusterArgs { Name = "alpha", Kubeconfig = alphaKubeconfig, Gateway = new MeshGatewayArgs { Address = "192.0.2.10" } },
            new MeshClusterArgs { Name = "beta", Context = "kind-beta", Gateway = new MeshGatewayArgs { Address = "192.0.2.20" } },
        },
        Services =
        {
            new MeshServiceArgs { Name = "web", Namespace = "shop", Clusters = { "beta" }, Ports = { new MeshServicePortArgs { Name = "http", Number = 80, Protocol = "http" } } },
        },
    });

    // Export the federation's state: the next run reads it back, so no address ever moves.
    return new Dictionary<string, object?>
    {
        [MeshFederation.StateOutputName("mesh")] = mesh.State,
        ["gatewayAddresses"] = mesh.GatewayAddresses,
    };
}

if (args is ["--mocks"])
{
    var (resources, _) = await Deployment.TestAsync(new EchoMocks(), new TestOptions { IsPreview = false }, Stack);
    Console.WriteLine($"federations={resources.OfType<MeshFederation>().Count()} clusters={resources.Count(r => r.GetResourceType() == "meshstack:index:MeshCluster")} resources={resources.Length}");
    return 0;
}

return await Deployment.RunAsync(Stack);

/// <summary>Echoes inputs and supplies the PEMs Pulumi.Tls would compute.</summary>
internal sealed class EchoMocks : IMocks
{
    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        var outputs = args.Inputs.ToBuilder();
        outputs["privateKeyPem"] = "-----BEGIN PRIVATE KEY-----\nmock\n-----END PRIVATE KEY-----\n";
        outputs["certPem"] = "-----BEGIN CERTIFICATE-----\nmock\n-----END CERTIFICATE-----\n";
        outputs["certRequestPem"] = "-----BEGIN CERTIFICATE REQUEST-----\nmock\n-----END CERTIFICATE REQUEST-----\n";
        return Task.FromResult<(string?, object)>((args.Name + "_id", outputs.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(ImmutableDictionary<string, object>.Empty);
}
