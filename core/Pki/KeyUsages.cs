using System.Security.Cryptography.X509Certificates;

namespace MeshStack.Core.Pki;

/// <summary>The profile's key usages (Pulumi.Tls words) as X.509 key usage flags, so both minting paths agree.</summary>
public static class KeyUsages
{
    /// <summary>Pulumi.Tls <c>AllowedUses</c> word → X.509 keyUsage bit.</summary>
    public static X509KeyUsageFlags Flag(string use) => use switch
    {
        "cert_signing" => X509KeyUsageFlags.KeyCertSign,
        "crl_signing" => X509KeyUsageFlags.CrlSign,
        "digital_signature" => X509KeyUsageFlags.DigitalSignature,
        "key_encipherment" => X509KeyUsageFlags.KeyEncipherment,
        _ => throw new ArgumentOutOfRangeException(nameof(use), use, "not a key usage MeshStack's profile uses"),
    };

    /// <summary>All uses of a request, combined.</summary>
    public static X509KeyUsageFlags Flags(CertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.AllowedUses.Aggregate(X509KeyUsageFlags.None, (all, use) => all | Flag(use));
    }
}
