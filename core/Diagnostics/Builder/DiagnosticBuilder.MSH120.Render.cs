using MeshStack.Core.Model;
using MeshStack.Core.Render;

namespace MeshStack.Core.Diagnostics;

/// <summary>What is wrong with a deploy-time flag's value (MSH120).</summary>
internal enum FlagValueProblem
{
    /// <summary>Neither an IP address nor a host name.</summary>
    NotAnAddress,

    /// <summary>Not an IP address (a ClusterIP).</summary>
    NotAnIp,
}

// MSH120-MSH128: render inputs (the flags of meshstack render, and what validate says render will need).
public static partial class DiagnosticBuilder
{
    /// <summary>MSH120: a flag value of the wrong kind.</summary>
    internal static Diagnostic InvalidFlagValue(FlagArgument flag, FlagValueProblem problem) => At(DeployFlags.Name(flag.Flag), problem == FlagValueProblem.NotAnAddress
        ? $"'{flag.Raw}': '{flag.Value}' is neither an IP address nor a host name; pass {DeployFlags.Usage(flag.Flag, flag.Cluster)}"
        : $"'{flag.Raw}': '{flag.Value}' is not an IP address (a ClusterIP); pass {DeployFlags.Usage(flag.Flag, flag.Cluster)}");

    /// <summary>MSH120: a reader token file that cannot be used; <paramref name="problem"/> is the token reader's finding.</summary>
    internal static Diagnostic InvalidFlagValue(FlagArgument flag, string problem) =>
        At(DeployFlags.Name(flag.Flag), $"'{flag.Raw}': {problem}; pass {DeployFlags.Usage(flag.Flag, flag.Cluster)}");

    /// <summary>MSH120: a live ConfigMap flag without the data <paramref name="key"/>; <paramref name="problem"/> is the reader's finding.</summary>
    internal static Diagnostic InvalidFlagValue(FlagArgument flag, string problem, string key) =>
        At(DeployFlags.Name(flag.Flag), $"'{flag.Raw}': {problem}; pass the ConfigMap (kubectl -n kube-system get configmap -o yaml) or the {key} text itself");

    /// <summary>MSH121: a flag for a cluster the stack does not have.</summary>
    internal static Diagnostic FlagUnknownCluster(FlagArgument flag, IEnumerable<string> clusters) =>
        At(DeployFlags.Name(flag.Flag), $"'{flag.Raw}': '{flag.Cluster}' is not a cluster of this stack; the clusters are {string.Join(", ", clusters)}");

    /// <summary>MSH122: a flag for a value this cluster does not take at deploy time; <paramref name="reason"/> says why.</summary>
    internal static Diagnostic FlagNotDeployTime(FlagArgument flag, string reason) => At(DeployFlags.Name(flag.Flag), $"'{flag.Raw}': {reason}; drop the flag");

    /// <summary>MSH123: a flag given twice for one cluster.</summary>
    internal static Diagnostic FlagRepeated(FlagArgument flag)
    {
        var name = DeployFlags.Name(flag.Flag);
        return At(name, $"'{flag.Raw}': {name} was already given for {flag.Cluster}; give it once per cluster");
    }

    /// <summary>MSH124: no live Corefile for a cluster: render assumes CoreDNS <paramref name="assumedVersion"/>'s default (null: the current upstream one).</summary>
    internal static Diagnostic DefaultDnsAssumed(string cluster, CoreDnsVersion? assumedVersion) => At(DeployFlags.Name(DeployOption.Corefile),
        $"no live Corefile for {cluster}: render merges the global block into {(assumedVersion is { } v ? $"the default Corefile of CoreDNS {v}" : "the current upstream default Corefile")}, and applying it replaces " +
        $"the cluster's own Corefile; pass {DeployFlags.Usage(DeployOption.Corefile, cluster)} to keep its server blocks");

    /// <summary>MSH124: no live kube-dns ConfigMap for a cluster: render assumes no stubDomains.</summary>
    internal static Diagnostic DefaultDnsAssumed(string cluster) => At(DeployFlags.Name(DeployOption.StubDomains),
        $"no live kube-dns ConfigMap for {cluster}: render assumes it has no stubDomains, and applying the result replaces any it has; " +
        $"pass {DeployFlags.Usage(DeployOption.StubDomains, cluster)} to keep them");

    /// <summary>MSH125: render will need a flag; <paramref name="why"/> says what for.</summary>
    internal static Diagnostic RenderNeedsFlag(DeployOption flag, string cluster, string why) =>
        At(DeployFlags.Name(flag), $"render needs {DeployFlags.Usage(flag, cluster)}: {why}");

    /// <summary>MSH126: no cacerts was rendered, so the clusters will not trust each other yet.</summary>
    public static Diagnostic NoCaCerts(int clusters, string stackFile = "STACK_FILE") => At("--ca-dir",
        $"no cacerts Secret was rendered for {clusters} cluster(s) (no --ca-dir): each istiod will sign workload certificates with its own " +
        "self-signed CA, and cross-cluster mTLS will NOT work until istio-system/cacerts (intermediate + shared root) is applied in every " +
        $"cluster before istiod starts; mint the CA with 'meshstack ca init {stackFile} --out DIR' (a folder outside the repository) and render with --ca-dir DIR");

    /// <summary>MSH127: the rendered cacerts files (<paramref name="folder"/>) hold private keys.</summary>
    public static Diagnostic CaCertsHoldKeys(int clusters, string folder) => At("--ca-dir",
        $"{folder} of {clusters} cluster(s) holds the intermediate CA's private key (ca-key.pem), written readable by its owner only (0600); " +
        "do not commit it in plain text: encrypt it (SOPS, Sealed Secrets) or apply it out of band and keep it out of Git (see docs/gitops.md, 'Key material in GitOps')");

    /// <summary>MSH128: <c>ca init --out</c> wrote keys into a Git work tree where nothing ignores them.</summary>
    public static Diagnostic CaFolderInRepository(string folder, string repository, string ignoreEntry) => At("--out",
        $"'{folder}' is inside the Git repository '{repository}' and no .gitignore covers it, but it holds private keys (root-key.pem, <cluster>/ca-key.pem); " +
        $"move it outside the repository (e.g. --out ../mesh-ca) or add '{ignoreEntry}' to the repository's .gitignore");
}
