using MeshStack.Core.Plan;

namespace MeshStack.Core.Pki;

/// <summary>The key names of Istio's <c>cacerts</c> Secret.</summary>
public static class CaFiles
{
    /// <summary>All four, in the order istiod documents them.</summary>
    public static readonly CaFile[] All = [CaFile.CaCert, CaFile.CaKey, CaFile.RootCert, CaFile.CertChain];

    /// <summary>The Secret data key of a file.</summary>
    public static string FileName(CaFile file) => file switch
    {
        CaFile.CaCert => "ca-cert.pem",
        CaFile.CaKey => "ca-key.pem",
        CaFile.RootCert => "root-cert.pem",
        CaFile.CertChain => "cert-chain.pem",
        _ => throw new ArgumentOutOfRangeException(nameof(file)),
    };
}
