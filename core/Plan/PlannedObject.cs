using System.Collections.Immutable;

namespace MeshStack.Core.Plan;

/// <summary>Something a cluster needs: a Kubernetes object or a Helm release.</summary>
public abstract record PlanItem
{
    /// <summary>The cluster it belongs to.</summary>
    public required string Cluster { get; init; }

    /// <summary>When it must exist.</summary>
    public required Stage Stage { get; init; }

    /// <summary>Which concern produced it (pki, istio, dns, routing, demo, namespaces): the component that registers it.</summary>
    public required Concern Concern { get; init; }

    /// <summary>Unique within the cluster: <c>Kind/namespace/name</c> or <c>HelmRelease/namespace/name</c>.</summary>
    public abstract string Key { get; }

    /// <summary>Keys of items of the same cluster that must exist first (filled in by the planner from stages).</summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];

    /// <summary>Items of other clusters that must exist first (and, on destroy, go only after this one).</summary>
    public ImmutableArray<PeerDependency> PeerDependsOn { get; init; } = [];
}

/// <summary>An item of another cluster, by plan key.</summary>
/// <param name="Cluster">The other cluster.</param>
/// <param name="Key">The item's plan key there.</param>
public sealed record PeerDependency(string Cluster, string Key);

/// <summary>Which component registers an item.</summary>
public enum Concern
{
    /// <summary>Namespaces.</summary>
    Namespaces,

    /// <summary>The cacerts Secret.</summary>
    Pki,

    /// <summary>Istio install.</summary>
    Istio,

    /// <summary>DNS for *.global.</summary>
    Dns,

    /// <summary>ServiceEntries, Gateways, DestinationRules, VirtualServices.</summary>
    Routing,

    /// <summary>Demo workloads.</summary>
    Demo,

    /// <summary>Endpoint discovery: the reader token Secret, the peers' remote secrets, the <c>*.local</c> cross-network gateway.</summary>
    Discovery,
}

/// <summary>How an object is applied.</summary>
public enum ApplyMode
{
    /// <summary>MeshStack owns the whole object: created, updated, deleted.</summary>
    Own,

    /// <summary>The object exists already (e.g. kube-system/coredns): MeshStack patches only its own fields, server-side.</summary>
    Patch,
}

/// <summary>One Kubernetes object: the full manifest plus what the plan knows about it.</summary>
public sealed record PlannedObject : PlanItem
{
    /// <summary>apiVersion, e.g. networking.istio.io/v1.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>kind, e.g. ServiceEntry.</summary>
    public required string Kind { get; init; }

    /// <summary>metadata.namespace, or null for cluster-scoped objects.</summary>
    public string? Namespace { get; init; }

    /// <summary>metadata.name.</summary>
    public required string Name { get; init; }

    /// <summary>The complete manifest: apiVersion, kind, metadata, and the body.</summary>
    public required MapValue Manifest { get; init; }

    /// <summary>Own or patch.</summary>
    public ApplyMode Mode { get; init; } = ApplyMode.Own;

    /// <summary>True when the object carries key material (every data field must be a secret).</summary>
    public bool IsSecret { get; init; }

    /// <inheritdoc />
    public override string Key => $"{Kind}/{Namespace ?? "-"}/{Name}";
}

/// <summary>A Helm chart installed into a cluster.</summary>
public sealed record HelmRelease : PlanItem
{
    /// <summary>The release name.</summary>
    public required string Name { get; init; }

    /// <summary>The namespace it installs into.</summary>
    public required string Namespace { get; init; }

    /// <summary>The chart name in the repository (base, istiod, gateway), or a local chart folder when <see cref="IsLocalChart"/>.</summary>
    public required string Chart { get; init; }

    /// <summary>The chart version (for a local chart, the release the folder must hold; Helm does not check it).</summary>
    public required string Version { get; init; }

    /// <summary>The chart repository URL; empty for a local chart.</summary>
    public required string Repository { get; init; }

    /// <summary>True when <see cref="Chart"/> is a folder on the deploying machine, not a repository chart (the legacy profile's operator chart).</summary>
    public bool IsLocalChart => Repository.Length == 0;

    /// <summary>The values passed to the chart.</summary>
    public required MapValue Values { get; init; }

    /// <inheritdoc />
    public override string Key => $"HelmRelease/{Namespace}/{Name}";
}
