using System.Collections.Immutable;

namespace MeshStack.Core.Model;

/// <summary>Where one root CA comes from.</summary>
public abstract record RootCaSpec
{
    /// <summary>MeshStack generates the root key and a self-signed root certificate.</summary>
    public sealed record Generate(string CommonName, string Organization, KeyAlgorithm Algorithm, int ValidityDays) : RootCaSpec;

    /// <summary>An organisation's existing root: the certificate in config, the key as a secret.</summary>
    public sealed record Import(string CertificatePem, SecretText KeyPem) : RootCaSpec;
}

/// <summary>
/// One named root of <c>meshstack:rootCas</c> (or the <c>meshstack:rootCa</c> shorthand, named <see cref="ShorthandName"/>).
/// Every root is trusted by every cluster; the signing root (<see cref="TrustSpec.SigningRoot"/>) signs the intermediates.
/// </summary>
public sealed record RootSpec
{
    /// <summary>
    /// The name of the one root <c>meshstack:rootCa</c> declares. Its Pulumi resources keep the names they had before
    /// roots were named (<c>&lt;federation&gt;-root-ca</c>), so <c>rootCas: [{ name: ca, ... }]</c> is the same root.
    /// </summary>
    public const string ShorthandName = "ca";

    /// <summary>The root's name, a DNS-1123 label unique in the federation.</summary>
    public required string Name { get; init; }

    /// <summary>Generate or import.</summary>
    public required RootCaSpec Source { get; init; }

    /// <summary>Days before the root's expiry from which every run warns to start a rotation (MSH086).</summary>
    public required int RenewBeforeDays { get; init; }

    /// <summary>The config path of the root's entry (<c>meshstack:rootCa</c> or <c>meshstack:rootCas[1]</c>), for diagnostics.</summary>
    public required string ConfigPath { get; init; }
}

/// <summary>The trusted roots, the one that signs, and the rotation settings (<c>meshstack:rootCas</c>, <c>meshstack:signingRoot</c>).</summary>
public sealed record TrustSpec
{
    /// <summary>Default <see cref="WorkloadCertTtlHours"/>: istiod's DEFAULT_WORKLOAD_CERT_TTL (pilot/pkg/features/security.go@1.30.3, 24h).</summary>
    public const int DefaultWorkloadCertTtlHours = 24;

    /// <summary>The trusted roots, sorted by name (so every <c>root-cert.pem</c> is the same whatever the config's order).</summary>
    public required ImmutableArray<RootSpec> Roots { get; init; }

    /// <summary>The name of the root that signs every intermediate.</summary>
    public required string SigningRoot { get; init; }

    /// <summary>
    /// The longest a workload certificate lives (istiod's DEFAULT_WORKLOAD_CERT_TTL, or MAX_WORKLOAD_CERT_TTL when a
    /// proxy asks for more): a retired signer stays trusted at least this long after the switch.
    /// </summary>
    public int WorkloadCertTtlHours { get; init; } = DefaultWorkloadCertTtlHours;

    /// <summary>Remove a retired signer before the workload certificate lifetime has passed (<c>meshstack:forceRootRetire</c>).</summary>
    public bool ForceRootRetire { get; init; }

    /// <summary>Generated roots are not protected (<c>meshstack:unprotectRootCa</c>), so a throwaway stack can be destroyed.</summary>
    public bool UnprotectRootCa { get; init; }

    /// <summary>The signing root.</summary>
    public RootSpec Signer => Roots.First(r => r.Name == SigningRoot);

    /// <summary>The root with this name, or null.</summary>
    public RootSpec? Find(string name) => Roots.FirstOrDefault(r => r.Name == name);

    /// <summary>The trust of a stack with one generated root and defaults.</summary>
    public static TrustSpec Single(RootCaSpec source, int renewBeforeDays = 730) => new()
    {
        Roots = [new RootSpec { Name = RootSpec.ShorthandName, Source = source, RenewBeforeDays = renewBeforeDays, ConfigPath = "meshstack:rootCa" }],
        SigningRoot = RootSpec.ShorthandName,
    };
}

/// <summary>How each cluster's intermediate CA is issued.</summary>
public sealed record IntermediateCaSpec(int ValidityDays, int RenewBeforeDays, KeyAlgorithm Algorithm);

/// <summary>Key algorithms MeshStack can mint.</summary>
public enum KeyAlgorithm
{
    /// <summary>ECDSA on P-256.</summary>
    EcdsaP256,

    /// <summary>ECDSA on P-384.</summary>
    EcdsaP384,

    /// <summary>RSA 2048.</summary>
    Rsa2048,

    /// <summary>RSA 3072.</summary>
    Rsa3072,

    /// <summary>RSA 4096.</summary>
    Rsa4096,
}
