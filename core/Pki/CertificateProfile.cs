using MeshStack.Core.Model;

namespace MeshStack.Core.Pki;

/// <summary>
/// The one certificate profile of the federation: subjects, uses, validity and renewal for root and intermediates.
/// It follows what istiod expects of a plug-in CA (compare Istio's samples/certs and tools/certs): both are CAs
/// (basicConstraints CA:TRUE, critical); the root signs certificates and CRLs; an intermediate also may sign and
/// encipher keys, may not issue further CAs (pathlen 0) and names its cluster (CN and L), as Istio's alt sample does.
/// Pulumi.Tls (components) and System.Security.Cryptography (<c>meshstack ca init</c>) both read it.
/// </summary>
public static class CertificateProfile
{
    /// <summary>The signing root's certificate request (for a generated root; an imported root is used as it is).</summary>
    public static CertificateRequest Root(MeshSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Root(spec.Trust.Signer);
    }

    /// <summary>
    /// One root's certificate request. Early renewal stays 0 on purpose: a renewal would replace the root certificate in
    /// one update, which is the one-step replacement the rotation exists to avoid; a root instead gets a renewal window
    /// (<see cref="RootSpec.RenewBeforeDays"/>, MSH086) in which MeshStack asks for a rotation to a new root.
    /// </summary>
    public static CertificateRequest Root(RootSpec root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var generate = root.Source as RootCaSpec.Generate ?? new RootCaSpec.Generate("MeshStack Root CA", "MeshStack", KeyAlgorithm.EcdsaP256, 3650);
        return new CertificateRequest
        {
            Role = CertificateRole.Root,
            Root = root.Name,
            CommonName = generate.CommonName,
            Organization = generate.Organization,
            Algorithm = generate.Algorithm,
            ValidityHours = generate.ValidityDays * 24,
            EarlyRenewalHours = 0,
            AllowedUses = ["cert_signing", "crl_signing"],
        };
    }

    /// <summary>The intermediate CA request of one cluster.</summary>
    public static CertificateRequest Intermediate(MeshSpec spec, ClusterSpec cluster)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cluster);
        var root = Root(spec);
        return new CertificateRequest
        {
            Role = CertificateRole.Intermediate,
            Cluster = cluster.Name,
            Root = root.Root,
            CommonName = $"Intermediate CA {cluster.Name}",
            Organization = root.Organization,
            Locality = cluster.Name,
            Algorithm = spec.IntermediateCa.Algorithm,
            ValidityHours = spec.IntermediateCa.ValidityDays * 24,
            EarlyRenewalHours = spec.IntermediateCa.RenewBeforeDays * 24,
            MaxPathLength = 0,
            AllowedUses = ["cert_signing", "crl_signing", "digital_signature", "key_encipherment"],
        };
    }
}
