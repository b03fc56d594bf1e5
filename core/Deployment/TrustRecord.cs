using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MeshStack.Core.Model;

namespace MeshStack.Core.Deployment;

/// <summary>
/// The roots a deployment trusted and the one that signed, as the next run must know them to order a rotation:
/// (1) add a root, (2) switch the signer to it, (3) remove the old one (<see cref="TrustTransitions"/>). Part of the
/// <c>deployment</c> record (Pulumi) and of the CA folder's <c>trust.json</c> (<c>meshstack ca init</c>).
/// </summary>
public sealed record TrustRecord
{
    /// <summary>The trusted roots, by name.</summary>
    public required ImmutableSortedDictionary<string, RootRecord> Roots { get; init; }

    /// <summary>The root that signed the intermediates.</summary>
    public required string Signer { get; init; }

    /// <summary>When <see cref="Signer"/> started signing (null: before records had it, so not in a rotation).</summary>
    public DateTimeOffset? SignerSince { get; init; }

    /// <summary>The signer before <see cref="Signer"/>, while workload certificates it signed may still be live.</summary>
    public string? RetiredSigner { get; init; }

    /// <summary>
    /// What a record from before roots were named stands for: one root named <see cref="RootSpec.ShorthandName"/> that
    /// signs, its settings and age unknown.
    /// </summary>
    public static TrustRecord Legacy { get; } = new()
    {
        Roots = ImmutableSortedDictionary.Create<string, RootRecord>(StringComparer.Ordinal).Add(RootSpec.ShorthandName, new RootRecord(null, null, null)),
        Signer = RootSpec.ShorthandName,
    };

    /// <summary>
    /// The record this run leaves: the spec's roots, each keeping the time it was first trusted, and the signer with the
    /// time it switched (now when it changed; the previous time otherwise).
    /// </summary>
    public static TrustRecord Next(TrustSpec trust, TrustRecord? previous, DateTimeOffset? now)
    {
        ArgumentNullException.ThrowIfNull(trust);
        var roots = trust.Roots.ToImmutableSortedDictionary(r => r.Name, r =>
        {
            var before = previous?.Roots.GetValueOrDefault(r.Name);
            var since = before?.TrustedSince ?? now;
            return new RootRecord(Fingerprint(r.Source), since, NotAfter(r.Source, since));
        }, StringComparer.Ordinal);
        var switched = previous is not null && previous.Signer != trust.SigningRoot;
        var retired = switched ? previous!.Signer : previous?.RetiredSigner;
        return new TrustRecord
        {
            Roots = roots,
            Signer = trust.SigningRoot,
            SignerSince = switched ? now : previous?.SignerSince ?? (previous is null ? now : null),
            // A retired signer is forgotten once it is no longer trusted.
            RetiredSigner = retired is not null && roots.ContainsKey(retired) ? retired : null,
        };
    }

    /// <summary>
    /// What identifies a root's certificate before it exists: a generated root's settings (each is replace-on-change in
    /// terraform-provider-tls, so a changed one is a new root) or an imported certificate's SHA-256.
    /// </summary>
    public static string Fingerprint(RootCaSpec source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = source switch
        {
            RootCaSpec.Generate g => string.Create(CultureInfo.InvariantCulture, $"generate\n{g.CommonName}\n{g.Organization}\n{g.Algorithm}\n{g.ValidityDays}"),
            RootCaSpec.Import i => "import\n" + Pki.Pem.CertificatesSha256(i.CertificatePem),
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>When a root expires: an imported certificate's NotAfter; a generated root's first trust plus its validity.</summary>
    public static DateTimeOffset? NotAfter(RootCaSpec source, DateTimeOffset? trustedSince) => source switch
    {
        RootCaSpec.Import i => Pki.Pem.FirstNotAfter(i.CertificatePem),
        RootCaSpec.Generate g => trustedSince?.AddDays(g.ValidityDays),
        _ => null,
    };
}

/// <summary>One trusted root in a <see cref="TrustRecord"/>.</summary>
/// <param name="Fingerprint">See <see cref="TrustRecord.Fingerprint"/>; null when not known (a legacy record).</param>
/// <param name="TrustedSince">When the root was first deployed as trusted; null when not known.</param>
/// <param name="NotAfter">When it expires, when known.</param>
public sealed record RootRecord(string? Fingerprint, DateTimeOffset? TrustedSince, DateTimeOffset? NotAfter);
