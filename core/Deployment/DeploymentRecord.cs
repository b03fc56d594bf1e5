using System.Collections.Immutable;

namespace MeshStack.Core.Deployment;

/// <summary>
/// What a stack deployed last time, as far as the next run must know it to keep the live federation intact: per
/// cluster, where its provider pointed (applied to a cluster or rendered to a folder), how it was reached, and the
/// choices that must not flip under a deployed cluster. The Pulumi program writes it as the <c>deployment</c> stack
/// output and reads it back first thing; core decides every transition from it (<see cref="DeploymentTransitions"/>).
/// </summary>
public sealed record DeploymentRecord
{
    /// <summary>The version MeshStack writes now.</summary>
    public const int CurrentVersion = 2;

    /// <summary>1: a stack deployed before records existed (it has an <c>addressTable</c> output only); 2: this format.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The clusters deployed, by name.</summary>
    public ImmutableSortedDictionary<string, ClusterRecord> Clusters { get; init; } = ImmutableSortedDictionary<string, ClusterRecord>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The roots trusted and the signer (null in records from before roots were named: see <see cref="TrustRecord.Legacy"/>).</summary>
    public TrustRecord? Trust { get; init; }

    /// <summary>The trust to check a rotation against: the recorded one, or one root named like the shorthand.</summary>
    public TrustRecord TrustOrLegacy => Trust ?? TrustRecord.Legacy;

    /// <summary>Per-cluster stacks: the root stack (the one holding the root CA keys) this stack deployed with; null otherwise or when not recorded.</summary>
    public string? RootStack { get; init; }

    /// <summary>The Istio version installed (null when unknown, as in version 1).</summary>
    public string? IstioVersion { get; init; }

    /// <summary>
    /// A stack deployed by MeshStack before this record existed: every cluster of the config was deployed, applied,
    /// with <c>istio-system</c> as a Namespace resource, and nothing else is known.
    /// </summary>
    public static DeploymentRecord Legacy { get; } = new() { Version = 1 };

    /// <summary>True for <see cref="Legacy"/>: the clusters are not listed.</summary>
    public bool IsLegacy => Version < CurrentVersion;

    /// <summary>The record of a cluster, or null when the cluster was not deployed (or the record is legacy).</summary>
    public ClusterRecord? Find(string cluster) => Clusters.GetValueOrDefault(cluster);
}

/// <summary>One deployed cluster.</summary>
/// <param name="Target">Where its provider pointed: <see cref="ApplyTarget"/> or <c>render:&lt;folder&gt;</c>.</param>
/// <param name="Connection">A fingerprint of how it was reached (the context name, or a hash of the kubeconfig), or null when not known before deploy time.</param>
/// <param name="IstioSystem">How <c>istio-system</c> is registered: <see cref="NamespaceOwned"/> (a Namespace resource, stacks from before the record) or <see cref="NamespacePatched"/>.</param>
/// <param name="CorednsBlock">True when MeshStack's <c>global</c> block was written into the cluster's Corefile.</param>
public sealed record ClusterRecord(string Target, string? Connection, string IstioSystem, bool CorednsBlock)
{
    /// <summary>The target of a provider that applies to a live cluster.</summary>
    public const string ApplyTarget = "apply";

    /// <summary><c>istio-system</c> is a Namespace resource MeshStack owns (destroy deletes it).</summary>
    public const string NamespaceOwned = "owned";

    /// <summary><c>istio-system</c> is a server-side-apply patch (adopted if it exists; destroy keeps it).</summary>
    public const string NamespacePatched = "patched";

    /// <summary>True when the provider applied to a live cluster.</summary>
    public bool IsApplied => Target == ApplyTarget;

    /// <summary>The render target of a folder.</summary>
    public static string RenderTarget(string folder) => $"render:{folder}";
}
