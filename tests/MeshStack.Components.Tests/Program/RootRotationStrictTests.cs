using System.Text.Json.Nodes;

namespace MeshStack.Components.Tests.Program;

/// <summary>
/// Root rotation under the strict doubles (issue 20): four <c>pulumi up</c>s (one root → two trusted → new signer → old
/// removed), each cacerts' root-cert.pem exactly the trusted roots, the Tls resources replaced only where a replace-on-change
/// field changed, generated roots protected, and a skipped phase refused before anything is registered.
/// </summary>
public class RootRotationStrictTests
{
    private static readonly StackConfig Dev = StackConfig.LiveDev;

    // The phases of RootRotationStacks. The doubles cannot wait a workload certificate lifetime between updates:
    // forceRootRetire turns the waits into warnings.
    private static readonly StackConfig Phase0 = Dev.RootPhase(0);
    private static readonly StackConfig Phase1 = Dev.RootPhase(1);
    private static readonly StackConfig Phase2 = Dev.RootPhase(2).With("forceRootRetire", "true");
    private static readonly StackConfig Phase3 = Dev.RootPhase(3).With("forceRootRetire", "true");

    private static List<string> RootCertPems(ClusterDouble world, string cluster)
    {
        var secret = world.Find(new LiveKey($"kind-{cluster}", "Secret", "istio-system", "cacerts"));
        Assert.NotNull(secret);
        var json = System.Text.Json.JsonSerializer.Serialize(secret);
        var data = JsonNode.Parse(json)!["stringData"]!;
        var bundle = (string)data["root-cert.pem"]!;
        return [.. bundle.Split("-----END CERTIFICATE-----\n", StringSplitOptions.RemoveEmptyEntries).Select(b => b.Replace("-----BEGIN CERTIFICATE-----\n", "", StringComparison.Ordinal).Trim())];
    }

    private static string ChainRoot(ClusterDouble world, string cluster)
    {
        var secret = world.Find(new LiveKey($"kind-{cluster}", "Secret", "istio-system", "cacerts"));
        var chain = (string)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(secret))!["stringData"]!["cert-chain.pem"]!;
        return chain.Split("-----END CERTIFICATE-----\n", StringSplitOptions.RemoveEmptyEntries)[1].Replace("-----BEGIN CERTIFICATE-----\n", "", StringComparison.Ordinal).Trim();
    }

    [Fact]
    public async Task Four_updates_rotate_the_root_with_root_cert_pem_exactly_the_trusted_roots_at_each_step()
    {
        var world = new ClusterDouble();
        var (_, p0) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, config: Phase0.ToString());
        var oldRoot = Assert.Single(RootCertPems(world, "cluster1"));
        Assert.StartsWith("mesh-root-ca-cert g1", oldRoot, StringComparison.Ordinal);

        var (_, p1) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, p0, config: Phase1.ToString());
        Assert.Empty(p1.Mocks.Violations);
        Assert.Empty(p1.Mocks.Replacements);
        Assert.Empty(p1.Mocks.TlsReplacements);
        foreach (var cluster in new[] { "cluster1", "cluster2" })
        {
            var roots = RootCertPems(world, cluster);
            Assert.Equal(2, roots.Count);
            Assert.Equal(oldRoot, roots[0]);
            Assert.StartsWith("mesh-root-next-cert g1", roots[1], StringComparison.Ordinal);
            Assert.Equal(oldRoot, ChainRoot(world, cluster));
        }

        var newRoot = RootCertPems(world, "cluster1")[1];
        var (_, p2) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, p1, config: Phase2.ToString());
        Assert.Empty(p2.Mocks.Violations);
        // Only the intermediates are re-signed: their ca_cert_pem and ca_private_key_pem changed; no root is replaced.
        Assert.Empty(p2.Mocks.Replacements);
        Assert.All(p2.Mocks.TlsReplacements, r => Assert.Contains("LocallySignedCert is replace-on-change", r, StringComparison.Ordinal));
        Assert.Equal(2, p2.Mocks.TlsReplacements.Count);
        foreach (var cluster in new[] { "cluster1", "cluster2" })
        {
            Assert.Equal([oldRoot, newRoot], RootCertPems(world, cluster));
            Assert.Equal(newRoot, ChainRoot(world, cluster));
        }

        var (_, p3) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, p2, config: Phase3.ToString());
        Assert.Empty(p3.Mocks.Violations);
        Assert.Empty(p3.Mocks.Replacements);
        Assert.Empty(p3.Mocks.TlsReplacements);
        foreach (var cluster in new[] { "cluster1", "cluster2" })
        {
            Assert.Equal([newRoot], RootCertPems(world, cluster));
            Assert.Equal(newRoot, ChainRoot(world, cluster));
        }

        Assert.Contains(p3.Mocks.Steps, s => s.Name == "mesh-root-ca-key" && s.Kind == StepKind.Delete);
    }

    [Fact]
    public async Task Generated_roots_are_protected_and_the_shorthand_keeps_its_resource_names()
    {
        var world = new ClusterDouble();
        var (_, p0) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, config: Phase0.ToString());

        var key = p0.Mocks.State[("tls:index/privateKey:PrivateKey", "mesh-root-ca-key")];
        var cert = p0.Mocks.State[("tls:index/selfSignedCert:SelfSignedCert", "mesh-root-ca-cert")];
        Assert.True(key.Options.Protect);
        Assert.True(cert.Options.Protect);
        Assert.False(p0.Mocks.State.Values.Single(e => e.Name == "mesh-cluster1-ca-key").Options.Protect);

        // pulumi destroy refuses to discard the root key; meshstack:unprotectRootCa for one update, then destroy goes through.
        var refused = new StrictMocks(preview: false, world, p0.Mocks);
        Assert.Throws<StrictRuleException>(refused.Finish);
        var (_, unprotected) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, p0, config: Phase0.With("unprotectRootCa", "true").ToString());
        Assert.False(unprotected.Mocks.State[("tls:index/privateKey:PrivateKey", "mesh-root-ca-key")].Options.Protect);
        var destroy = new StrictMocks(preview: false, world, unprotected.Mocks);
        destroy.Finish();
        Assert.Contains(destroy.Steps, s => s.Name == "mesh-root-ca-key" && s.Kind == StepKind.Delete);
    }

    [Fact]
    public async Task Editing_the_roots_settings_in_place_is_refused_before_anything_is_registered()
    {
        var world = new ClusterDouble();
        var (_, p0) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, config: Phase0.ToString());
        var edited = Phase0.Edit("rootCa", root => root["generate"]!["validityDays"] = 7300);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, p0, config: edited.ToString()));

        Assert.Contains("MSH094", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skipping_a_phase_or_switching_too_soon_is_refused_with_its_code()
    {
        var world = new ClusterDouble();
        var (_, p0) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, config: Phase0.ToString());

        var skipped = await Assert.ThrowsAnyAsync<Exception>(() => StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, p0, config: Phase3.ToString()));
        Assert.Contains("MSH083", skipped.ToString(), StringComparison.Ordinal);

        var (_, p1) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, p0, config: Phase1.ToString());
        var soon = await Assert.ThrowsAnyAsync<Exception>(() => StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, p1, config: Dev.RootPhase(2).ToString()));
        Assert.True(soon.ToString().Contains("MSH096", StringComparison.Ordinal), soon.ToString()[..Math.Min(3000, soon.ToString().Length)]);
    }
}
