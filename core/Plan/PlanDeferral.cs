using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Plan;

/// <summary>
/// Stack per cluster: a cluster's items that need a peer's gateway address wait while the peer's stack has not
/// deployed yet, so every layout deploys from nothing (the root stack first, then the others, then each stack that
/// printed MSH206 once more). The rest of the cluster is deployed as planned; the waiting items are left out of this
/// update and appear in the next one, when the peer's stack outputs its address.
/// </summary>
public static class PlanDeferral
{
    /// <summary>The plan without the items that need a pending peer's gateway address, and one warning per waiting item.</summary>
    public static (FederationPlan Plan, ImmutableArray<Diagnostic> Warnings) Without(FederationPlan plan, IReadOnlySet<string> pendingGateways, Func<string, string> stackOf)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(pendingGateways);
        ArgumentNullException.ThrowIfNull(stackOf);
        if (pendingGateways.Count == 0)
        {
            return (plan, []);
        }

        var warnings = ImmutableArray.CreateBuilder<Diagnostic>();
        var clusters = plan.Clusters.Select(cluster =>
        {
            var waiting = cluster.Items.Where(i => Needs(i, pendingGateways) is not null).ToDictionary(i => i.Key, i => Needs(i, pendingGateways)!, StringComparer.Ordinal);
            foreach (var (key, peer) in waiting)
            {
                warnings.Add(DiagnosticBuilder.PeerNotDeployedYet(cluster.Cluster.Name, key, peer, stackOf(peer), stackOf(cluster.Cluster.Name)));
            }

            // Items that waited on a left-out item only through a stage gate lose that edge, not their place.
            var items = cluster.Items
                .Where(i => !waiting.ContainsKey(i.Key))
                .Select(i => i.DependsOn.Any(waiting.ContainsKey) ? i with { DependsOn = [.. i.DependsOn.Where(d => !waiting.ContainsKey(d))] } : i)
                .ToImmutableArray();
            return cluster with { Items = items };
        }).ToImmutableArray();
        return (plan with { Clusters = clusters }, warnings.ToImmutable());
    }

    // The first pending peer an item's values need, or null.
    private static string? Needs(PlanItem item, IReadOnlySet<string> pending)
    {
        var values = item switch
        {
            PlannedObject o => DeferredIn(o.Manifest),
            HelmRelease r => DeferredIn(r.Values),
            _ => [],
        };
        return values.Select(v => PeerOf(v, pending)).FirstOrDefault(p => p is not null);
    }

    private static string? PeerOf(DeployValue value, IReadOnlySet<string> pending) => value switch
    {
        GatewayAddressOf g when pending.Contains(g.Cluster) => g.Cluster,
        ResolutionFor r => r.RemoteClusters.Split(',').FirstOrDefault(pending.Contains),
        EgressEndpointFor e => e.RemoteClusters.Split(',').FirstOrDefault(pending.Contains),
        _ => null,
    };

    private static IEnumerable<DeployValue> DeferredIn(Value value) => value switch
    {
        Deferred d => [d.Ref],
        Template t => t.Parts.OfType<DeployValue>(),
        MapValue m => m.Entries.SelectMany(e => DeferredIn(e.Value)),
        ListValue l => l.Items.SelectMany(DeferredIn),
        _ => [],
    };
}
