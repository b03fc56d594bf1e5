using System.Globalization;
using MeshStack.Core.Model;

namespace MeshStack.Core.Diagnostics;

// MSH080-MSH089 and MSH094-MSH097: several roots and their rotation (issue 20).
public static partial class DiagnosticBuilder
{
    /// <summary>MSH080: both the rootCa shorthand and rootCas.</summary>
    internal static Diagnostic RootCaAndRootCas(SourcePosition? position) => At("meshstack:rootCas",
        "both meshstack:rootCa and meshstack:rootCas are set; rootCa is the one-root shorthand for rootCas: [{ name: ca, ... }]: move the root into rootCas as the entry named 'ca' (its resources keep their names) and remove rootCa",
        position);

    /// <summary>MSH081: a root name used twice; <paramref name="first"/> is the config path of its first use.</summary>
    internal static Diagnostic DuplicateRootName(string path, string name, string first, SourcePosition? position) =>
        At(path, $"the root name '{name}' is already used by {first}; give each root its own name (its Pulumi resources are named after it)", position);

    /// <summary>MSH082: a signingRoot other than the rootCa shorthand's one root.</summary>
    internal static Diagnostic UnknownSigningRoot(string text, SourcePosition? position) => At("meshstack:signingRoot",
        $"'{text}' is not a listed root: with the meshstack:rootCa shorthand the only root is named '{RootSpec.ShorthandName}'; list the roots in meshstack:rootCas to sign with another",
        position);

    /// <summary>MSH082: several roots and no signingRoot.</summary>
    internal static Diagnostic UnknownSigningRoot(IReadOnlyList<string> roots) => At("meshstack:signingRoot",
        $"meshstack:rootCas lists {roots.Count} roots ({string.Join(", ", roots)}): name the one that signs the intermediates, e.g. meshstack:signingRoot: {roots[0]}");

    /// <summary>MSH082: a signingRoot that is not one of <paramref name="roots"/>; <paramref name="closest"/> is the root it may be a typo of.</summary>
    internal static Diagnostic UnknownSigningRoot(string text, IEnumerable<string> roots, string? closest, SourcePosition? position) => At("meshstack:signingRoot",
        $"'{text}' is not one of the roots in meshstack:rootCas ({string.Join(", ", roots)}){DidYouMean(closest)}; a signer must be a trusted root", position);

    /// <summary>MSH083: the signer switches to a root the deployed clusters do not trust yet (<paramref name="trusted"/> they do).</summary>
    internal static Diagnostic RotationPhaseSkipped(string newSigner, string oldSigner, IEnumerable<string> trusted, TimeSpan ttl) => At("meshstack:signingRoot",
        $"'{newSigner}' is not trusted by the deployed clusters yet (they trust {string.Join(", ", trusted)}): a leaf it signs would be refused by every workload that has only the old bundle. " +
        $"First add '{newSigner}' to meshstack:rootCas keeping meshstack:signingRoot: {oldSigner} and update; switch the signer in a later update, at least {Hours(ttl)} afterwards");

    /// <summary>MSH083: one update switches the signer and removes the old one.</summary>
    internal static Diagnostic RotationPhaseSkipped(string oldSigner, string newSigner, TimeSpan ttl) => At("meshstack:rootCas",
        $"this update switches the signer from '{oldSigner}' to '{newSigner}' and removes '{oldSigner}' at once: leaves '{oldSigner}' signed are live for up to {Hours(ttl)} and would be refused. " +
        $"Keep '{oldSigner}' in meshstack:rootCas while switching; remove it in a later update, at least {Hours(ttl)} after the switch");

    /// <summary>MSH083: the signing root is removed while it signs.</summary>
    internal static Diagnostic RotationPhaseSkipped(string oldSigner) =>
        At("meshstack:rootCas", $"the signing root '{oldSigner}' cannot be removed while it signs; switch meshstack:signingRoot first");

    /// <summary>MSH084: a retired signer removed before the leaves it signed have expired.</summary>
    internal static Diagnostic RootRetiredTooSoon(string root, DateTimeOffset switched, TimeSpan ttl, int ttlHours) => At("meshstack:rootCas",
        $"'{root}' stopped signing on {TimeToMinute(switched)}; workload certificates it signed live until {TimeToMinute(switched + ttl)} (meshstack:workloadCertTtlHours: {ttlHours}) and would be refused without it. " +
        $"Keep '{root}' in meshstack:rootCas until then, or set meshstack:forceRootRetire: true to remove it anyway");

    /// <summary>MSH084: per-cluster stacks: the retired signer is removed before the leaves it signed in <paramref name="stack"/> expire.</summary>
    internal static Diagnostic RootRetiredTooSoon(string stack, string root, DateTimeOffset switched, TimeSpan ttl, int ttlHours) => At("meshstack:rootCas",
        $"stack {stack} switched from '{root}' on {TimeToMinute(switched)}; workload certificates '{root}' signed there live until {TimeToMinute(switched + ttl)} (meshstack:workloadCertTtlHours: {ttlHours}) and would be refused without it. " +
        $"Keep '{root}' in meshstack:rootCas until then, or set meshstack:forceRootRetire: true to remove it anyway");

    /// <summary>MSH085: an early rotation step (MSH084 or MSH096) taken anyway because forceRootRetire is set.</summary>
    internal static Diagnostic RootRetireForced(Diagnostic refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return At("meshstack:forceRootRetire", $"{refusal.Message.Split(". ")[0]}; going ahead because meshstack:forceRootRetire is true: remove the key after this update");
    }

    /// <summary>MSH086: a root in its renewal window; a root that still <paramref name="signs"/> needs a rotation.</summary>
    internal static Diagnostic RootRenewalDue(string path, string root, DateTimeOffset expiry, int renewBeforeDays, bool signs) => At(path,
        $"the root '{root}' expires on {TimeToMinute(expiry)} (renewal window {renewBeforeDays} days). " +
        (signs ? "Start a rotation now: add a new root to meshstack:rootCas, switch meshstack:signingRoot to it, then remove this one (docs/certificates-rotation.md)"
               : "It no longer signs: remove it from meshstack:rootCas once no workload needs it"));

    /// <summary>MSH087: intermediates issued now for <paramref name="days"/> days would outlive the only, generated root.</summary>
    internal static Diagnostic IntermediateOutlivesRoot(string path, string root, DateTimeOffset expiry, int days) => At(path,
        $"the root '{root}' expires on {TimeToMinute(expiry)}, before intermediates issued now for {days} days would; Pulumi.Tls never clamps them to the root. " +
        "Start a rotation: add a new root to meshstack:rootCas (docs/certificates-rotation.md)");

    /// <summary>MSH088: generated roots without protect.</summary>
    internal static Diagnostic RootsUnprotected() => At("meshstack:unprotectRootCa",
        "the generated root keys are not protected: 'pulumi destroy' deletes them and with them the only copy of each root key; use this on a throwaway dev stack only");

    /// <summary>MSH089: rootCas is an empty list.</summary>
    internal static Diagnostic NoRoots(SourcePosition? position) => At("meshstack:rootCas",
        "the list is empty; list at least one root, e.g. rootCas: [{ name: ca, generate: {} }], or drop rootCas to use the default generated root", position);

    /// <summary>MSH094: a deployed root whose settings changed (a generated root's, or an imported certificate).</summary>
    internal static Diagnostic RootChanged(string path, string root, bool generated) => At(path,
        $"the root '{root}' is deployed with other settings: a changed {(generated ? "generate setting (subject, algorithm or validity: replace-on-change in terraform-provider-tls)" : "certificate")} replaces the root, every intermediate and every cacerts in one update, and workloads on either side stop completing mTLS. " +
        $"Put its settings back; to change them, add a root under a new name and rotate to it (docs/certificates-rotation.md)");

    /// <summary>MSH095: with istiod 1.7, the roots <paramref name="added"/> reach workloads only when they restart; <paramref name="contexts"/> are the clusters' contexts.</summary>
    internal static Diagnostic IstiodRestartAfterRotation(IstioVersion version, IEnumerable<string?> contexts, IEnumerable<string> added)
    {
        var restarts = string.Join("; ", contexts.Select(ctx => $"kubectl{(ctx is not null ? $" --context {ctx}" : "")} rollout restart deployment -n NAMESPACE"));
        return At("meshstack:rootCas",
            $"this update rolls istiod {version} in each cluster with the new trust bundle (its meshstack.io/trust pod annotation changes), but istiod {version}'s agents read its root only when a pod starts (pilot/pkg/bootstrap/server.go@1.7.8:1014, 1091-1094): " +
            $"restart every injected workload and gateway in every cluster after this update ({restarts}, for each namespace, istio-system included), and switch the signer no sooner than meshstack:workloadCertTtlHours after those restarts; a pod started before this update could not reach istiod once its certificate is signed by '{string.Join("', '", added)}'");
    }

    /// <summary>MSH096: the signer switches before the new root reached every workload.</summary>
    internal static Diagnostic SignerSwitchedTooSoon(string newSigner, DateTimeOffset added, TimeSpan ttl, int ttlHours) => At("meshstack:signingRoot",
        $"'{newSigner}' was added on {TimeToMinute(added)}; workloads learn a new trust bundle only with their next certificate, so until {TimeToMinute(added + ttl)} (meshstack:workloadCertTtlHours: {ttlHours}) some may not trust a leaf it signs. " +
        "Switch the signer after that time");

    /// <summary>MSH096: per-cluster stacks: the signer switches before <paramref name="stack"/>'s workloads have the new root.</summary>
    internal static Diagnostic SignerSwitchedTooSoon(string stack, string signer, DateTimeOffset added, TimeSpan ttl, int ttlHours) => At("meshstack:signingRoot",
        $"stack {stack} deployed '{signer}' on {TimeToMinute(added)}; its workloads learn the new trust bundle only with their next certificate, so until {TimeToMinute(added + ttl)} (meshstack:workloadCertTtlHours: {ttlHours}) some may not trust a leaf it signs. " +
        "Switch the signer after that time");

    /// <summary>MSH097: rendered CA keys would land in a Git work tree that does not ignore them.</summary>
    public static Diagnostic CaKeysInRepository(string folder, string repository, string ignoreEntry) => At("--out",
        $"'{folder}' is inside the Git repository '{repository}' and no .gitignore covers it, but with --ca-dir the rendered cacerts Secrets hold every intermediate's private key in plain text; " +
        $"nothing was written. Render to a folder outside the repository, or add '{ignoreEntry}' to the repository's .gitignore (and encrypt the Secrets before they go to Git: SOPS, Sealed Secrets)");

    private static string Hours(TimeSpan ttl) => string.Create(CultureInfo.InvariantCulture, $"{ttl.TotalHours:0} h");

    private static string TimeToMinute(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
