using System.Collections.Concurrent;
using Pulumi;
using K8s = Pulumi.Kubernetes;

namespace MeshStack.Components.Mapping;

/// <summary>What every resource of one cluster shares: its provider, the resolver, its name prefix, and the plan keys created so far.</summary>
/// <param name="cluster">The cluster's name in the plan.</param>
/// <param name="provider">The cluster's provider.</param>
/// <param name="resolver">The federation's deploy-time values.</param>
/// <param name="renderOnly">True when the provider only writes manifests.</param>
/// <param name="prefix">The prefix of every item's Pulumi name: the cluster component's name (default: the cluster name).</param>
/// <param name="peers">The federation's resources across clusters, for cross-cluster dependencies.</param>
internal sealed class ClusterContext(string cluster, K8s.Provider provider, DeployValueOutputs resolver, bool renderOnly = false, string? prefix = null, PeerResources? peers = null)
{
    private readonly PeerResources peers = peers ?? new PeerResources();

    private readonly ConcurrentDictionary<string, TaskCompletionSource<Resource>> byKey = new(StringComparer.Ordinal);

    public string Cluster { get; } = cluster;

    public K8s.Provider Provider { get; } = provider;

    public DeployValueOutputs Resolver { get; } = resolver;

    /// <summary>True when the provider only writes manifests to a folder: nothing may be read from the cluster.</summary>
    public bool RenderOnly { get; } = renderOnly;

    /// <summary>Whether objects marked to survive destroy are retained (on a live cluster; never in render mode).</summary>
    public bool RetainsOnDelete { get; init; } = !renderOnly;

    /// <summary>The prefix of every item's Pulumi name (the cluster component's name).</summary>
    public string Prefix { get; } = prefix ?? cluster;

    /// <summary>The Pulumi name of a plan item: the cluster component's name and the plan key, unique in the stack.</summary>
    public string NameOf(Core.Plan.PlanItem item) => $"{Prefix}/{item.Key}";

    /// <summary>The name an item had before names carried the federation's name (<c>cluster/key</c>): its alias.</summary>
    public static string PreviousNameOf(Core.Plan.PlanItem item) => $"{item.Cluster}/{item.Key}";

    /// <summary>The resources registered so far, by plan key.</summary>
    public IReadOnlyDictionary<string, Resource> Registered =>
        byKey.Where(p => p.Value.Task.IsCompletedSuccessfully).ToDictionary(p => p.Key, p => p.Value.Task.Result, StringComparer.Ordinal);

    /// <summary>Records the resource created for a plan key.</summary>
    public void Register(string key, Resource resource)
    {
        Slot(key).SetResult(resource);
        peers.Register(Cluster, key, resource);
    }

    /// <summary>
    /// The resources behind plan keys, as dependsOn. Keys of other concerns may be created later in the same
    /// cluster, so each is a promise that <see cref="Seal"/> fails if the key never appears.
    /// </summary>
    public InputList<Resource> DependsOn(IEnumerable<string> keys, IEnumerable<Core.Plan.PeerDependency>? peerKeys = null)
    {
        var list = new InputList<Resource>();
        foreach (var key in keys)
        {
            list.Add(Output.Create(Slot(key).Task));
        }

        foreach (var peer in peerKeys ?? [])
        {
            list.Add(peers.Of(peer.Cluster, peer.Key));
        }

        return list;
    }

    /// <summary>Fails with the key when a dependency was never created (a planner bug, never user input).</summary>
    public void Seal()
    {
        var missing = byKey.Where(p => !p.Value.Task.IsCompleted).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"cluster {Cluster}: the plan depends on {string.Join(", ", missing)}, which no item creates");
        }
    }

    private TaskCompletionSource<Resource> Slot(string key) =>
        byKey.GetOrAdd(key, _ => new TaskCompletionSource<Resource>(TaskCreationOptions.RunContinuationsAsynchronously));
}
