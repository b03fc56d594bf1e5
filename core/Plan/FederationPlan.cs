using System.Collections.Immutable;
using MeshStack.Core.Addressing;
using MeshStack.Core.Model;
using MeshStack.Core.Pki;

namespace MeshStack.Core.Plan;

/// <summary>Everything every cluster needs, in order. The single source for both <c>pulumi up</c> and <c>meshstack render</c>.</summary>
public sealed record FederationPlan
{
    /// <summary>The spec it was planned from.</summary>
    public required MeshSpec Spec { get; init; }

    /// <summary>The virtual address of every service.</summary>
    public required AddressTable Addresses { get; init; }

    /// <summary>The shared root certificate request.</summary>
    public required CertificateRequest RootCertificate { get; init; }

    /// <summary>The trust this plan deploys, for the deployment record (<see cref="Deployment.TrustRecord.Next"/>); null when planned outside a compile.</summary>
    public Deployment.TrustRecord? Trust { get; init; }

    /// <summary>Per-cluster stacks: the root stack this plan was made under, for the deployment record; null for a federation stack.</summary>
    public string? RootStack { get; init; }

    /// <summary>Every trusted root's request, sorted by root name (the signing root's is <see cref="RootCertificate"/>).</summary>
    public ImmutableArray<CertificateRequest> RootCertificates { get; init; } = [];

    /// <summary>One entry per cluster, sorted by name.</summary>
    public required ImmutableArray<ClusterPlan> Clusters { get; init; }
}

/// <summary>One cluster's part of the plan.</summary>
public sealed record ClusterPlan
{
    /// <summary>The cluster.</summary>
    public required ClusterSpec Cluster { get; init; }

    /// <summary>The cluster's intermediate CA request.</summary>
    public required CertificateRequest IntermediateCertificate { get; init; }

    /// <summary>Objects and releases in dependency order (by stage, then key).</summary>
    public required ImmutableArray<PlanItem> Items { get; init; }

    /// <summary>The objects only.</summary>
    public IEnumerable<PlannedObject> Objects => Items.OfType<PlannedObject>();

    /// <summary>The Helm releases only.</summary>
    public IEnumerable<HelmRelease> Releases => Items.OfType<HelmRelease>();
}
