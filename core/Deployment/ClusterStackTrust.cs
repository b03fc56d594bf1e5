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
        var same = AppliedTrust.SameStep(led.Signer, led.Roots.Keys, trust.SigningRoot, AppliedTrust.RootNames(trust))
            && trust.Roots.All(x => led.Roots[x.Name].Fingerprint is not { } f || f == TrustRecord.Fingerprint(x.Source));
        if (!same)
        {
            r.Report(DiagnosticBuilder.ClusterStackTrustDiffers(trust.Roots.Length > 1 || led.Roots.Count > 1 ? "meshstack:rootCas" : "meshstack:rootCa",
                rootStack, led.Roots.Keys, led.Signer, AppliedTrust.RootNames(trust), trust.SigningRoot));
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
                r.Report(DiagnosticBuilder.ClusterStackBehind(stack));
                continue;
            }

            if (!AppliedTrust.SameStep(record.Signer, record.Roots.Keys, previous.Signer, previous.Roots.Keys))
            {
                r.Report(DiagnosticBuilder.ClusterStackBehind(switching ? "meshstack:signingRoot" : "meshstack:rootCas",
                    stack, record.Roots.Keys, record.Signer, previous.Roots.Keys, previous.Signer));
                continue;
            }

            if (now is not { } at)
            {
                continue;
            }

            if (switching && record.Roots.GetValueOrDefault(trust.SigningRoot)?.TrustedSince is { } added && at < added + ttl)
            {
                TrustTransitions.Early(trust, r, DiagnosticBuilder.SignerSwitchedTooSoon(stack, trust.SigningRoot, added, ttl, trust.WorkloadCertTtlHours));
            }

            if (record.SignerSince is not { } switched || at >= switched + ttl)
            {
                continue;
            }

            foreach (var gone in retiring)
            {
                TrustTransitions.Early(trust, r, DiagnosticBuilder.RootRetiredTooSoon(stack, gone, switched, ttl, trust.WorkloadCertTtlHours));
            }
        }
    }

    private static TrustRecord? Read(string text) => DeploymentRecordJson.Read(text) is ({ } record, null) ? record.TrustOrLegacy : null;
}
