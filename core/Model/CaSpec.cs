namespace MeshStack.Core.Model;

/// <summary>Where the shared root CA comes from.</summary>
public abstract record RootCaSpec
{
    /// <summary>MeshStack generates the root key and a self-signed root certificate.</summary>
    public sealed record Generate(string CommonName, string Organization, KeyAlgorithm Algorithm, int ValidityDays) : RootCaSpec;

    /// <summary>An organisation's existing root: the certificate in config, the key as a secret.</summary>
    public sealed record Import(string CertificatePem, SecretText KeyPem) : RootCaSpec;
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
