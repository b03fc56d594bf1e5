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

    /// <summary>A reader token file that is not one Secret.</summary>
    NotASecret,

    /// <summary>A reader token Secret of another type than a service-account token.</summary>
    NotATokenSecret,

    /// <summary>A reader token Secret whose token controller has not filled data.token and data["ca.crt"] yet.</summary>
    TokenNotFilled,

    /// <summary>A reader token whose data.token is not a JWT.</summary>
    NotAJwt,

    /// <summary>A reader token whose data is not base64.</summary>
    NotBase64,

    /// <summary>A live ConfigMap (<c>--corefile</c>, <c>--stub-domains</c>) without the flag's data key.</summary>
    NoDataKey,
}

/// <summary>Why a cluster takes no value from a deploy-time flag (MSH122).</summary>
internal enum NotDeployTimeReason
{
    /// <summary><c>--remote-secret-token</c> under discovery: global; the setting is the discovery word.</summary>
    NoRemoteSecrets,

    /// <summary><c>--gateway-address</c> for a cluster whose stack file sets it; the setting is the address.</summary>
    GatewayAddressSet,

    /// <summary><c>--egress-gateway-ip</c> for a cluster without an egress gateway.</summary>
    NoEgressGateway,

    /// <summary><c>--istiocoredns-ip</c> for a DNS mode without istiocoredns; the setting is the DNS mode word.</summary>
    NoIstioCoreDns,

    /// <summary><c>--corefile</c> for a DNS mode that leaves the Corefile alone; the setting is the DNS mode word.</summary>
    CorefileUnchanged,

    /// <summary><c>--stub-domains</c> for a cluster that does not use kube-dns; the setting is the DNS mode word.</summary>
    NotKubeDns,
}

/// <summary>What a deploy-time value that render will need is for (MSH125).</summary>
internal enum RenderNeed
{
    /// <summary>The cluster's gateway address is auto.</summary>
    AutoGatewayAddress,

    /// <summary>Egress routing goes through the cluster's egress gateway.</summary>
    EgressGateway,

    /// <summary>Egress routing to remote clusters whose gateway addresses are all IPs uses the egress gateway's ClusterIP.</summary>
    EgressClusterIp,

    /// <summary>The cluster's DNS forwards global to istiocoredns.</summary>
    DnsForward,

    /// <summary>The cluster's Corefile forwards global to istiocoredns.</summary>
    CorefileForward,

    /// <summary>The cluster's kube-dns stubDomains point global at istiocoredns.</summary>
    StubDomains,

    /// <summary>The other clusters' remote secrets for the cluster carry its reader token.</summary>
    ReaderToken,
}

// MSH120-MSH128: render inputs (the flags of meshstack render, and what validate says render will need).
public static partial class DiagnosticBuilder
{
    /// <summary>MSH120: a flag value of the wrong kind, a reader token file that cannot be used, or a live ConfigMap without the flag's data key.</summary>
    internal static Diagnostic InvalidFlagValue(FlagArgument flag, FlagValueProblem problem)
    {
        var pass = $"pass {DeployFlags.Usage(flag.Flag, flag.Cluster)}";
        var key = flag.Flag == DeployOption.Corefile ? "Corefile" : "stubDomains";
        return At(DeployFlags.Name(flag.Flag), $"'{flag.Raw}': " + problem switch
        {
            FlagValueProblem.NotAnAddress => $"'{flag.Value}' is neither an IP address nor a host name; {pass}",
            FlagValueProblem.NotAnIp => $"'{flag.Value}' is not an IP address (a ClusterIP); {pass}",
            FlagValueProblem.NotASecret => $"the file is not one Secret (save it with kubectl -n istio-system get secret {Discovery.RemoteSecrets.ReaderTokenSecret} -o yaml); {pass}",
            FlagValueProblem.NotATokenSecret => $"the Secret is not of type {Discovery.RemoteSecrets.ServiceAccountTokenType}; {pass}",
            FlagValueProblem.TokenNotFilled => $"the Secret has no data.token or data[\"ca.crt\"] yet (the token controller fills them once istio-reader-service-account exists); {pass}",
            FlagValueProblem.NotAJwt => $"data.token does not decode to a service-account token (a JWT); {pass}",
            FlagValueProblem.NotBase64 => $"data.token or data[\"ca.crt\"] is not base64; {pass}",
            _ => $"the ConfigMap has no data.{key}; pass the ConfigMap (kubectl -n kube-system get configmap -o yaml) or the {key} text itself",
        });
    }

    /// <summary>MSH121: a flag for a cluster the stack does not have.</summary>
    internal static Diagnostic FlagUnknownCluster(FlagArgument flag, IEnumerable<string> clusters) =>
        At(DeployFlags.Name(flag.Flag), $"'{flag.Raw}': '{flag.Cluster}' is not a cluster of this stack; the clusters are {string.Join(", ", clusters)}");

    /// <summary>MSH122: a flag for a value <paramref name="cluster"/> does not take at deploy time; <paramref name="setting"/> is the stack's value that says so.</summary>
    internal static Diagnostic FlagNotDeployTime(FlagArgument flag, NotDeployTimeReason reason, string cluster, string setting) => At(DeployFlags.Name(flag.Flag), $"'{flag.Raw}': " + reason switch
    {
        NotDeployTimeReason.NoRemoteSecrets => $"the stack uses discovery: {setting}, which has no remote secrets (only endpoints and both do)",
        NotDeployTimeReason.GatewayAddressSet => $"the gateway address of {cluster} is set in the stack file ({setting}), only 'auto' gateways take it from this flag",
        NotDeployTimeReason.NoEgressGateway => $"{cluster} has no egress gateway (egressGateway: true)",
        NotDeployTimeReason.NoIstioCoreDns => $"{cluster} uses dns: {setting}, which has no istiocoredns (only coredns-<version> and kube-dns do)",
        NotDeployTimeReason.CorefileUnchanged => $"MeshStack does not change the Corefile of {cluster} (dns: {setting})",
        _ => $"{cluster} does not use kube-dns (dns: {setting})",
    } + "; drop the flag");

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

    /// <summary>MSH125: render will need a flag for <paramref name="cluster"/>; <paramref name="remoteClusters"/> (comma-separated) is read for <see cref="RenderNeed.EgressClusterIp"/> only.</summary>
    internal static Diagnostic RenderNeedsFlag(DeployOption flag, string cluster, RenderNeed need, string remoteClusters) =>
        At(DeployFlags.Name(flag), $"render needs {DeployFlags.Usage(flag, cluster)}: " + need switch
        {
            RenderNeed.AutoGatewayAddress => "its gateway.address is auto",
            RenderNeed.EgressGateway => "egress routing goes through its egress gateway",
            RenderNeed.EgressClusterIp => $"egress routing to {remoteClusters} uses its egress gateway's ClusterIP when every remote gateway address is an IP",
            RenderNeed.DnsForward => "its DNS forwards global to istiocoredns",
            RenderNeed.CorefileForward => "its Corefile forwards global to istiocoredns",
            RenderNeed.StubDomains => "its kube-dns stubDomains point global at istiocoredns",
            _ => "the other clusters' remote secrets for it carry its reader token (without it render skips them, MSH168)",
        });

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
