using System.Collections.Immutable;
using MeshStack.Components.Mapping;
using MeshStack.Core.Plan;
using Pulumi;

namespace MeshStack.Components;

/// <summary>Inputs of the per-concern components: the plan items of one concern in one cluster (created by <see cref="MeshCluster"/>).</summary>
internal sealed class ClusterItemsArgs : ResourceArgs
{
    /// <summary>The items, in plan order.</summary>
    public required ImmutableArray<PlanItem> Items { get; init; }

    internal ClusterContext Context { get; init; } = null!;
}
