using System.Collections.Immutable;

namespace MeshStack.Core.Pki;

/// <summary>
/// Istio's public sample CA (istio/istio <c>samples/certs</c>, unchanged from 1.1.0 to 1.30.3, plus the alt set):
/// anyone can sign for a mesh that trusts them, so they are refused by fingerprint outside dev stacks.
/// A test proves this list equals the fingerprints computed with openssl in the shared reference data.
/// </summary>
public static class SampleCertificates
{
    /// <summary>The deny-list: one entry per distinct sample certificate.</summary>
    public static readonly ImmutableArray<SampleCertificate> All =
    [
        new("root-cert.pem", "63727A1785CAB47ACEC5C24CC0669C20824E8AE1AC28079A4D2F8C830592E7B0", "8FktTWYAUlgNDAv+Cfmk15WtirfC+obDMnb7s1IUXuU="),
        new("ca-cert.pem", "F867174E4A31F1792F8C0354A23F8F049BD4019729CD2EE579D67033065B2DC2", "QtjP0RAuBuPyV55o+dtPeH7Jy80fGfG655NM7pGML+8="),
        new("alt/root-cert-alt.pem", "11C9202C6BE8EA5FCFB46D8591A8CF83B20EB97ADE97234840851AF8763AE428", "QtD2Uxw6+4S3LxL0WPo13HRAJ3H+2bJ61IpmVHTd5QE="),
        new("alt/ca-cert-alt.pem", "40FF5D9DCAA80833BB7291EF1F89ACD9F4DA11D6C6006B78897D3F9E2CFF86B5", "iOgJJhsVfw2yOJAcADPmv+unl5PCCrivQZY83UHOZgA="),
        new("alt/ca-cert-alt-2.pem", "677FBF661531AB421E73BFE7B2EBDB7EC5509174E3DFCD39D24B852E2D46D46C", "fF8iCLmFB9DW8f2gpmCek/u3+0NNOe14tx4wXiPXpG0="),
    ];

    /// <summary>The sample certificate with this DER SHA-256 (hex) or SPKI SHA-256 (base64), if any.</summary>
    public static SampleCertificate? Find(string certSha256, string spkiSha256) =>
        All.FirstOrDefault(s => string.Equals(s.CertSha256, certSha256, StringComparison.OrdinalIgnoreCase) || s.SpkiSha256 == spkiSha256);

    /// <summary>The sample certificate whose public key this is (a sample private key gives itself away by its public half).</summary>
    public static SampleCertificate? FindByKey(string spkiSha256) => All.FirstOrDefault(s => s.SpkiSha256 == spkiSha256);
}

/// <summary>One sample certificate: its file in istio/istio <c>samples/certs</c> and its two fingerprints.</summary>
/// <param name="File">Path under <c>samples/certs</c>.</param>
/// <param name="CertSha256">SHA-256 of the DER certificate, upper-case hex.</param>
/// <param name="SpkiSha256">SHA-256 of the SubjectPublicKeyInfo, base64.</param>
public sealed record SampleCertificate(string File, string CertSha256, string SpkiSha256);
