using System.Globalization;
using MeshStack.Core.Config;

namespace MeshStack.Core.Diagnostics;

/// <summary>Why an imported root cannot sign (MSH071).</summary>
internal enum NotCaReason
{
    /// <summary>The certificate has no basicConstraints extension.</summary>
    NoBasicConstraints,

    /// <summary>basicConstraints says CA:FALSE.</summary>
    NotCa,
}

// MSH070-MSH079: certificates.
public static partial class DiagnosticBuilder
{
    /// <summary>MSH070: a root that sets both or neither of generate and import.</summary>
    internal static Diagnostic RootCaChoice(string path, SourcePosition? position) => At(path, "set exactly one of 'generate' or 'import'", position);

    /// <summary>MSH071: an imported root without CA basic constraints.</summary>
    internal static Diagnostic ImportedRootNotCa(string path, string subject, NotCaReason reason) =>
        At(path, $"'{subject}' has {(reason == NotCaReason.NoBasicConstraints ? "no basicConstraints extension" : "basicConstraints CA:FALSE")}, so it cannot sign the clusters' intermediates; import the root CA certificate, not a leaf");

    /// <summary>MSH071: an imported root whose key usage lacks keyCertSign.</summary>
    internal static Diagnostic ImportedRootNotCa(string path, string subject, string keyUsages) =>
        At(path, $"'{subject}' has key usage '{keyUsages}' without keyCertSign, so it cannot sign the clusters' intermediates");

    /// <summary>MSH072: the imported key is not the certificate's; the fingerprints are SHA-256 of the public keys.</summary>
    internal static Diagnostic ImportedKeyMismatch(string path, string keySha256, string subject, string certificateKeySha256) => At(path,
        $"the root key (secret, not shown; public key SHA-256 {keySha256}) is not the key of '{subject}' (public key SHA-256 {certificateKeySha256}); " +
        "set the key that belongs to this certificate");

    /// <summary>MSH073: an imported root that has expired.</summary>
    internal static Diagnostic ImportedRootExpired(string path, string subject, DateTimeOffset notAfter, DateTimeOffset now) =>
        At(path, $"'{subject}' expired on {Time(notAfter)} (now is {Time(now)}); import a current root");

    /// <summary>MSH074: an imported root that is not valid yet.</summary>
    internal static Diagnostic ImportedRootNotYetValid(string path, string subject, DateTimeOffset notBefore, DateTimeOffset now) =>
        At(path, $"'{subject}' is valid only from {Time(notBefore)} (now is {Time(now)}); check the clock, or wait until then");

    /// <summary>MSH075: an imported signing root that expires before intermediates issued now for <paramref name="days"/> days.</summary>
    internal static Diagnostic ImportedRootTooShort(string path, string subject, DateTimeOffset notAfter, DateTimeOffset now, int days) => At(path,
        $"'{subject}' expires on {Time(notAfter)}, before intermediates issued now for {days} days (meshstack:intermediateCa.validityDays) would ({Time(now.AddDays(days))}); " +
        "renew the root or shorten the intermediates");

    /// <summary>MSH076: Istio's public sample CA outside a dev stack.</summary>
    internal static Diagnostic SampleCertificates(string path, string file, string certSha256) =>
        At(path, $"{SampleCa(file, certSha256)}; generate a root (meshstack:rootCa.generate) or import your organisation's, or set meshstack:allowSampleCerts: true on a throwaway dev stack");

    /// <summary>MSH077: Istio's public sample CA, allowed by meshstack:allowSampleCerts.</summary>
    internal static Diagnostic SampleCertificatesAllowed(string path, string file, string certSha256) =>
        At(path, $"{SampleCa(file, certSha256)}; allowed because meshstack:allowSampleCerts is true: use this stack for development only");

    /// <summary>MSH078: a validity or renewal window out of range (NodeReader.Int).</summary>
    internal static Diagnostic InvalidValidity(string path, long value, int min, int max, SourcePosition? position) =>
        At(path, OutsideRange(value, min, max), position);

    /// <summary>MSH078: intermediates' renewBeforeDays not below their validityDays.</summary>
    internal static Diagnostic InvalidValidity(string path, int renew, int validity) =>
        At(path, $"renewBeforeDays {renew} must be less than validityDays {validity}, or every run would re-issue the intermediates");

    /// <summary>MSH078: a generated root's renewBeforeDays not below its validityDays.</summary>
    internal static Diagnostic InvalidValidity(string path, int renew, int validity, SourcePosition? position) =>
        At(path, $"renewBeforeDays {renew} must be less than the root's validityDays {validity}, or every run would warn that the root needs a rotation", position);

    /// <summary>MSH078: intermediates that would outlive a generated root; <paramref name="rootPath"/> is the root's config path.</summary>
    internal static Diagnostic InvalidValidity(int intermediateDays, string root, int rootDays, string rootPath) => At("meshstack:intermediateCa.validityDays",
        $"intermediates valid for {intermediateDays} days would outlive the root '{root}' ({rootDays} days, {rootPath.Replace(ConfigDocument.Namespace + ":", "", StringComparison.Ordinal)}.generate.validityDays); " +
        "lower intermediateCa.validityDays or raise the root's");

    /// <summary>MSH079: an imported certificate that is not PEM; <paramref name="excerpt"/> is its first line, shortened.</summary>
    internal static Diagnostic InvalidCertificate(string path, string excerpt, string? error) =>
        At(path, $"'{excerpt}' is not usable: {error}; paste the root certificate in PEM form");

    /// <summary>MSH079: an imported key that is not PEM (the key itself is never quoted).</summary>
    internal static Diagnostic InvalidCertificate(string path, string? keyError) =>
        At(path, $"the root key (secret, not shown) is not usable: {keyError}");

    private static string SampleCa(string file, string certSha256) =>
        $"this is Istio's public sample CA (samples/certs/{file}, certificate SHA-256 {certSha256}); its private key is published, so anyone could sign for the mesh";

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
