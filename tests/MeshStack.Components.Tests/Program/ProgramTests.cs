using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Pulumi;
using Pulumi.Testing;

namespace MeshStack.Components.Tests.Program;

public class ProgramTests
{
    private static readonly TestOptions Options = new() { IsPreview = false, ProjectName = "meshstack", StackName = "dev", OrganizationName = "organization" };

    private static string DevConfig() => PulumiConfig.FromStackFile(File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml")));

    [Fact]
    public async Task The_dev_stack_registers_the_federation_and_outputs_addresses_and_the_root_certificate_but_no_key()
    {
        var mocks = new RecordingMocks();
        var (resources, outputs) = await PulumiConfig.WithAsync(DevConfig(), () => Deployment.TestAsync(mocks, Options, MeshProgram.BodyAsync));
        Assert.Single(resources.OfType<MeshFederation>());
        Assert.Equal(["addressTable", "deployment", "gatewayAddresses", "meshId", "rootCertificatePem", "trustedRootsPem"], outputs.Keys.Order(StringComparer.Ordinal));
        var table = await Deployments.ValueAsync((Output<string>)outputs["addressTable"]!);
        Assert.Equal("240.0.0.2", JsonNode.Parse(table)!["httpbin.bar"]!.GetValue<string>());
        var addresses = await Deployments.ValueAsync((Output<Dictionary<string, string>>)outputs["gatewayAddresses"]!);
        Assert.Equal("172.18.255.2", addresses["cluster2"]);
        Assert.DoesNotContain("PRIVATE KEY", await Deployments.ValueAsync((Output<string>)outputs["rootCertificatePem"]!), StringComparison.Ordinal);
        Assert.Contains(mocks.Registered, r => r is { Type: "pulumi:pulumi:StackReference", Name: "organization/meshstack/dev" });
    }

    [Fact]
    public async Task A_config_with_errors_registers_nothing_and_fails()
    {
        var bad = JsonNode.Parse(DevConfig())!.AsObject();
        bad["meshstack:addressPool"] = "240.0.0.0/99";
        bad["meshstack:clusters"] = "[{\"name\": \"Not_A_Label\"}]";
        var mocks = new RecordingMocks();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PulumiConfig.WithAsync(bad.ToJsonString(), () => Deployment.TestAsync(mocks, Options, MeshProgram.BodyAsync)));
        Assert.Contains("configuration has errors", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(mocks.Registered);
    }

    [Fact]
    public async Task A_network_named_external_registers_nothing_and_fails()
    {
        // cluster1's network is called "external": its sidecars would see the remote gateway and bypass the egress
        // gateway. Validation refuses it at the network key (MSH190, once the tracer's MSH183), so the program stops first.
        var config = JsonNode.Parse(DevConfig())!.AsObject();
        config["meshstack:clusters"] = "[{\"name\":\"cluster1\",\"network\":\"external\",\"gateway\":{\"address\":\"172.18.255.1\"},\"egressGateway\":true},{\"name\":\"cluster2\",\"gateway\":{\"address\":\"172.18.255.2\"}}]";
        config["meshstack:services"] = "[{\"name\":\"httpbin\",\"namespace\":\"bar\",\"clusters\":[\"cluster2\"],\"ports\":[{\"name\":\"http1\",\"number\":8000,\"protocol\":\"http\"}],\"route\":\"egress\"}]";
        var (document, _) = Core.Config.JsonConfigLoader.FromPulumiValues(config.Select(kv => KeyValuePair.Create(kv.Key["meshstack:".Length..], kv.Value!.GetValue<string>())));
        Assert.Equal(["MSH190"], Core.MeshCompiler.Compile(document).Errors.Select(d => d.Code));

        var mocks = new RecordingMocks();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PulumiConfig.WithAsync(config.ToJsonString(), () => Deployment.TestAsync(mocks, Options, MeshProgram.BodyAsync)));
        Assert.Contains("configuration has errors", error.ToString(), StringComparison.Ordinal);
        // The program compiles once, after reading what the stack deployed before (its own outputs): that read is all
        // it asked of the engine. No cluster resource, provider or CA was registered.
        Assert.All(mocks.Registered, r => Assert.Equal("pulumi:pulumi:StackReference", r.Type));
    }

    [Fact]
    public async Task The_previous_address_table_is_read_back_so_addresses_stay_put()
    {
        var config = JsonNode.Parse(DevConfig())!.AsObject();
        config["meshstack:services"] = "[{\"name\":\"httpbin\",\"namespace\":\"bar\",\"clusters\":[\"cluster2\"],\"ports\":[{\"name\":\"http1\",\"number\":8000,\"protocol\":\"http\"}]}]";
        var mocks = new RecordingMocks { PreviousOutputs = ImmutableDictionary<string, object>.Empty.Add("addressTable", "{\"httpbin.bar\": \"240.0.7.7\"}") };
        var (_, outputs) = await PulumiConfig.WithAsync(config.ToJsonString(), () => Deployment.TestAsync(mocks, Options, MeshProgram.BodyAsync));
        var table = await Deployments.ValueAsync((Output<string>)outputs["addressTable"]!);
        Assert.Equal("240.0.7.7", JsonNode.Parse(table)!["httpbin.bar"]!.GetValue<string>());
    }
}
