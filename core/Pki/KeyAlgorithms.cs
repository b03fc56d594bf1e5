using MeshStack.Core.Model;

namespace MeshStack.Core.Pki;

/// <summary>What a <see cref="KeyAlgorithm"/> means to a key generator (Pulumi.Tls words, RSA size, ECDSA curve, signature hash).</summary>
public static class KeyAlgorithms
{
    /// <summary>Pulumi.Tls <c>PrivateKey.Algorithm</c>: "ECDSA" or "RSA".</summary>
    public static string Family(KeyAlgorithm algorithm) => IsEcdsa(algorithm) ? "ECDSA" : "RSA";

    /// <summary>True for the ECDSA algorithms.</summary>
    public static bool IsEcdsa(KeyAlgorithm algorithm) => algorithm is KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384;

    /// <summary>Pulumi.Tls <c>PrivateKey.EcdsaCurve</c> ("P256", "P384"); null for RSA.</summary>
    public static string? EcdsaCurve(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => "P256",
        KeyAlgorithm.EcdsaP384 => "P384",
        _ => null,
    };

    /// <summary>Pulumi.Tls <c>PrivateKey.RsaBits</c>; null for ECDSA.</summary>
    public static int? RsaBits(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => 2048,
        KeyAlgorithm.Rsa3072 => 3072,
        KeyAlgorithm.Rsa4096 => 4096,
        _ => null,
    };

    /// <summary>The config word for an algorithm (as written in <c>meshstack:rootCa.generate.algorithm</c>).</summary>
    public static string ConfigName(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => "ecdsa-p256",
        KeyAlgorithm.EcdsaP384 => "ecdsa-p384",
        KeyAlgorithm.Rsa2048 => "rsa-2048",
        KeyAlgorithm.Rsa3072 => "rsa-3072",
        KeyAlgorithm.Rsa4096 => "rsa-4096",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}
