// Embeds MeshStack in another Pulumi program: compile a stack description with core, register it with the components.
// Run with an argument to use Pulumi's mocks (what the packing test does); without, it is a normal Pulumi program.
using System.Collections.Immutable;
using MeshStack.Components;
using MeshStack.Core;
using Pulumi;
using Pulumi.Testing;

const string Mesh = """
config:
  meshstack:meshId: embedded
  meshstack:rootCa:
    generate: { commonName: Embedded Root CA, organization: Example, algorithm: ecdsa-p256, validityDays: 3650 }
  meshstack:clusters:
    - { name: alpha, context: kind-alpha, gateway: { address: 192.0.2.10 } }
    - { name: beta, context: kind-beta, gateway: { address: 192.0.2.20 } }
  meshstack:services:
    - { name: web, namespace: shop, clusters: [beta], ports: [{ name: http, number: 80, protocol: http }] }
  meshstack:addressPool: 240.0.0.0/16
""";

static IDictionary<string, object?> Stack()
{
    var result = MeshCompiler.CompileStackFile(Mesh);
    if (!result.Succeeded)
    {
        foreach (var d in result.Errors)
        {
            Log.Error(d.Format("embedded"));
        }

        throw new RunException("invalid mesh configuration");
    }

    var mesh = new MeshFederation("mesh", new MeshFederationArgs { Plan = result.Plan });
    return new Dictionary<string, object?> { ["gatewayAddresses"] = mesh.GatewayAddresses, ["addressTable"] = mesh.AddressTable };
}

if (args is ["--mocks"])
{
    var (resources, _) = await Deployment.TestAsync(new EchoMocks(), new TestOptions { IsPreview = false }, Stack);
    Console.WriteLine($"federations={resources.OfType<MeshFederation>().Count()} clusters={resources.OfType<MeshCluster>().Count()} resources={resources.Length}");
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
