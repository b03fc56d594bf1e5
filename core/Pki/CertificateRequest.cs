using System.Collections.Immutable;
using MeshStack.Core.Model;

namespace MeshStack.Core.Pki;

/// <summary>
/// One certificate MeshStack needs, described once so Pulumi.Tls (components) and
/// System.Security.Cryptography (CLI) mint the same thing.
/// </summary>
public sealed record CertificateRequest
{
    /// <summary>Root or intermediate.</summary>
    public required CertificateRole Role { get; init; }

    /// <summary>The cluster of an intermediate; null for the root.</summary>
    public string? Cluster { get; init; }

    /// <summary>The root's name (<see cref="Model.RootSpec.Name"/>): the root itself, or the signing root of an intermediate.</summary>
    public string? Root { get; init; }

    /// <summary>Subject common name.</summary>
    public required string CommonName { get; init; }

    /// <summary>Subject organisation.</summary>
    public required string Organization { get; init; }

    /// <summary>Subject locality (the cluster name on intermediates, as Istio's sample CA does).</summary>
    public string? Locality { get; init; }

    /// <summary>Key algorithm.</summary>
    public required KeyAlgorithm Algorithm { get; init; }

    /// <summary>Validity in hours (Pulumi.Tls counts hours).</summary>
    public required int ValidityHours { get; init; }

    /// <summary>Hours before expiry at which <c>pulumi up</c> re-issues the certificate.</summary>
    public required int EarlyRenewalHours { get; init; }

    /// <summary>basicConstraints CA flag.</summary>
    public bool IsCa { get; init; } = true;

    /// <summary>basicConstraints pathLenConstraint, if any.</summary>
    public int? MaxPathLength { get; init; }

    /// <summary>Key usages in Pulumi.Tls words (cert_signing, crl_signing, digital_signature, key_encipherment).</summary>
    public required ImmutableArray<string> AllowedUses { get; init; }
}

/// <summary>Where a certificate sits in the chain.</summary>
public enum CertificateRole
{
    /// <summary>The shared, self-signed root.</summary>
    Root,

    /// <summary>A cluster's Istio CA, signed by the root.</summary>
    Intermediate,
}
