using MeshStack.Core.Model;
using MeshStack.Core.Pki;
using Pulumi;
using Tls = Pulumi.Tls;

namespace MeshStack.Components.Mapping;

/// <summary>Core's certificate requests in Pulumi.Tls terms (a spelling change, no decisions).</summary>
internal static class TlsMapping
{
    public static Tls.PrivateKeyArgs Key(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => new Tls.PrivateKeyArgs { Algorithm = "ECDSA", EcdsaCurve = "P256" },
        KeyAlgorithm.EcdsaP384 => new Tls.PrivateKeyArgs { Algorithm = "ECDSA", EcdsaCurve = "P384" },
        KeyAlgorithm.Rsa2048 => new Tls.PrivateKeyArgs { Algorithm = "RSA", RsaBits = 2048 },
        KeyAlgorithm.Rsa3072 => new Tls.PrivateKeyArgs { Algorithm = "RSA", RsaBits = 3072 },
        KeyAlgorithm.Rsa4096 => new Tls.PrivateKeyArgs { Algorithm = "RSA", RsaBits = 4096 },
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static Tls.Inputs.SelfSignedCertSubjectArgs SelfSignedSubject(CertificateRequest r) =>
        new() { CommonName = r.CommonName, Organization = r.Organization, Locality = r.Locality is { } l ? (Pulumi.Input<string>)l : null };

    public static Tls.Inputs.CertRequestSubjectArgs RequestSubject(CertificateRequest r) =>
        new() { CommonName = r.CommonName, Organization = r.Organization, Locality = r.Locality is { } l ? (Pulumi.Input<string>)l : null };

    /// <summary>The self-signed root certificate of a request, signed by <paramref name="keyPem"/>.</summary>
    public static Tls.SelfSignedCertArgs SelfSigned(CertificateRequest r, Input<string> keyPem) => new()
    {
        PrivateKeyPem = keyPem,
        IsCaCertificate = r.IsCa,
        ValidityPeriodHours = r.ValidityHours,
        EarlyRenewalHours = r.EarlyRenewalHours,
        AllowedUses = r.AllowedUses.ToList(),
        MaxPathLength = r.MaxPathLength is { } depth ? (Input<int>)depth : null,
        Subject = SelfSignedSubject(r),
    };

    /// <summary>An intermediate certificate of a request, signed by the root.</summary>
    public static Tls.LocallySignedCertArgs LocallySigned(CertificateRequest r, Input<string> csrPem, Input<string> caKeyPem, Input<string> caCertPem) => new()
    {
        CertRequestPem = csrPem,
        CaPrivateKeyPem = caKeyPem,
        CaCertPem = caCertPem,
        IsCaCertificate = r.IsCa,
        ValidityPeriodHours = r.ValidityHours,
        EarlyRenewalHours = r.EarlyRenewalHours,
        MaxPathLength = r.MaxPathLength is { } depth ? (Input<int>)depth : null,
        AllowedUses = r.AllowedUses.ToList(),
    };

    /// <summary>cert-chain.pem: the intermediate, then the root.</summary>
    public static Output<string> Chain(Output<string> intermediate, Output<string> root) =>
        Output.Tuple(intermediate, root).Apply(p => TrustBundle.CertChain(p.Item1, p.Item2));
}
