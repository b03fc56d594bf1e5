namespace MeshStack.Core.Pki;

/// <summary>
/// How the <c>cacerts</c> files are put together from the roots, once for Pulumi and the CLI: <c>root-cert.pem</c> is every
/// trusted root (in root-name order), <c>cert-chain.pem</c> the intermediate then its own signing root. istiod 1.30 reads
/// root-cert.pem whole and hands it to every workload as its trust bundle (docs/certificates-rotation.md, rule R-2).
/// </summary>
public static class TrustBundle
{
    /// <summary><c>root-cert.pem</c>: the trusted roots' PEMs, each ending in one newline, in the order given (root-name order).</summary>
    public static string RootCerts(IEnumerable<string> rootPems)
    {
        ArgumentNullException.ThrowIfNull(rootPems);
        return string.Concat(rootPems.Select(Line));
    }

    /// <summary><c>cert-chain.pem</c>: the intermediate, then the root that signed it.</summary>
    public static string CertChain(string intermediatePem, string signingRootPem)
    {
        ArgumentNullException.ThrowIfNull(intermediatePem);
        ArgumentNullException.ThrowIfNull(signingRootPem);
        return Line(intermediatePem) + Line(signingRootPem);
    }

    private static string Line(string pem) => pem.TrimEnd('\n', '\r') + "\n";
}
