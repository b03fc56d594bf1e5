using System.Collections.Immutable;

namespace MeshStack.Core.Deployment;

/// <summary>
/// Per-cluster stacks: what the federation's other stacks last deployed, so a root rotation moves one phase at a time
/// on all of them (<see cref="ClusterStackTrust"/>). The Pulumi program reads each other stack's <c>deployment</c>
/// output through a stack reference.
/// </summary>
/// <param name="Self">This stack's name.</param>
/// <param name="RootStack">The root stack's name (the stack that holds the root CA keys; <see cref="Plan.StackLayout"/>).</param>
/// <param name="Deployments">Each other stack's <c>deployment</c> output, by stack name; a stack that has not deployed yet is absent.</param>
public sealed record ClusterStacks(string Self, string RootStack, ImmutableSortedDictionary<string, string> Deployments)
{
    /// <summary>True for the root stack.</summary>
    public bool IsRoot => Self == RootStack;

    /// <summary>The root stacks the given deployment records name (records from before the field name none).</summary>
    public static ImmutableSortedSet<string> RecordedRoots(IEnumerable<string> deployments)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        return deployments
            .Select(text => DeploymentRecordJson.Read(text).Record?.RootStack)
            .OfType<string>()
            .ToImmutableSortedSet(StringComparer.Ordinal);
    }
}
