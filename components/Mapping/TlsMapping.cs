using MeshStack.Core.Model;
using MeshStack.Core.Pki;
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
}
