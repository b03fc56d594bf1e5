using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Deployment;

/// <summary>
/// The order of a root rotation, checked against what was deployed last time (<see cref="TrustRecord"/>). Each phase is
/// one update in which every live pair of workloads still completes mTLS (docs/certificates-rotation.md):
/// <list type="number">
/// <item>add the new root to <c>rootCas</c>: every cluster trusts both, nothing is re-signed;</item>
/// <item>switch <c>signingRoot</c> to it, no sooner than the workload certificate lifetime after it was added: istiod
/// hands a new trust bundle to a workload only with its next certificate (security/pkg/nodeagent/cache/secretcache.go@1.30.3:309-318,
/// "Root cert has changed"), so before that a workload may not trust a leaf of the new root (MSH096);</item>
/// <item>remove the old root, no sooner than the workload certificate lifetime after the switch: leaves it signed live
/// that long (istiod DEFAULT_WORKLOAD_CERT_TTL, pilot/pkg/bootstrap/istio_ca.go@1.30.3:89) (MSH084).</item>
/// </list>
/// A skipped phase is MSH083, a deployed root whose settings changed (a replacement in place) MSH094. The time rules need
/// <see cref="CompileOptions.Now"/>; <c>meshstack:forceRootRetire</c> turns them into a warning (MSH085).
/// </summary>
public static class TrustTransitions
{
    /// <summary>The refused and noteworthy steps from <paramref name="previous"/> to <paramref name="spec"/> (the CA folder's trust.json in <c>meshstack ca init</c>).</summary>
    public static System.Collections.Immutable.ImmutableArray<Diagnostic> Check(MeshSpec spec, TrustRecord? previous, DateTimeOffset? now)
    {
        var r = new NodeReader();
        Check(spec, previous, now, r);
        return r.Diagnostics;
    }

    /// <summary>Reports the refused and noteworthy steps from <paramref name="previous"/> (null: a first run) to <paramref name="spec"/>.</summary>
    internal static void Check(MeshSpec spec, TrustRecord? previous, DateTimeOffset? now, NodeReader r)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(r);
        var trust = spec.Trust;
        CheckRenewal(spec, previous, now, r);
        if (previous is null)
        {
            return;
        }

        foreach (var root in trust.Roots)
        {
            if (previous.Roots.GetValueOrDefault(root.Name) is { Fingerprint: { } deployed } && deployed != TrustRecord.Fingerprint(root.Source))
            {
                r.Report(DiagnosticBuilder.RootChanged(root.ConfigPath, root.Name, root.Source is RootCaSpec.Generate));
            }
        }

        var ttl = TimeSpan.FromHours(trust.WorkloadCertTtlHours);
        var oldSigner = previous.Signer;
        var newSigner = trust.SigningRoot;
        if (newSigner != oldSigner)
        {
            if (!previous.Roots.ContainsKey(newSigner))
            {
                r.Report(DiagnosticBuilder.RotationPhaseSkipped(newSigner, oldSigner, previous.Roots.Keys, ttl));
            }
            else if (trust.Find(oldSigner) is null)
            {
                r.Report(DiagnosticBuilder.RotationPhaseSkipped(oldSigner, newSigner, ttl));
            }
            else if (now is { } at && previous.Roots[newSigner].TrustedSince is { } added && at < added + ttl)
            {
                Early(trust, r, DiagnosticBuilder.SignerSwitchedTooSoon(newSigner, added, ttl, trust.WorkloadCertTtlHours));
            }
        }
        else if (trust.Find(oldSigner) is null)
        {
            r.Report(DiagnosticBuilder.RotationPhaseSkipped(oldSigner));
        }

        CheckReload(spec, previous, r);
        foreach (var gone in previous.Roots.Keys.Where(n => trust.Find(n) is null && n != oldSigner))
        {
            if (gone == previous.RetiredSigner && now is { } at && previous.SignerSince is { } switched && at < switched + ttl)
            {
                Early(trust, r, DiagnosticBuilder.RootRetiredTooSoon(gone, switched, ttl, trust.WorkloadCertTtlHours));
            }
        }
    }

    /// <summary>
    /// MSH095: what a rotation step still needs by hand. istiod 1.30 watches the mounted cacerts and reloads it
    /// (pilot/pkg/bootstrap/istio_ca.go@1.30.3:420-450, handleCACertsFileWatch); a changed root-cert.pem only with
    /// ISTIO_MULTIROOT_MESH=true and when one bundle contains the other (istio_ca.go@1.30.3:351-366). multi-primary sets
    /// it while two roots are trusted (MultiPrimaryInstall), and setting or dropping it rolls istiod, so phases 1 and 3 need
    /// nothing more and phase 2 (same bundle) reloads live. istiod 1.7 reads cacerts only at start
    /// (pilot/pkg/bootstrap/istio_ca.go@1.7.8:305-360, no watcher): with legacy-gateways each phase changes istiod's
    /// meshstack.io/trust pod annotation (LegacyGatewaysInstall.TrustAnnotation), so istiod rolls in the same update; but
    /// its agents read istiod's root only when a pod starts, so after a root is added every workload must restart.
    /// </summary>
    private static void CheckReload(MeshSpec spec, TrustRecord previous, NodeReader r)
    {
        var added = spec.Trust.Roots.Select(x => x.Name).Where(n => !previous.Roots.ContainsKey(n)).ToList();
        if (spec.Profile != Profile.LegacyGateways || added.Count == 0)
        {
            return;
        }

        r.Report(DiagnosticBuilder.IstiodRestartAfterRotation(spec.IstioVersion, spec.Clusters.Select(c => c.Connection.Context), added));
    }

    /// <summary>MSH086 inside a root's renewal window; MSH087 when intermediates issued now would outlive the only root.</summary>
    private static void CheckRenewal(MeshSpec spec, TrustRecord? previous, DateTimeOffset? now, NodeReader r)
    {
        if (now is not { } at)
        {
            return;
        }

        var trust = spec.Trust;
        foreach (var root in trust.Roots)
        {
            var since = previous?.Roots.GetValueOrDefault(root.Name)?.TrustedSince ?? at;
            if (TrustRecord.NotAfter(root.Source, since) is not { } expiry || expiry <= at)
            {
                continue;
            }

            var signs = root.Name == trust.SigningRoot;
            if (signs && root.Source is RootCaSpec.Generate && expiry < at.AddDays(spec.IntermediateCa.ValidityDays) && trust.Roots.Length == 1)
            {
                r.Report(DiagnosticBuilder.IntermediateOutlivesRoot(root.ConfigPath, root.Name, expiry, spec.IntermediateCa.ValidityDays));
            }
            else if (at >= expiry.AddDays(-root.RenewBeforeDays))
            {
                r.Report(DiagnosticBuilder.RootRenewalDue(root.ConfigPath, root.Name, expiry, root.RenewBeforeDays, signs));
            }
        }
    }

    /// <summary>An early rotation step: refused, or with meshstack:forceRootRetire taken with a warning (MSH085).</summary>
    internal static void Early(TrustSpec trust, NodeReader r, Diagnostic refusal)
    {
        r.Report(trust.ForceRootRetire
            ? DiagnosticBuilder.RootRetireForced(refusal)
            : refusal);
    }
}
