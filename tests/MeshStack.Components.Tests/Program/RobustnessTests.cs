using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using MeshStack.Core;
using Pulumi;
using Pulumi.Testing;
using K8s = Pulumi.Kubernetes;
using K8sInputs = Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace MeshStack.Components.Tests.Program;

/// <summary>
/// The Pulumi side of robustness: a bad config registers nothing; credentials stay Pulumi secrets and appear in no
/// other input, output or stack output; a second run with the previous address table registers the same thing.
/// </summary>
public class RobustnessTests
{
    private static readonly TestOptions Options = new() { IsPreview = false, ProjectName = "meshstack", StackName = "dev", OrganizationName = "organization" };

    private static readonly string CatalogueFolder = Path.Combine(Repo.Root, "tests", "MeshStack.Core.Tests", "Fixtures", "bad");

    // Inputs that carry a credential on purpose; each must be a Pulumi secret (checked below), and no other input may carry one.
    private static readonly HashSet<(string Type, string Input)> SecretCarriers =
    [
        ("pulumi:providers:kubernetes", "kubeconfig"),
        ("tls:index/locallySignedCert:LocallySignedCert", "caPrivateKeyPem"),
        ("tls:index/certRequest:CertRequest", "privateKeyPem"),
        ("kubernetes:core/v1:Secret", "stringData"),
        ("tls:index/privateKey:PrivateKey", "privateKeyPem"),
    ];

    /// <summary>Catalogue files a Pulumi config can express (Pulumi's own YAML reader refuses the malformed ones before MeshStack runs).</summary>
    public static TheoryData<string> PulumiExpressibleCatalogue()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CatalogueFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            // MSH001/MSH005: Pulumi's YAML reader refuses the file first. An unknown top-level key is never read by the program:
            // Pulumi offers no list of a stack's keys, so only `meshstack validate` reports it (a known limit, in the README text).
            if (text.Contains("# expect-code: MSH001", StringComparison.Ordinal) || text.Contains("# expect-code: MSH005", StringComparison.Ordinal)
                || Path.GetFileName(file) == "unknown-top-level-key.yaml"
                || text.Contains("# expect-lock-file:", StringComparison.Ordinal))  // the program's table is a stack output: see below
            {
                continue;
            }

            try
            {
                PulumiConfig.FromStackFile(text);
                data.Add(Path.GetFileName(file));
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidCastException or KeyNotFoundException or System.Text.Json.JsonException)
            {
                // not a stack Pulumi could load
            }
        }

        return data;
    }

    [Fact]
    public void Most_of_the_catalogue_reaches_the_program() => Assert.True(PulumiExpressibleCatalogue().Count >= 40);

    [Theory]
    [MemberData(nameof(PulumiExpressibleCatalogue))]
    public async Task A_bad_config_from_the_catalogue_registers_nothing(string name)
    {
        var config = PulumiConfig.FromStackFile(File.ReadAllText(Path.Combine(CatalogueFolder, name)));
        var mocks = new RecordingMocks();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PulumiConfig.WithAsync(config, () => Deployment.TestAsync(mocks, Options, MeshProgram.BodyAsync)));
        Assert.Contains("configuration has errors", error.ToString(), StringComparison.Ordinal);
        // A config that does not read stops before anything is asked of the engine; one that reads but does not compile
        // (a dead route, a plan check) stops after the one read of the stack's own outputs the compile needs.
        Assert.All(mocks.Registered, r => Assert.Equal("pulumi:pulumi:StackReference", r.Type));
        if (Core.MeshCompiler.Read(Core.Config.JsonConfigLoader.FromPulumiValues(
            System.Text.Json.Nodes.JsonNode.Parse(config)!.AsObject().Where(kv => kv.Key.StartsWith("meshstack:", StringComparison.Ordinal))
                .Select(kv => KeyValuePair.Create(kv.Key["meshstack:".Length..], kv.Value!.ToString()))).Document).Succeeded is false)
        {
            Assert.Empty(mocks.Registered);
        }
    }

    [Fact]
    public async Task Credentials_appear_in_no_input_output_or_stack_output_except_as_pulumi_secrets()
    {
        var secrets = new RobustnessSecrets();
        var mocks = new RecordingMocks();
        var (_, outputs) = await PulumiConfig.WithAsync(PulumiConfig.FromStackFile(secrets.Text), () => Deployment.TestAsync(mocks, Options, MeshProgram.BodyAsync));

        var leaks = new List<string>();
        foreach (var (key, value) in outputs)
        {
            var text = value is Output<string> s ? await Deployments.ValueAsync(s)
                : value is Output<Dictionary<string, string>> d ? string.Join(",", (await Deployments.ValueAsync(d)).Values)
                : throw new InvalidOperationException($"stack output {key}: unexpected type");
            leaks.AddRange(secrets.Leaks(text).Select(l => $"stack output {key}: {l}"));
        }

        Assert.True(mocks.Registered.Count > 20);
        foreach (var r in mocks.Registered)
        {
            foreach (var (input, value) in r.Inputs.Where(i => !SecretCarriers.Contains((r.Type!, i.Key))))
            {
                leaks.AddRange(secrets.Leaks(Flatten(value)).Select(l => $"{r.Type} {r.Name} input {input}: {l}"));
            }
        }

        Assert.Empty(leaks);
        var kubeconfig = mocks.Registered.Single(r => r is { Type: "pulumi:providers:kubernetes", Name: "mesh-cluster1" }).Inputs["kubeconfig"];
        Assert.Contains(RobustnessSecrets.Token, (string)kubeconfig, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inline_kubeconfigs_imported_root_keys_and_every_key_input_are_pulumi_secrets()
    {
        var secrets = new RobustnessSecrets();
        var result = CompilationHelper.Compile(secrets.Text, options: new CompileOptions { Now = DateTimeOffset.UtcNow });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var run = await Deployments.RunAsync(result.Plan!);

        var provider = (K8s.ProviderArgs)run.Wiring.ByName["provider:mesh-cluster1"].Args!;
        Assert.True(await Output.IsSecretAsync(provider.KubeConfig!.ToOutput()));
        Assert.Equal(RobustnessSecrets.Kubeconfig + "\n", await Deployments.ValueAsync(provider.KubeConfig!.ToOutput()));
        foreach (var cluster in result.Plan!.Clusters.Select(c => c.Cluster.Name))
        {
            var cert = (Pulumi.Tls.LocallySignedCertArgs)run.Wiring.ByName[$"mesh-{cluster}-ca-cert"].Args!;
            Assert.True(await Output.IsSecretAsync(cert.CaPrivateKeyPem.ToOutput()), $"{cluster} root key");
            Assert.Equal(secrets.KeyPem, await Deployments.ValueAsync(cert.CaPrivateKeyPem.ToOutput()));
            var csr = (Pulumi.Tls.CertRequestArgs)run.Wiring.ByName[$"mesh-{cluster}-ca-csr"].Args!;
            Assert.True(await Output.IsSecretAsync(csr.PrivateKeyPem.ToOutput()), $"{cluster} intermediate key");
            var cacerts = (K8sInputs.SecretArgs)run.Wiring.ByName[$"mesh-{cluster}/Secret/istio-system/cacerts"].Args!;
            Assert.True(await Output.IsSecretAsync(cacerts.StringData.ToOutput().Apply(d => d["ca-key.pem"])), $"{cluster} cacerts");
        }
    }

    /// <summary>The damaged lock files of the catalogue, given to the program as its previous addressTable stack output.</summary>
    public static TheoryData<string> DamagedAddressTables()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CatalogueFolder, "*.lock.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DamagedAddressTables))]
    public async Task A_damaged_previous_address_table_stops_the_run_instead_of_re_addressing(string name)
    {
        var config = PulumiConfig.FromStackFile(File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml")));
        var mocks = new RecordingMocks { PreviousOutputs = ImmutableDictionary<string, object>.Empty.Add(MeshProgram.AddressTableOutput, File.ReadAllText(Path.Combine(CatalogueFolder, name))) };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PulumiConfig.WithAsync(config, () => Deployment.TestAsync(mocks, Options, MeshProgram.BodyAsync)));
        Assert.Contains("configuration has errors", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(mocks.Registered, r => r.Type != "pulumi:pulumi:StackReference");
    }

    [Fact]
    public async Task A_removed_service_keeps_its_address_reserved_in_the_address_table_output()
    {
        var config = PulumiConfig.FromStackFile(File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml")));
        var mocks = new RecordingMocks { PreviousOutputs = ImmutableDictionary<string, object>.Empty.Add(MeshProgram.AddressTableOutput, "{\"httpbin.bar\": \"240.0.0.2\", \"gone.bar\": \"240.0.0.9\"}") };
        var (_, outputs) = await PulumiConfig.WithAsync(config, () => Deployment.TestAsync(mocks, Options, MeshProgram.BodyAsync));
        var read = MeshStack.Core.Addressing.AddressTableReader.Read(await Deployments.ValueAsync((Output<string>)outputs[MeshProgram.AddressTableOutput]!));
        var freed = Assert.Single(read.Table!.Freed);
        Assert.Equal(("240.0.0.9", "gone.bar"), (freed.Address.ToString(), freed.Service));
        Assert.NotNull(freed.FreedOn);  // the program dates reservations, so they end after the documented 30 days
    }

    [Fact]
    public async Task A_second_run_with_the_previous_address_table_registers_exactly_the_same_resources()
    {
        // The fixture names no contexts: rendered, so no provider would connect anywhere (MSH200 otherwise).
        var json = System.Text.Json.Nodes.JsonNode.Parse(PulumiConfig.FromStackFile(File.ReadAllText(Path.Combine(Repo.Root, "tests", "MeshStack.Core.Tests", "Fixtures", "routing", "diff-add-service.yaml"))))!.AsObject();
        json["meshstack:renderYamlTo"] = "./rendered-test";
        var config = json.ToJsonString();
        var first = new RecordingMocks();
        var (_, outputs) = await PulumiConfig.WithAsync(config, () => Deployment.TestAsync(first, Options, MeshProgram.BodyAsync));
        var table = await Deployments.ValueAsync((Output<string>)outputs[MeshProgram.AddressTableOutput]!);
        var record = await Deployments.ValueAsync((Output<string>)outputs[MeshProgram.DeploymentOutput]!);

        var second = new RecordingMocks
        {
            PreviousOutputs = ImmutableDictionary<string, object>.Empty.Add(MeshProgram.AddressTableOutput, table).Add(MeshProgram.DeploymentOutput, record),
        };
        var (_, again) = await PulumiConfig.WithAsync(config, () => Deployment.TestAsync(second, Options, MeshProgram.BodyAsync));

        Assert.Equal(table, await Deployments.ValueAsync((Output<string>)again[MeshProgram.AddressTableOutput]!));
        Assert.Equal(Describe(first), Describe(second));
    }

    private static List<string> Describe(RecordingMocks mocks) => mocks.Registered
        .Where(r => r.Type != "pulumi:pulumi:StackReference")
        .Select(r => $"{r.Type} {r.Name} {string.Join(";", r.Inputs.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}={Flatten(i.Value)}"))}")
        .Order(StringComparer.Ordinal)
        .ToList();

    // Every string and number under a mock input, in a stable order.
    private static string Flatten(object? value)
    {
        var text = new StringBuilder();
        void Walk(object? v)
        {
            switch (v)
            {
                case null:
                    break;
                case string s:
                    text.Append(s).Append('|');
                    break;
                case IDictionary dictionary:
                    foreach (var key in dictionary.Keys.Cast<object>().OrderBy(k => k.ToString(), StringComparer.Ordinal))
                    {
                        text.Append(key).Append('=');
                        Walk(dictionary[key]);
                    }

                    break;
                case IEnumerable items:
                    foreach (var item in items)
                    {
                        Walk(item);
                    }

                    break;
                default:
                    text.Append(Convert.ToString(v, CultureInfo.InvariantCulture)).Append('|');
                    break;
            }
        }

        Walk(value);
        return text.ToString();
    }
}
