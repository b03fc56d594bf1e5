using System.Globalization;
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
                r.Report(Codes.RootChanged.At(root.ConfigPath,
                    $"the root '{root.Name}' is deployed with other settings: a changed {(root.Source is RootCaSpec.Generate ? "generate setting (subject, algorithm or validity: replace-on-change in terraform-provider-tls)" : "certificate")} replaces the root, every intermediate and every cacerts in one update, and workloads on either side stop completing mTLS. " +
                    $"Put its settings back; to change them, add a root under a new name and rotate to it (docs/certificates-rotation.md)"));
            }
        }

        var ttl = TimeSpan.FromHours(trust.WorkloadCertTtlHours);
        var oldSigner = previous.Signer;
        var newSigner = trust.SigningRoot;
        var trusted = string.Join(", ", previous.Roots.Keys);
        if (newSigner != oldSigner)
        {
            if (!previous.Roots.ContainsKey(newSigner))
            {
                r.Report(Codes.RotationPhaseSkipped.At("meshstack:signingRoot",
                    $"'{newSigner}' is not trusted by the deployed clusters yet (they trust {trusted}): a leaf it signs would be refused by every workload that has only the old bundle. " +
                    $"First add '{newSigner}' to meshstack:rootCas keeping meshstack:signingRoot: {oldSigner} and update; switch the signer in a later update, at least {Hours(ttl)} afterwards"));
            }
            else if (trust.Find(oldSigner) is null)
            {
                r.Report(Codes.RotationPhaseSkipped.At("meshstack:rootCas",
                    $"this update switches the signer from '{oldSigner}' to '{newSigner}' and removes '{oldSigner}' at once: leaves '{oldSigner}' signed are live for up to {Hours(ttl)} and would be refused. " +
                    $"Keep '{oldSigner}' in meshstack:rootCas while switching; remove it in a later update, at least {Hours(ttl)} after the switch"));
            }
            else if (now is { } at && previous.Roots[newSigner].TrustedSince is { } added && at < added + ttl)
            {
                Early(trust, r, Codes.SignerSwitchedTooSoon.At("meshstack:signingRoot",
                    $"'{newSigner}' was added on {Time(added)}; workloads learn a new trust bundle only with their next certificate, so until {Time(added + ttl)} (meshstack:workloadCertTtlHours: {trust.WorkloadCertTtlHours}) some may not trust a leaf it signs. " +
                    "Switch the signer after that time"));
            }
        }
        else if (trust.Find(oldSigner) is null)
        {
            r.Report(Codes.RotationPhaseSkipped.At("meshstack:rootCas", $"the signing root '{oldSigner}' cannot be removed while it signs; switch meshstack:signingRoot first"));
        }

        CheckReload(spec, previous, r);
        foreach (var gone in previous.Roots.Keys.Where(n => trust.Find(n) is null && n != oldSigner))
        {
            if (gone == previous.RetiredSigner && now is { } at && previous.SignerSince is { } switched && at < switched + ttl)
            {
                Early(trust, r, Codes.RootRetiredTooSoon.At("meshstack:rootCas",
                    $"'{gone}' stopped signing on {Time(switched)}; workload certificates it signed live until {Time(switched + ttl)} (meshstack:workloadCertTtlHours: {trust.WorkloadCertTtlHours}) and would be refused without it. " +
                    $"Keep '{gone}' in meshstack:rootCas until then, or set meshstack:forceRootRetire: true to remove it anyway"));
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

        var restarts = string.Join("; ", spec.Clusters.Select(c => $"kubectl{(c.Connection.Context is { } ctx ? $" --context {ctx}" : "")} rollout restart deployment -n NAMESPACE"));
        r.Report(Codes.IstiodRestartAfterRotation.At("meshstack:rootCas",
            $"this update rolls istiod {spec.IstioVersion} in each cluster with the new trust bundle (its meshstack.io/trust pod annotation changes), but istiod {spec.IstioVersion}'s agents read its root only when a pod starts (pilot/pkg/bootstrap/server.go@1.7.8:1014, 1091-1094): " +
            $"restart every injected workload and gateway in every cluster after this update ({restarts}, for each namespace, istio-system included), and switch the signer no sooner than meshstack:workloadCertTtlHours after those restarts; a pod started before this update could not reach istiod once its certificate is signed by '{string.Join("', '", added)}'"));
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
                r.Report(Codes.IntermediateOutlivesRoot.At(root.ConfigPath,
                    $"the root '{root.Name}' expires on {Time(expiry)}, before intermediates issued now for {spec.IntermediateCa.ValidityDays} days would; Pulumi.Tls never clamps them to the root. " +
                    "Start a rotation: add a new root to meshstack:rootCas (docs/certificates-rotation.md)"));
            }
            else if (at >= expiry.AddDays(-root.RenewBeforeDays))
            {
                r.Report(Codes.RootRenewalDue.At(root.ConfigPath,
                    $"the root '{root.Name}' expires on {Time(expiry)} (renewal window {root.RenewBeforeDays} days). " +
                    (signs ? "Start a rotation now: add a new root to meshstack:rootCas, switch meshstack:signingRoot to it, then remove this one (docs/certificates-rotation.md)"
                           : "It no longer signs: remove it from meshstack:rootCas once no workload needs it")));
            }
        }
    }

    private static void Early(TrustSpec trust, NodeReader r, Diagnostic refusal)
    {
        r.Report(trust.ForceRootRetire
            ? Codes.RootRetireForced.At("meshstack:forceRootRetire", $"{refusal.Message.Split(". ")[0]}; going ahead because meshstack:forceRootRetire is true: remove the key after this update")
            : refusal);
    }

    private static string Hours(TimeSpan ttl) => string.Create(CultureInfo.InvariantCulture, $"{ttl.TotalHours:0} h");

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
