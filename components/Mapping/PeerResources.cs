using System.Collections.Concurrent;
using Pulumi;

namespace MeshStack.Components.Mapping;

/// <summary>
/// The resources of every cluster of the federation by (cluster, plan key), for the plan's cross-cluster dependencies
/// (a remote secret waits for its peer's istiod and gateways). A cluster registered later answers a promise.
/// </summary>
internal sealed class PeerResources
{
    private readonly ConcurrentDictionary<(string Cluster, string Key), TaskCompletionSource<Resource>> slots = new();

    public void Register(string cluster, string key, Resource resource) => Slot(cluster, key).TrySetResult(resource);

    public Output<Resource> Of(string cluster, string key) => Output.Create(Slot(cluster, key).Task);

    /// <summary>Fails when a cross-cluster dependency was never created (a planner bug, never user input).</summary>
    public void Seal()
    {
        var missing = slots.Where(p => !p.Value.Task.IsCompleted).Select(p => $"{p.Key.Cluster}/{p.Key.Key}").Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"the plan depends on {string.Join(", ", missing)}, which no cluster of this stack creates");
        }
    }

    private TaskCompletionSource<Resource> Slot(string cluster, string key) =>
        slots.GetOrAdd((cluster, key), _ => new TaskCompletionSource<Resource>(TaskCreationOptions.RunContinuationsAsynchronously));
}
