using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Pulumi;
using Pulumi.Testing;
using Tls = Pulumi.Tls;

namespace MeshStack.Components.Tests.Program;

// Stack per cluster (issue 9): the same config in every stack; the stack name picks the cluster; the root stack shares
// the root CA (key as a secret output), the mesh ID and the address table; peers' gateway addresses come from their stacks.
public class PerClusterStackTests
{
    private const string RootKey = "-----BEGIN PRIVATE KEY-----\nroot-from-east1\n-----END PRIVATE KEY-----\n";

    private static string Config()
    {
        var config = JsonNode.Parse(PulumiConfig.FromStackFile(File.ReadAllText(Repo.StackFile("three-clusters"))))!.AsObject();
        config["meshstack:stackMode"] = "per-cluster";
        return config.ToJsonString();
    }

    private static TestOptions Stack(string name) => new() { IsPreview = false, ProjectName = "meshstack", StackName = name, OrganizationName = "organization" };

    private static ImmutableDictionary<string, object> Outputs(params (string Key, object Value)[] entries) =>
        entries.ToImmutableDictionary(e => e.Key, e => e.Value);

    private static RecordingMocks PeerMocks() => new()
    {
        StackOutputs = ImmutableDictionary<string, ImmutableDictionary<string, object>>.Empty
            .Add("organization/meshstack/prod-east1", Outputs(
                ("rootCertificatePem", "-----BEGIN CERTIFICATE-----\nroot-from-east1\n-----END CERTIFICATE-----\n"),
                ("rootPrivateKeyPem", RootKey),
                ("meshId", "mesh-5eed0001"),
                ("gatewayAddresses", Outputs(("east1", "198.51.100.1")))))
            .Add("organization/meshstack/prod-west2", Outputs(("gatewayAddresses", Outputs(("west2", "198.51.100.2")))))
            .Add("organization/meshstack/prod-north3", Outputs(("gatewayAddresses", Outputs(("north3", "198.51.100.3"))))),
        StackSecretOutputNames = ImmutableDictionary<string, ImmutableArray<object>>.Empty
            .Add("organization/meshstack/prod-east1", ["rootPrivateKeyPem"]),
    };

    private static bool IsK8s(MockResourceArgs r) => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal) || r.Type == "pulumi:providers:kubernetes";

    [Fact]
    public async Task A_cluster_stack_registers_only_its_cluster_and_reads_root_and_peer_addresses_from_other_stacks()
    {
        var mocks = PeerMocks();
        var (resources, outputs) = await PulumiConfig.WithAsync(Config(), () => Deployment.TestAsync(mocks, Stack("prod-west2"), MeshProgram.BodyAsync));

        Assert.All(mocks.Registered.Where(IsK8s), r => Assert.StartsWith("mesh-west2", r.Name!, StringComparison.Ordinal));
        Assert.Single(mocks.Registered, r => r.Type == "pulumi:providers:kubernetes");
        Assert.DoesNotContain(mocks.Registered, r => r.Type == "meshstack:index:RootCertificateAuthority");
        Assert.DoesNotContain(mocks.Registered, r => r.Type == "random:index/randomId:RandomId");
        Assert.Contains(mocks.Registered, r => r is { Type: "pulumi:pulumi:StackReference", Name: "organization/meshstack/prod-east1" });

        // The intermediate is signed with the root stack's key, which stays a secret.
        var cert = resources.OfType<Tls.LocallySignedCert>().Single();
        Assert.Equal(RootKey, Assert.Single(mocks.Registered, r => r.Type == "tls:index/locallySignedCert:LocallySignedCert").Inputs["caPrivateKeyPem"]);
        var federation = resources.OfType<MeshFederation>().Single();
        Assert.True(await Output.IsSecretAsync(federation.RootPrivateKeyPem));
        Assert.Equal(RootKey, await Deployments.ValueAsync(federation.RootPrivateKeyPem));
        Assert.Equal("mesh-5eed0001", await Deployments.ValueAsync(federation.MeshId));
        Assert.NotNull(cert);

        // west2 consumes reviews from east1: the endpoint is east1's address as east1's stack outputs it.
        var entry = Assert.Single(mocks.Registered, r => r.Name == "mesh-west2/ServiceEntry/istio-system/reviews.shop.global");
        var endpoints = ((IEnumerable<object>)((IDictionary<string, object>)entry.Inputs["spec"])["endpoints"]).Cast<IDictionary<string, object>>();
        Assert.Contains(endpoints, e => (string)e["address"] == "198.51.100.1");

        // No key crosses out of a non-root stack.
        Assert.DoesNotContain(MeshProgram.RootPrivateKeyOutput, outputs.Keys);
        var own = await Deployments.ValueAsync((Output<Dictionary<string, string>>)outputs["gatewayAddresses"]!);
        Assert.Equal(["west2"], own.Keys);
    }

    [Fact]
    public async Task The_root_stack_creates_the_root_CA_and_outputs_its_key_only_as_a_secret()
    {
        var mocks = PeerMocks();
        var (_, outputs) = await PulumiConfig.WithAsync(Config(), () => Deployment.TestAsync(mocks, Stack("prod-east1"), MeshProgram.BodyAsync));
        Assert.All(mocks.Registered.Where(IsK8s), r => Assert.StartsWith("mesh-east1", r.Name!, StringComparison.Ordinal));
        Assert.Single(mocks.Registered, r => r.Type == "meshstack:index:RootCertificateAuthority");
        Assert.Single(mocks.Registered, r => r.Type == "random:index/randomId:RandomId");
        var key = (Output<string>)outputs[MeshProgram.RootPrivateKeyOutput]!;
        Assert.True(await Output.IsSecretAsync(key));
        Assert.False(await Output.IsSecretAsync((Output<string>)outputs["rootCertificatePem"]!));
    }

    [Fact]
    public async Task A_stack_name_that_names_no_cluster_fails_with_MSH093_and_registers_nothing()
    {
        var mocks = PeerMocks();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PulumiConfig.WithAsync(Config(), () => Deployment.TestAsync(mocks, Stack("prod-south9"), MeshProgram.BodyAsync)));
        Assert.Contains("configuration has errors", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(mocks.Registered);
    }
}
