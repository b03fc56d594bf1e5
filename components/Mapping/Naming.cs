using Pulumi;

namespace MeshStack.Components.Mapping;

/// <summary>
/// Child names carry their component's name, so two federations (or two clusters of one name in two federations) in one
/// stack never produce the same URN. Every rename carries an alias to the name it had before, so the engine moves the
/// state instead of deleting the old object and creating a new one (pulumi/pulumi: a URN change without an alias is a
/// delete plus a create; for a fixed-name Kubernetes object that means downtime or, with upsert, a deleted object).
/// </summary>
internal static class Naming
{
    /// <summary>
    /// The aliases of a child now called <paramref name="name"/> that was called <paramref name="previous"/> before child
    /// names carried the federation's name (the cluster name alone). Only the name changed: the parent types, which are
    /// all a URN holds of the parents, did not.
    /// </summary>
    public static List<Input<Alias>> Was(string name, string? previous) =>
        previous is null || previous == name ? [] : [new Alias { Name = previous }];
}
