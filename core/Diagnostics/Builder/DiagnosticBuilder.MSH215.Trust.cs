using System.Globalization;

namespace MeshStack.Core.Diagnostics;

// MSH215-MSH220: the CA lifecycle, second pass (issue 20): imported chains, per-cluster stacks, CA folders.
public static partial class DiagnosticBuilder
{
    /// <summary>MSH215: certificate <paramref name="index"/> of an imported chain of <paramref name="count"/> has a path length too short for what sits below it.</summary>
    internal static Diagnostic ImportedRootPathLength(string path, string subject, int index, int count, int pathLength) => At(path,
        $"'{subject}'{ChainPosition(index, count)} has pathlen:{pathLength}, but every workload certificate would have {index + 1} CA certificate{(index == 0 ? "" : "s")} below it " +
        $"(each cluster's intermediate{(index == 0 ? "" : " and the imported certificates before it")}), so every peer would refuse it with \"path length constraint exceeded\"; " +
        $"import a CA whose pathlen is at least {index + 1} (or has none)");

    /// <summary>MSH216: certificate <paramref name="index"/> of an imported chain limits its extended key usage to <paramref name="usages"/>, without the <paramref name="missing"/> ones.</summary>
    internal static Diagnostic ImportedRootKeyUsage(string path, string subject, int index, int count, IEnumerable<string> usages, IEnumerable<string> missing) => At(path,
        $"'{subject}'{ChainPosition(index, count)} limits its extended key usage to {string.Join(", ", usages)}, without {string.Join(" and ", missing)}: istiod verifies its CA for serverAuth (it would refuse the cacerts, then fail to start), " +
        "and the server side of every mTLS connection verifies the client's chain for clientAuth (Envoy/BoringSSL: \"unsuitable certificate purpose\"); " +
        "import a CA without an extendedKeyUsage extension, or with both serverAuth and clientAuth in it");

    /// <summary>MSH216: certificate <paramref name="index"/> of an imported chain has name constraints.</summary>
    internal static Diagnostic ImportedRootKeyUsage(string path, string subject, int index, int count) => At(path,
        $"'{subject}'{ChainPosition(index, count)} has a nameConstraints extension: istiod re-mints its own serving certificate (istiod.istio-system.svc) under the cluster's intermediate " +
        "(pilot/pkg/bootstrap/istio_ca.go@1.30.3:411, certcontroller.go@1.30.3:205-227), which such constraints refuse (\"permitted subtree violation\"), so no proxy could reach istiod; " +
        "import a CA without name constraints");

    /// <summary>MSH217: this cluster stack's roots and signer are not the ones <paramref name="rootStack"/> last deployed.</summary>
    internal static Diagnostic ClusterStackTrustDiffers(string path, string rootStack, IEnumerable<string> deployedRoots, string deployedSigner, IEnumerable<string> roots, string signer) => At(path,
        $"the root stack {rootStack} last deployed {Trust(deployedRoots, deployedSigner)}, but this stack's config says {Trust(roots, signer)}; a cluster stack's cacerts come from the root stack, so its roots and signer must be the same. " +
        $"Run each rotation phase on {rootStack} first, then here with the same meshstack:rootCas and meshstack:signingRoot as {rootStack}'s last update");

    /// <summary>MSH218: another cluster stack's deployment record cannot be read.</summary>
    internal static Diagnostic ClusterStackBehind(string stack) => At("meshstack:rootCas",
        $"stack {stack}'s deployment record cannot be read, so this rotation step cannot be checked against what it deployed; run pulumi up on {stack} (with this stack's last roots and signer) before the next step");

    /// <summary>MSH218: another cluster stack has not deployed this stack's last rotation step.</summary>
    internal static Diagnostic ClusterStackBehind(string path, string stack, IEnumerable<string> deployedRoots, string deployedSigner, IEnumerable<string> roots, string signer) => At(path,
        $"stack {stack} has not deployed this stack's last rotation step yet: it deployed {Trust(deployedRoots, deployedSigner)}, this stack {Trust(roots, signer)}. " +
        $"Its workloads would skip a phase; run pulumi up on {stack} first (and on every other cluster's stack), then take the next step here");

    /// <summary>MSH219: a rotation step while the CA folder's last one (written at <paramref name="pendingSince"/>) is not marked applied; putting back <paramref name="fromRoots"/> signed by <paramref name="fromSigner"/> abandons it.</summary>
    internal static Diagnostic RotationStepNotApplied(string path, DateTimeOffset pendingSince, IEnumerable<string> roots, string signer, bool legacyGateways, string folder, IEnumerable<string> fromRoots, string fromSigner) => At(path,
        $"the CA folder's last rotation step (written on {TimeToMinute(pendingSince)}: {Trust(roots, signer)}) is not marked applied, so this step could reach the clusters in the same apply and skip a phase. " +
        $"Render it, apply it to every cluster{(legacyGateways ? " (then restart istiod and every workload: istiod 1.7 reads cacerts and its agents read its root only at start)" : "")}, run meshstack ca applied {folder}, and take this step a workload certificate lifetime later; " +
        $"to abandon the pending step instead, put back {Trust(fromRoots, fromSigner)}");

    /// <summary>MSH220: the deployed stacks name different root stacks.</summary>
    internal static Diagnostic RootStackMoved(IEnumerable<string> recordedRoots) => At("meshstack:clusters",
        $"the deployed stacks name different root stacks ({string.Join(", ", recordedRoots)}): only one of them holds the root CA keys the federation trusts. Find it (the stack with the rootPrivateKeyPem output) and restore the others' deployment outputs from their history");

    /// <summary>MSH220: the root stack's <paramref name="cluster"/> left the config.</summary>
    internal static Diagnostic RootStackMoved(string rootStack, string cluster) => At("meshstack:clusters",
        $"the root stack {rootStack} holds the federation's root CA keys, but its cluster is no longer in meshstack:clusters; another stack would become the root and mint new root keys the deployed clusters do not trust. " +
        $"Keep the cluster '{cluster}' in the config (it stays the root)");

    private static string ChainPosition(int index, int count) => count == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" (certificate {index + 1} of {count})");

    private static string Trust(IEnumerable<string> roots, string signer) => $"roots {string.Join(", ", roots)} signed by '{signer}'";
}
