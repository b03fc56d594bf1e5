using System.Text.Json.Nodes;

namespace MeshStack.Components.Tests.Program;

/// <summary>
/// A root rotation across per-cluster stacks under the strict doubles (issue 20): the root stack (prod-east1) leads one
/// phase at a time and is refused while another stack has not deployed the last phase (MSH218); a cluster stack whose
/// config is not what the root stack deployed is refused (MSH217); each is refused before anything is registered.
/// </summary>
public class PerClusterRotationStrictTests
{
    private static readonly StackConfig PerCluster = StackConfig.Of("three-clusters").With("stackMode", "per-cluster").RootPhase(0);

    // The phases of RootRotationStacks. The doubles cannot wait a workload certificate lifetime between updates:
    // forceRootRetire turns the waits into warnings (MSH085); the phase order (MSH218, MSH217) is never forced.
    private static readonly string Phase0 = PerCluster.ToString();
    private static readonly string Phase1 = PerCluster.RootPhase(1).ToString();
    private static readonly string Phase2 = PerCluster.RootPhase(2).With("forceRootRetire", "true").ToString();

    // Each stack's last up, which its next run reads back as its own outputs.
    private readonly Dictionary<string, StrictPhase> last = new(StringComparer.Ordinal);

    private async Task<(StrictPhase Preview, StrictPhase Up)> Up(string stack, ClusterDouble world, string config)
    {
        var run = await StrictDeployments.PreviewAndUpAsync($"Pulumi.{stack}.yaml", world, last.GetValueOrDefault(stack), config: config);
        last[stack] = run.Up;
        return run;
    }

    private static string ChainRoot(ClusterDouble world, string context)
    {
        var secret = world.Find(new LiveKey(context, "Secret", "istio-system", "cacerts"));
        var chain = (string)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(secret))!["stringData"]!["cert-chain.pem"]!;
        return chain.Split("-----END CERTIFICATE-----\n", StringSplitOptions.RemoveEmptyEntries)[1];
    }

    [Fact]
    public async Task The_root_stack_switches_the_signer_only_after_every_cluster_stack_trusts_the_new_root()
    {
        var world = new ClusterDouble();
        foreach (var stack in new[] { "prod-east1", "prod-west2", "prod-north3" })
        {
            await Up(stack, world, Phase0);
        }

        await Up("prod-east1", world, Phase1);

        // west2 and north3 still trust only 'ca': a leaf of 'next' from east1 would be refused there.
        var runs = world.Runs.Count;
        var behind = await Assert.ThrowsAnyAsync<Exception>(() => Up("prod-east1", world, Phase2));
        Assert.Contains("MSH218 at meshstack:signingRoot", behind.ToString(), StringComparison.Ordinal);
        Assert.All(world.Runs.Skip(runs).SelectMany(r => r.Registered), r => Assert.Equal("pulumi:pulumi:StackReference", r.Type));

        // A cluster stack still on the old config is refused too: its cacerts would be the root stack's phase 1.
        var stale = await Assert.ThrowsAnyAsync<Exception>(() => Up("prod-west2", world, Phase0));
        Assert.Contains("MSH217 at meshstack:rootCa", stale.ToString(), StringComparison.Ordinal);

        await Up("prod-west2", world, Phase1);
        await Up("prod-north3", world, Phase1);
        var (_, switched) = await Up("prod-east1", world, Phase2);
        Assert.Empty(switched.Mocks.Violations);
        var (_, west) = await Up("prod-west2", world, Phase2);
        Assert.Empty(west.Mocks.Violations);

        // Both stacks now sign with 'next': their cert-chain.pem ends in the same root.
        Assert.Equal(ChainRoot(world, "kind-east1"), ChainRoot(world, "kind-west2"));
    }

    [Fact]
    public async Task A_cluster_added_that_sorts_before_the_root_joins_as_a_follower_and_the_root_stack_keeps_the_root_CA()
    {
        var world = new ClusterDouble();
        foreach (var stack in new[] { "prod-east1", "prod-west2", "prod-north3" })
        {
            await Up(stack, world, Phase0);
        }

        // 'a0' sorts before 'east1': by name alone it would be the root and mint new root keys nobody trusts.
        var withA0 = PerCluster.Edit("clusters", list => list.AsArray().Add(JsonNode.Parse("""{"name":"a0","context":"kind-a0","gateway":{"address":"auto"}}"""))).ToString();
        var (_, a0) = await Up("prod-a0", world, withA0);
        Assert.Empty(a0.Mocks.Violations);
        Assert.DoesNotContain(a0.Mocks.Registered, r => r.Type == "meshstack:index:RootCertificateAuthority");
        Assert.DoesNotContain(a0.Mocks.Registered, r => r.Type == "tls:index/privateKey:PrivateKey" && r.Name!.Contains("root", StringComparison.Ordinal));
        Assert.Equal(ChainRoot(world, "kind-east1"), ChainRoot(world, "kind-a0"));

        // The root stack stays the root: its next update keeps its root CA (no protected resource is deleted).
        var (_, east) = await Up("prod-east1", world, withA0);
        Assert.Empty(east.Mocks.Violations);
        Assert.Contains(east.Mocks.Registered, r => r.Type == "meshstack:index:RootCertificateAuthority");
    }
}
