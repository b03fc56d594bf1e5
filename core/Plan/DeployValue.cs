namespace MeshStack.Core.Plan;

/// <summary>
/// A value the plan needs but core cannot know: it exists only once clusters and certificates do.
/// Components resolve these to Pulumi outputs; the CLI resolves them from flags or files.
/// </summary>
public abstract record DeployValue
{
    /// <summary>True when the value is key material or a credential.</summary>
    public virtual bool IsSecret => false;

    /// <summary>A short human description, used in plan output and "unresolved" diagnostics.</summary>
    public abstract string Describe();
}

/// <summary>The address (IP or host name) of a cluster's east-west gateway, from its LoadBalancer status.</summary>
public sealed record GatewayAddressOf(string Cluster) : DeployValue
{
    /// <inheritdoc />
    public override string Describe() => $"gateway address of {Cluster}";
}

/// <summary>Egress variant: STATIC when every remote gateway address is an IP, DNS when any is a host name.</summary>
public sealed record ResolutionFor(string RemoteClusters) : DeployValue
{
    /// <summary>The remote clusters, comma-separated and sorted (a string keeps record equality by value).</summary>
    public IEnumerable<string> Remotes => RemoteClusters.Split(',');

    /// <inheritdoc />
    public override string Describe() => $"resolution for the gateway addresses of {RemoteClusters}";
}

/// <summary>Egress variant: the consumer's egress gateway ClusterIP (STATIC) or its service name (DNS), as <see cref="ResolutionFor"/> decides.</summary>
public sealed record EgressEndpointFor(string Consumer, string RemoteClusters) : DeployValue
{
    /// <inheritdoc />
    public override string Describe() => $"egress gateway endpoint of {Consumer} towards {RemoteClusters}";
}

/// <summary>The ClusterIP of a cluster's egress gateway Service.</summary>
public sealed record EgressGatewayIpOf(string Cluster) : DeployValue
{
    /// <inheritdoc />
    public override string Describe() => $"egress gateway ClusterIP of {Cluster}";
}

/// <summary>The ClusterIP of the istiocoredns Service (legacy profile).</summary>
public sealed record IstioCoreDnsIpOf(string Cluster) : DeployValue
{
    /// <inheritdoc />
    public override string Describe() => $"istiocoredns ClusterIP of {Cluster}";
}

/// <summary>The mesh ID when none is configured: generated once and kept (Pulumi.Random, or the CLI lock file).</summary>
public sealed record GeneratedMeshId : DeployValue
{
    /// <inheritdoc />
    public override string Describe() => "generated mesh ID";
}

/// <summary>One PEM file of a cluster's <c>cacerts</c> Secret.</summary>
public sealed record CaFileOf(string Cluster, CaFile File) : DeployValue
{
    /// <inheritdoc />
    public override bool IsSecret => true;

    /// <inheritdoc />
    public override string Describe() => $"{Pki.CaFiles.FileName(File)} of {Cluster}";
}

/// <summary>The files of Istio's <c>cacerts</c> Secret.</summary>
public enum CaFile
{
    /// <summary>ca-cert.pem: the cluster's intermediate certificate.</summary>
    CaCert,

    /// <summary>ca-key.pem: the intermediate's private key.</summary>
    CaKey,

    /// <summary>root-cert.pem: the shared root.</summary>
    RootCert,

    /// <summary>cert-chain.pem: intermediate then root.</summary>
    CertChain,
}

/// <summary>
/// The bearer token of a cluster's <c>istio-reader-service-account</c>, from the token Secret MeshStack creates there
/// (its <c>data.token</c>, decoded). A credential: the other clusters' remote secrets carry it.
/// </summary>
public sealed record ReaderTokenOf(string Cluster) : DeployValue
{
    /// <inheritdoc />
    public override bool IsSecret => true;

    /// <inheritdoc />
    public override string Describe() => $"reader token of {Cluster}";
}

/// <summary>The CA bundle of a cluster's API server, base64 as the token Secret's <c>data["ca.crt"]</c> holds it.</summary>
public sealed record ApiServerCaOf(string Cluster) : DeployValue
{
    /// <inheritdoc />
    public override string Describe() => $"API server CA data of {Cluster}";
}
