using Pulumi;

namespace MeshStack.Components;

/// <summary>One cluster of the federation (<c>meshstack:clusters[]</c>).</summary>
public sealed class MeshClusterArgs : ResourceArgs
{
    /// <summary>DNS-1123 label; also the Istio cluster name.</summary>
    [Input("name", required: true)]
    public string Name { get; set; } = null!;

    /// <summary>The kubeconfig context to deploy to (or give <see cref="Kubeconfig"/>).</summary>
    [Input("context")]
    public string? Context { get; set; }

    /// <summary>The cluster's kubeconfig (a path or its text), e.g. a cluster resource's kubeconfig output; always a secret.</summary>
    [Input("kubeconfig")]
    [SecretInput]
    public Input<string>? Kubeconfig { get; set; }

    /// <summary>The Istio network of the cluster's pods (default: the cluster name).</summary>
    [Input("network")]
    public string? Network { get; set; }

    /// <summary><c>proxy</c>, <c>hosts</c>, <c>kube-dns</c> or <c>coredns-&lt;version&gt;</c>: how <c>*.global</c> resolves.</summary>
    [Input("dns")]
    public string? Dns { get; set; }

    /// <summary>The cluster's CoreDNS version (for <c>hosts</c>).</summary>
    [Input("coreDnsVersion")]
    public string? CoreDnsVersion { get; set; }

    /// <summary>The east-west gateway.</summary>
    [Input("gateway")]
    public MeshGatewayArgs? Gateway { get; set; }

    /// <summary>Install an egress gateway (needed by consumers using <c>route: egress</c>).</summary>
    [Input("egressGateway")]
    public bool? EgressGateway { get; set; }

    /// <summary><c>region/zone</c> of the cluster's gateway endpoints.</summary>
    [Input("locality")]
    public string? Locality { get; set; }

    /// <summary>The cluster's Kubernetes version (<c>MAJOR.MINOR</c>), when it should be checked.</summary>
    [Input("kubernetesVersion")]
    public string? KubernetesVersion { get; set; }

    /// <summary>The API server URL the other clusters' istiods use (endpoint discovery).</summary>
    [Input("apiServer")]
    public string? ApiServer { get; set; }

    /// <summary>For one update: take over the objects that already exist in the cluster.</summary>
    [Input("adopt")]
    public bool? Adopt { get; set; }

    /// <summary>For one update: the deployed cluster is the same but reached another way (MSH212 otherwise).</summary>
    [Input("reconnect")]
    public bool? Reconnect { get; set; }

    /// <summary>The cluster is gone for good: set for one update, then remove the cluster (its deletes would fail otherwise).</summary>
    [Input("unreachable")]
    public bool? Unreachable { get; set; }
}

/// <summary>A cluster's east-west gateway.</summary>
public sealed class MeshGatewayArgs : ResourceArgs
{
    /// <summary>
    /// Where the other clusters reach it: <c>auto</c> (the LoadBalancer status, the default), an IP, a host name, or an
    /// output (a cloud load balancer's host name), known at deploy time.
    /// </summary>
    [Input("address")]
    public Input<string>? Address { get; set; }

    /// <summary>A NodePort gateway: peers use this port instead of 15443.</summary>
    [Input("nodePort")]
    public int? NodePort { get; set; }

    /// <summary>Only meaningful to refuse: with <c>legacy-gateways</c> the profile already has the 15443 gateway.</summary>
    [Input("globalGateway")]
    public bool? GlobalGateway { get; set; }
}
