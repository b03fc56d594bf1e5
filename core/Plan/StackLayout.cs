using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Plan;

/// <summary>
/// How <c>stackMode: per-cluster</c> maps clusters onto Pulumi stacks, so every stack reads the same config: the stack
/// named <c>&lt;prefix&gt;&lt;cluster&gt;</c> (the cluster's name, or any prefix ending in <c>-</c>, e.g. <c>prod-cluster1</c>)
/// deploys that cluster. The stack of <see cref="RootCluster"/> (the first cluster name in ordinal order, whatever the order
/// of the config) holds the root CA, the generated mesh ID and the address table; the others read them, and each other's
/// gateway addresses, through stack references.
/// </summary>
public sealed record StackLayout(string Cluster, string RootCluster, string Prefix)
{
    /// <summary>True for the stack that creates the root CA.</summary>
    public bool IsRoot => Cluster == RootCluster;

    /// <summary>The stack that deploys a cluster (same prefix).</summary>
    public string StackOf(string cluster) => Prefix + cluster;

    /// <summary>The layout for a stack name, or MSH093 when the name names no configured cluster.</summary>
    public static (StackLayout? Layout, Diagnostic? Problem) For(MeshSpec spec, string stackName)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return For(spec.Clusters.Select(c => c.Name), stackName);
    }

    private static (StackLayout? Layout, Diagnostic? Problem) For(IEnumerable<string> clusterNames, string stackName)
    {
        ArgumentNullException.ThrowIfNull(stackName);
        var names = clusterNames.Order(StringComparer.Ordinal).ToList();
        var match = names
            .Where(n => stackName == n || stackName.EndsWith("-" + n, StringComparison.Ordinal))
            .OrderByDescending(n => n.Length)
            .FirstOrDefault();
        if (match is null || names.Count == 0)
        {
            return (null, Codes.StackNotACluster.At("meshstack:stackMode",
                $"stack '{stackName}' names no cluster; with stackMode per-cluster name each stack after its cluster " +
                $"('<env>-<cluster>', e.g. '{(names.Count > 0 ? "prod-" + names[0] : "prod-cluster1")}'); clusters: {string.Join(", ", names)}"));
        }

        return (new StackLayout(match, names[0], stackName[..^match.Length]), null);
    }

    /// <summary>
    /// The layout with the root stack the deployed stacks recorded (<paramref name="recordedRoots"/>, from their
    /// deployment records): the root stack holds the root CA keys, so it never moves, whatever clusters are added
    /// (one that sorts first) or removed. MSH220 when the recorded root's cluster left the config or the records disagree.
    /// </summary>
    public (StackLayout? Layout, Diagnostic? Problem) KeepingRoot(IReadOnlyCollection<string> recordedRoots, IEnumerable<string> clusterNames)
    {
        ArgumentNullException.ThrowIfNull(recordedRoots);
        ArgumentNullException.ThrowIfNull(clusterNames);
        if (recordedRoots.Count == 0)
        {
            return (this, null);
        }

        if (recordedRoots.Count > 1)
        {
            return (null, Codes.RootStackMoved.At("meshstack:clusters",
                $"the deployed stacks name different root stacks ({string.Join(", ", recordedRoots)}): only one of them holds the root CA keys the federation trusts. Find it (the stack with the rootPrivateKeyPem output) and restore the others' deployment outputs from their history"));
        }

        var root = recordedRoots.First();
        var cluster = clusterNames.FirstOrDefault(c => StackOf(c) == root);
        if (cluster is null)
        {
            return (null, Codes.RootStackMoved.At("meshstack:clusters",
                $"the root stack {root} holds the federation's root CA keys, but its cluster is no longer in meshstack:clusters; another stack would become the root and mint new root keys the deployed clusters do not trust. " +
                $"Keep the cluster '{(root.StartsWith(Prefix, StringComparison.Ordinal) ? root[Prefix.Length..] : root)}' in the config (it stays the root)"));
        }

        return (this with { RootCluster = cluster }, null);
    }
}
