using System.Text.Json.Nodes;

namespace MeshStack.Components.Tests.Program;

/// <summary>
/// The change catalogue (issue 19): every change a user makes to a deployed stack runs as run 1 → run 2 through the
/// strict doubles, which play the engine between runs (state, DiffConfig, Diff, replacements, deletes last). A change
/// either goes through with the live federation intact, no live object deleted or replaced unless the change removed
/// it and nothing it removed left behind, or is refused before anything is touched, with its code.
/// </summary>
public class ChangeCatalogueTests
{
    /// <summary>A change: the stack file whose name the stack has, the config before and after.</summary>
    public sealed record Change(string Name, string StackFile, StackConfig Before, StackConfig After, string? RefusedWith = null, Action<ClusterDouble>? Then = null)
    {
        public override string ToString() => Name;
    }

    private static readonly StackConfig Dev = StackConfig.LiveDev;
    private static readonly StackConfig Three = StackConfig.Of("three-clusters");
    private static readonly StackConfig Endpoints = StackConfig.Of("Pulumi.endpoints.yaml");

    private static JsonNode Service(string name, string ns, string home, int port) => JsonNode.Parse(
        $"{{\"name\":\"{name}\",\"namespace\":\"{ns}\",\"clusters\":[\"{home}\"],\"ports\":[{{\"name\":\"http\",\"number\":{port},\"protocol\":\"http\"}}]}}")!;

    private static readonly Change[] All =
    [
        new("add a service", "Pulumi.dev.yaml", Dev, Dev.Edit("services", s => s.AsArray().Add(Service("reviews", "shop", "cluster2", 9080)))),
        new("remove a service", "Pulumi.dev.yaml", Three, Three.Edit("services", s => s.AsArray().RemoveAt(1))),
        new("move a service to another namespace", "Pulumi.dev.yaml", Three, Three.Service("reviews", s => s["namespace"] = "store")),
        new("add a version to a service", "Pulumi.dev.yaml", Three, Three.Service("reviews", s => s["versions"] = new JsonArray("v1", "v2", "v3"))),
        new("add a cluster", "Pulumi.dev.yaml", Dev, Dev.Edit("clusters", c => c.AsArray().Add(JsonNode.Parse("{\"name\":\"cluster3\",\"context\":\"kind-cluster3\",\"gateway\":{\"address\":\"172.18.255.3\"}}")))),
        new("remove a cluster", "Pulumi.dev.yaml", Three, Three
            .Edit("clusters", c => c.AsArray().RemoveAt(2))
            .Service("httpbin", s => s["clusters"] = new JsonArray("west2"))),
        new("rename a cluster", "Pulumi.dev.yaml", Dev, Dev.Cluster("cluster2", c => c["name"] = "west").Service("httpbin", s => s["clusters"] = new JsonArray("west")), "MSH203"),
        new("upgrade Istio", "Pulumi.dev.yaml", Dev, Dev.With("istio", "{\"version\":\"1.31.0\"}")),
        new("downgrade Istio", "Pulumi.dev.yaml", Dev, Dev.With("istio", "{\"version\":\"1.29.2\"}")),
        new("switch discovery from global to endpoints", "Pulumi.endpoints.yaml", Endpoints.With("discovery", "global").Cluster("cluster1", c => c["dns"] = "proxy"), Endpoints),
        new("switch discovery from endpoints to both", "Pulumi.endpoints.yaml", Endpoints, Endpoints.With("discovery", "both")),
        new("switch dns from proxy to hosts", "Pulumi.dev.yaml", Dev, Dev.Cluster("cluster1", c => c["dns"] = "hosts")),
        new("switch dns from hosts to proxy", "Pulumi.dev.yaml", Dev.Cluster("cluster1", c => c["dns"] = "hosts"), Dev, Then: world =>
        {
            // The patch is retained on delete (DNS must keep working), so leaving hosts must write the block out first.
            var coredns = world.Find(new LiveKey("kind-cluster1", "ConfigMap", "kube-system", "coredns"))!;
            Assert.DoesNotContain(Core.Dns.GlobalBlocks.Marker, System.Text.Json.JsonSerializer.Serialize(coredns), StringComparison.Ordinal);
        }),
        new("change a gateway address", "Pulumi.dev.yaml", Dev, Dev.Cluster("cluster2", c => c["gateway"] = JsonNode.Parse("{\"address\":\"172.18.255.20\"}"))),
        new("turn render mode on for a deployed stack", "Pulumi.dev.yaml", Dev, Dev.With("renderYamlTo", "./pulumi-rendered"), "MSH201"),
        new("turn render mode off", "Pulumi.dev.yaml", Dev.With("renderYamlTo", "./pulumi-rendered"), Dev),
        new("move the render folder", "Pulumi.dev.yaml", Dev.With("renderYamlTo", "./pulumi-rendered"), Dev.With("renderYamlTo", "./elsewhere")),
        new("edit a kubeconfig that still reaches the same cluster", "Pulumi.dev.yaml", Dev, Dev.Cluster("cluster1", c =>
        {
            c.Remove("context");
            c["kubeconfig"] = EditedKubeconfig;
        })),
    ];

    public static TheoryData<string> Changes => [.. All.Select(c => c.Name)];

    // cluster1's kubeconfig after an edit (a new server port): the doubles map it onto the cluster behind kind-cluster1.
    private const string EditedKubeconfig = "apiVersion: v1\nkind: Config\nclusters: [{name: kind-cluster1, cluster: {server: 'https://127.0.0.1:40123'}}]\n";

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_leaves_the_live_federation_intact_or_is_refused_before_anything_is_touched(string name)
    {
        var change = All.Single(c => c.Name == name);
        var world = new ClusterDouble();
        world.SameCluster[StrictMocks.KubeconfigTarget(EditedKubeconfig)] = "kind-cluster1";
        var (_, first) = await StrictDeployments.PreviewAndUpAsync(change.StackFile, world, config: change.Before.ToString());
        Assert.Empty(first.Mocks.Violations);
        var before = world.Events.Count;

        if (change.RefusedWith is { } code)
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => StrictDeployments.PreviewAndUpAsync(change.StackFile, world, first, config: change.After.ToString()));
            Assert.Contains(code, error.ToString(), StringComparison.Ordinal);
            Assert.Equal(before, world.Events.Count);
            return;
        }

        var (preview, second) = await StrictDeployments.PreviewAndUpAsync(change.StackFile, world, first, config: change.After.ToString());
        Assert.Empty(preview.Mocks.Violations);
        Assert.Empty(second.Mocks.Violations);
        AssertIntact(first, second, world.Events.Skip(before).ToList());
        change.Then?.Invoke(world);
    }

    /// <summary>
    /// No object run 2 still wants was deleted (a replacement or a provider swap deletes it), and nothing run 1 had and
    /// run 2 dropped is still there, unless retained on purpose (forgotten, never deleted).
    /// </summary>
    internal static void AssertIntact(StrictPhase first, StrictPhase second, List<(string Change, LiveKey Object, string Why)> events)
    {
        var wanted = second.Mocks.State.Values.Where(e => e.Object is not null).Select(e => e.Object!).ToHashSet();
        var deletedButWanted = events.Where(e => e.Change == "deleted" && wanted.Contains(e.Object)).Select(e => $"{e.Object} ({e.Why})").ToList();
        Assert.True(deletedButWanted.Count == 0, $"live objects the change kept were deleted:\n{string.Join("\n", deletedButWanted)}");

        var world = second.Mocks.Cluster;
        var forgotten = second.Mocks.StepsOf(StepKind.Forget).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var leftBehind = first.Mocks.State.Values
            .Where(e => e.Object is { } o && !wanted.Contains(o) && !e.Type.EndsWith("Patch", StringComparison.Ordinal) && !forgotten.Contains(e.Name))
            .Where(e => e.Object!.Target.StartsWith("files:", StringComparison.Ordinal)
                ? world.Files.ContainsKey(StrictRules.RenderPath(e.Object.Target["files:".Length..], e.Type, e.Inputs))
                : world.Find(e.Object) is not null)
            .Select(e => e.Object!.ToString())
            .ToList();
        Assert.True(leftBehind.Count == 0, $"objects the change removed are still there:\n{string.Join("\n", leftBehind)}");
    }
}
