namespace MeshStack.Core.Render;

/// <summary>The <c>meshstack render</c> flags that supply a deploy-time value per cluster (<c>--flag CLUSTER=VALUE</c>).</summary>
public enum DeployOption
{
    /// <summary><c>--gateway-address</c>: the east-west gateway's address, for <c>gateway.address: auto</c>.</summary>
    GatewayAddress,

    /// <summary><c>--egress-gateway-ip</c>: the ClusterIP of the cluster's egress gateway.</summary>
    EgressGatewayIp,

    /// <summary><c>--istiocoredns-ip</c>: the ClusterIP of istiocoredns (legacy DNS).</summary>
    IstioCoreDnsIp,

    /// <summary><c>--corefile</c>: the live <c>kube-system/coredns</c> ConfigMap (or its Corefile), read from a file.</summary>
    Corefile,

    /// <summary><c>--stub-domains</c>: the live <c>kube-system/kube-dns</c> ConfigMap (or its stubDomains JSON), read from a file.</summary>
    StubDomains,

    /// <summary><c>--remote-secret-token</c>: a cluster's reader token Secret (endpoint discovery), read from a file.</summary>
    RemoteSecretToken,
}

/// <summary>One occurrence of a deploy-time flag. For file flags <paramref name="Value"/> is the file's text and <paramref name="Raw"/> names the file.</summary>
/// <param name="Flag">Which flag.</param>
/// <param name="Cluster">The text before '='.</param>
/// <param name="Value">The text after '=' (or the content of the file it names).</param>
/// <param name="Raw">The argument as given, quoted in diagnostics.</param>
public sealed record FlagArgument(DeployOption Flag, string Cluster, string Value, string Raw);

/// <summary>Names and value descriptions of the deploy-time flags.</summary>
public static class DeployFlags
{
    /// <summary>The command-line name.</summary>
    public static string Name(DeployOption flag) => flag switch
    {
        DeployOption.GatewayAddress => "--gateway-address",
        DeployOption.EgressGatewayIp => "--egress-gateway-ip",
        DeployOption.IstioCoreDnsIp => "--istiocoredns-ip",
        DeployOption.Corefile => "--corefile",
        DeployOption.StubDomains => "--stub-domains",
        DeployOption.RemoteSecretToken => "--remote-secret-token",
        _ => throw new ArgumentOutOfRangeException(nameof(flag)),
    };

    /// <summary>What goes after <c>CLUSTER=</c>, for usage text and hints.</summary>
    public static string Placeholder(DeployOption flag) => flag switch
    {
        DeployOption.GatewayAddress => "<LoadBalancer IP or host name>",
        DeployOption.EgressGatewayIp => "<ClusterIP of istio-egressgateway>",
        DeployOption.IstioCoreDnsIp => "<ClusterIP of istiocoredns>",
        DeployOption.Corefile => "<file: kubectl -n kube-system get configmap coredns -o yaml>",
        DeployOption.StubDomains => "<file: kubectl -n kube-system get configmap kube-dns -o yaml>",
        DeployOption.RemoteSecretToken => "<file: kubectl -n istio-system get secret " + Discovery.RemoteSecrets.ReaderTokenSecret + " -o yaml>",
        _ => throw new ArgumentOutOfRangeException(nameof(flag)),
    };

    /// <summary>True when the flag names a file whose content is the value.</summary>
    public static bool TakesFile(DeployOption flag) => flag is DeployOption.Corefile or DeployOption.StubDomains or DeployOption.RemoteSecretToken;

    /// <summary><c>--flag CLUSTER=&lt;…&gt;</c>.</summary>
    public static string Usage(DeployOption flag, string cluster) => $"{Name(flag)} {cluster}={Placeholder(flag)}";
}
