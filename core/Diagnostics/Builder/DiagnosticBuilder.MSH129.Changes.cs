namespace MeshStack.Core.Diagnostics;

// MSH129-MSH139: day 2, renders over renders, and what a change does (issue 19).
public static partial class DiagnosticBuilder
{
    /// <summary>MSH129: the output folder holds stack <paramref name="owner"/>'s render, not <paramref name="stack"/>'s.</summary>
    public static Diagnostic OutputOfAnotherStack(string folder, string owner, string stack) => At("--out",
        $"'{folder}' holds the render of stack '{owner}', not of '{stack}': rendering over it would replace that stack's output and its prune would delete that stack's objects; choose another folder, or pass --force to replace it");

    /// <summary>MSH130: a file of the previous render is not YAML MeshStack reads back; <paramref name="yamlError"/> is the parser's message.</summary>
    internal static Diagnostic PreviousRenderUnreadable(string file, string yamlError) => At(file,
        $"'{file}' is not YAML MeshStack can read back ({yamlError}); render into a new folder, or pass --force to render over it without comparing");

    /// <summary>MSH130: the previous render's helmfile has no releases list.</summary>
    internal static Diagnostic PreviousRenderUnreadable(string file) => At(file, $"'{file}' has no releases list; render into a new folder, or pass --force");

    /// <summary>MSH131: a stack from standard input without --lock-file.</summary>
    public static Diagnostic NoLockFileForInput() => At("--lock-file",
        "a stack read from standard input has no lock file beside it, so every virtual address is allocated as if the stack were new and may differ from what 'render' keeps; pass --lock-file meshstack.<stack>.lock.json");

    /// <summary>MSH132: an object that cannot be updated in place; <paramref name="forcedBy"/> are the immutable fields.</summary>
    internal static Diagnostic ReplacesLiveObject(string path, string obj, IEnumerable<string> forcedBy, bool gitOps) => At(path, gitOps
        ? $"{obj} cannot be updated in place ({string.Join(", ", forcedBy)} immutable): the apply is refused until the live object is deleted (kubectl delete), which leaves a gap"
        : $"{obj} is replaced ({string.Join(", ", forcedBy)} forces it): the provider deletes the live object before it creates the new one (same name), which leaves a gap");

    /// <summary>MSH133: istio-system/cacerts is deleted or replaced.</summary>
    internal static Diagnostic CaCertsDeleted(string path) =>
        At(path, "istio-system/cacerts is deleted: an istiod that restarts without it signs with a self-signed CA and cross-cluster mTLS stops");

    /// <summary>MSH134: root-cert.pem changes.</summary>
    internal static Diagnostic RootChanges(string path) =>
        At(path, "the trust bundle (root-cert.pem) changes: workloads trust only the new bundle once istiod restarts; change roots only through the three rotation phases (add, switch signer, remove)");

    /// <summary>MSH135: a service's virtual address moves.</summary>
    internal static Diagnostic AddressMoves(string service, string before, string after) => At("meshstack:services",
        $"the virtual address of {service} moves from {before} to {after}: callers that resolved the old address keep using it until their DNS entry expires, and every caller's ServiceEntry changes; pin it with services[].address or keep the lock file");

    /// <summary>MSH136: a namespace is deleted.</summary>
    internal static Diagnostic NamespaceDeleted(string path, string ns) =>
        At(path, $"namespace {ns} is deleted, and every object in it with it, including those MeshStack did not render");

    /// <summary>MSH137: an object no longer rendered stays on the cluster; <paramref name="note"/> says what to do.</summary>
    internal static Diagnostic LeftBehind(string path, string obj, string? note) => At(path, $"{obj} is no longer rendered and stays on the cluster: {note}");

    /// <summary>MSH137: a cluster no longer rendered keeps its objects and releases.</summary>
    internal static Diagnostic LeftBehind(string cluster, int objects, int releases) => At(cluster,
        $"cluster {cluster} is no longer rendered: its {objects} object(s) and {releases} release(s) stay on it; remove them with the previous render before it is replaced (helmfile destroy, then kubectl delete -k for each folder, last to first)");

    /// <summary>MSH138: a control-plane chart (the base chart: the CRDs) is uninstalled.</summary>
    internal static Diagnostic ControlPlaneUninstalled(string path, string release, string chart) => At(path,
        $"release {release} ({chart}) is uninstalled: {(chart.Split('/')[^1] == "base" ? "its CRDs go, and every Istio object of the cluster with them" : "the cluster's control plane goes")}");

    /// <summary>MSH139: a Helm release moves to an older chart version.</summary>
    internal static Diagnostic ReleaseDowngrade(string path, string release, string before, string after) => At(path,
        $"release {release} moves down from chart {before} to {after}: Helm never downgrades CRDs kept in a chart's crds/ folder, and istiod {after} may not read what {before} wrote; downgrade one minor version at a time, as Istio documents");
}
