using System.Globalization;
using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Deployment;

/// <summary>
/// A root rotation across per-cluster stacks. Every stack's <c>cacerts</c> holds the root stack's current signer and
/// trust bundle, so the stacks must move together, one phase at a time (docs/certificates-rotation.md):
/// <list type="bullet">
/// <item>the root stack leads: it takes the next rotation phase only when every other deployed stack has deployed its
/// last one (MSH218), and its waits (MSH096 before the switch, MSH084 before the old root goes) count from the latest
/// of them: a stack that deployed phase 1 an hour after the root stack has workloads that learn the new bundle an hour
/// later;</item>
/// <item>every other stack follows: its own roots and signer must be what the root stack deployed last (MSH217), so its
/// record says what it really deployed and its own order checks (<see cref="TrustTransitions"/>) see each phase.</item>
/// </list>
/// </summary>
internal static class ClusterStackTrust
{
    public static void Check(MeshSpec spec, TrustRecord? previous, ClusterStacks stacks, DateTimeOffset? now, NodeReader r)
    {
        if (!stacks.IsRoot)
        {
            Follow(spec, stacks.RootStack, stacks, r);
        }
        else if (previous is not null && AppliedTrust.Moves(previous, spec.Trust))
        {
            Lead(spec, previous, stacks, now, r);
        }
    }

    private static void Follow(MeshSpec spec, string rootStack, ClusterStacks stacks, NodeReader r)
    {
        if (stacks.Deployments.GetValueOrDefault(rootStack) is not { } text || Read(text) is not { } led)
        {
            return;  // the root stack has not recorded trust (MSH210 covers a root stack with no outputs)
        }

        var trust = spec.Trust;
        var same = led.Signer == trust.SigningRoot
            && led.Roots.Keys.SequenceEqual(trust.Roots.Select(x => x.Name).Order(StringComparer.Ordinal))
            && trust.Roots.All(x => led.Roots[x.Name].Fingerprint is not { } f || f == TrustRecord.Fingerprint(x.Source));
        if (!same)
        {
            r.Report(Codes.ClusterStackTrustDiffers.At(trust.Roots.Length > 1 || led.Roots.Count > 1 ? "meshstack:rootCas" : "meshstack:rootCa",
                $"the root stack {rootStack} last deployed {Describe(led)}, but this stack's config says {Describe(trust)}; a cluster stack's cacerts come from the root stack, so its roots and signer must be the same. " +
                $"Run each rotation phase on {rootStack} first, then here with the same meshstack:rootCas and meshstack:signingRoot as {rootStack}'s last update"));
        }
    }

    private static void Lead(MeshSpec spec, TrustRecord previous, ClusterStacks stacks, DateTimeOffset? now, NodeReader r)
    {
        var trust = spec.Trust;
        var ttl = TimeSpan.FromHours(trust.WorkloadCertTtlHours);
        var switching = previous.Signer != trust.SigningRoot;
        var retiring = previous.Roots.Keys.Where(n => trust.Find(n) is null && n == previous.RetiredSigner).ToList();
        foreach (var (stack, text) in stacks.Deployments)
        {
            var record = Read(text);
            if (record is null)
            {
                r.Report(Codes.ClusterStackBehind.At("meshstack:rootCas",
                    $"stack {stack}'s deployment record cannot be read, so this rotation step cannot be checked against what it deployed; run pulumi up on {stack} (with this stack's last roots and signer) before the next step"));
                continue;
            }

            if (record.Signer != previous.Signer || !record.Roots.Keys.SequenceEqual(previous.Roots.Keys))
            {
                r.Report(Codes.ClusterStackBehind.At(switching ? "meshstack:signingRoot" : "meshstack:rootCas",
                    $"stack {stack} has not deployed this stack's last rotation step yet: it deployed {Describe(record)}, this stack {Describe(previous)}. " +
                    $"Its workloads would skip a phase; run pulumi up on {stack} first (and on every other cluster's stack), then take the next step here"));
                continue;
            }

            if (now is not { } at)
            {
                continue;
            }

            if (switching && record.Roots.GetValueOrDefault(trust.SigningRoot)?.TrustedSince is { } added && at < added + ttl)
            {
                Early(trust, r, Codes.SignerSwitchedTooSoon.At("meshstack:signingRoot",
                    $"stack {stack} deployed '{trust.SigningRoot}' on {Time(added)}; its workloads learn the new trust bundle only with their next certificate, so until {Time(added + ttl)} (meshstack:workloadCertTtlHours: {trust.WorkloadCertTtlHours}) some may not trust a leaf it signs. " +
                    "Switch the signer after that time"));
            }

            if (record.SignerSince is not { } switched || at >= switched + ttl)
            {
                continue;
            }

            foreach (var gone in retiring)
            {
                Early(trust, r, Codes.RootRetiredTooSoon.At("meshstack:rootCas",
                    $"stack {stack} switched from '{gone}' on {Time(switched)}; workload certificates '{gone}' signed there live until {Time(switched + ttl)} (meshstack:workloadCertTtlHours: {trust.WorkloadCertTtlHours}) and would be refused without it. " +
                    $"Keep '{gone}' in meshstack:rootCas until then, or set meshstack:forceRootRetire: true to remove it anyway"));
            }
        }
    }

    private static TrustRecord? Read(string text) => DeploymentRecordJson.Read(text) is ({ } record, null) ? record.TrustOrLegacy : null;

    private static void Early(TrustSpec trust, NodeReader r, Diagnostic refusal) =>
        r.Report(trust.ForceRootRetire
            ? Codes.RootRetireForced.At("meshstack:forceRootRetire", $"{refusal.Message.Split(". ")[0]}; going ahead because meshstack:forceRootRetire is true: remove the key after this update")
            : refusal);

    private static string Describe(TrustRecord t) => $"roots {string.Join(", ", t.Roots.Keys)} signed by '{t.Signer}'";

    private static string Describe(TrustSpec t) => $"roots {string.Join(", ", t.Roots.Select(x => x.Name).Order(StringComparer.Ordinal))} signed by '{t.SigningRoot}'";

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
