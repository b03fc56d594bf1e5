using System.Collections.Immutable;

namespace MeshStack.Core.Deployment;

/// <summary>
/// Per-cluster stacks: what the federation's other stacks last deployed, so a root rotation moves one phase at a time
/// on all of them (<see cref="ClusterStackTrust"/>). The Pulumi program reads each other stack's <c>deployment</c>
/// output through a stack reference.
/// </summary>
/// <param name="RootStack">The root stack's name when this stack is another cluster's; null when this is the root stack.</param>
/// <param name="Deployments">Each other stack's <c>deployment</c> output, by stack name; a stack that has not deployed yet is absent.</param>
public sealed record ClusterStacks(string? RootStack, ImmutableSortedDictionary<string, string> Deployments);
