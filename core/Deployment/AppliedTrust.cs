using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Deployment;

/// <summary>
/// GitOps: <c>meshstack ca init</c> writes a rotation step into the CA folder, but nothing reaches a cluster until the
/// render is applied (and, on istiod 1.7, istiod and the workloads restarted). So a step stays <em>pending</em> until
/// <c>meshstack ca applied DIR</c> says it reached every cluster; its waits (MSH096, MSH084) count from then, and the next
/// step is refused while it is pending (MSH219): otherwise two <c>ca init</c>s a day apart with nothing applied between
/// them would reach the clusters as one apply that skips a phase.
/// </summary>
public static class AppliedTrust
{
    /// <summary>True when <paramref name="trust"/> adds or removes a root or switches the signer relative to <paramref name="previous"/>.</summary>
    public static bool Moves(TrustRecord previous, TrustSpec trust)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(trust);
        return !SameStep(previous.Signer, previous.Roots.Keys, trust.SigningRoot, RootNames(trust));
    }

    /// <summary>The trusted roots' names in the order records keep them (ordinal).</summary>
    internal static IEnumerable<string> RootNames(TrustSpec trust) => trust.Roots.Select(x => x.Name).Order(StringComparer.Ordinal);

    /// <summary>True when two rotation states trust the same roots (by name, any order) and have the same signer.</summary>
    internal static bool SameStep(string signer, IEnumerable<string> roots, string otherSigner, IEnumerable<string> otherRoots) =>
        signer == otherSigner && roots.Order(StringComparer.Ordinal).SequenceEqual(otherRoots.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The step a pending one started from: <paramref name="previous"/>'s roots and signer, written at <paramref name="now"/>.</summary>
    public static PendingStep Pending(TrustRecord previous, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return new PendingStep(now, previous.Signer, [.. previous.Roots.Keys]);
    }

    /// <summary>True when <paramref name="trust"/> puts back the roots and signer a pending step started from: the step is abandoned.</summary>
    public static bool Reverts(TrustSpec trust, PendingStep pending)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(pending);
        return SameStep(trust.SigningRoot, RootNames(trust), pending.FromSigner, pending.FromRoots);
    }

    /// <summary>MSH219 when <paramref name="spec"/> takes another rotation step while the folder's last one is not marked applied (putting the last one back is allowed: nothing of it reached a cluster).</summary>
    public static ImmutableArray<Diagnostic> CheckPending(MeshSpec spec, TrustRecord previous, PendingStep pending, string folder)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(pending);
        if (!Moves(previous, spec.Trust) || Reverts(spec.Trust, pending))
        {
            return [];
        }

        return [DiagnosticBuilder.RotationStepNotApplied(previous.Signer != spec.Trust.SigningRoot ? "meshstack:signingRoot" : "meshstack:rootCas",
            pending.Since, previous.Roots.Keys, previous.Signer, spec.Profile == Profile.LegacyGateways, folder, pending.FromRoots, pending.FromSigner)];
    }

    /// <summary>
    /// The record once its pending step reached the clusters at <paramref name="appliedAt"/>: each time the step set (a
    /// root's first trust, the signer switch, at or after <paramref name="pendingSince"/>) moves to <paramref name="appliedAt"/>.
    /// </summary>
    public static TrustRecord Applied(TrustRecord record, DateTimeOffset pendingSince, DateTimeOffset appliedAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        DateTimeOffset? Moved(DateTimeOffset? t) => t is { } at && at >= pendingSince ? appliedAt : t;
        return record with
        {
            Roots = record.Roots.ToImmutableSortedDictionary(r => r.Key, r => r.Value with { TrustedSince = Moved(r.Value.TrustedSince) }, StringComparer.Ordinal),
            SignerSince = Moved(record.SignerSince),
        };
    }
}

/// <summary>A CA folder's rotation step not yet marked applied: when <c>ca init</c> wrote it, and the roots and signer it started from.</summary>
public sealed record PendingStep(DateTimeOffset Since, string FromSigner, ImmutableArray<string> FromRoots);
