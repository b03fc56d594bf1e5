namespace MeshStack.Core.Model;

/// <summary>One Kubernetes cluster of the federation.</summary>
public sealed record ClusterSpec
{
    /// <summary>DNS-1123 label; also the Istio cluster name.</summary>
    public required string Name { get; init; }

    /// <summary>How to reach the cluster's API server.</summary>
    public required ClusterConnection Connection { get; init; }

    /// <summary>The Istio network the cluster's pods are on (default: the cluster name).</summary>
    public required string Network { get; init; }

    /// <summary>How <c>*.global</c> names resolve in this cluster.</summary>
    public required DnsSpec Dns { get; init; }

    /// <summary>The east-west gateway that receives traffic on 15443.</summary>
    public required GatewaySpec Gateway { get; init; }

    /// <summary>Whether the cluster runs an egress gateway (needed by consumers using egress routing).</summary>
    public bool EgressGateway { get; init; }

    /// <summary>Optional region/zone, used for endpoint locality.</summary>
    public string? Locality { get; init; }

    /// <summary>The cluster's Kubernetes version when the user states it (checked against what the Istio release installs on).</summary>
    public KubernetesVersion? KubernetesVersion { get; init; }

    /// <summary>
    /// The HTTPS URL the other clusters' istiods use to reach this cluster's API server (endpoint discovery); a kube
    /// context's server (kind's <c>https://127.0.0.1:PORT</c>) is usually not reachable from the other clusters.
    /// </summary>
    public string? ApiServer { get; init; }

    /// <summary>
    /// Take over the objects that already exist in the cluster for one update (another stack's, or a hand-made
    /// install): the provider upserts instead of failing with AlreadyExists. Off by default, so MeshStack never silently
    /// owns (and later deletes) what another stack manages.
    /// </summary>
    public bool Adopt { get; init; }

    /// <summary>
    /// For one update: the deployed cluster is now reached another way (a renamed kubeconfig context, a new API server
    /// endpoint) but is the same cluster. Without it a changed target is refused (MSH212).
    /// </summary>
    public bool Reconnect { get; init; }

    /// <summary>
    /// The cluster is gone for good (its API server no longer answers): its provider drops its resources from state
    /// instead of failing their deletes. Set it for one update, then remove the cluster in the next.
    /// </summary>
    public bool Unreachable { get; init; }
}

/// <summary>How Pulumi connects to a cluster: a kubeconfig context, a kubeconfig path or inline kubeconfig (a secret).</summary>
public sealed record ClusterConnection
{
    /// <summary>The kubeconfig context to use.</summary>
    public string? Context { get; init; }

    /// <summary>A kubeconfig file path, or inline kubeconfig text (treated as a secret).</summary>
    public SecretText? Kubeconfig { get; init; }
}

/// <summary>
/// A value that may be secret. <see cref="Value"/> is null when the value is encrypted in a stack file
/// and only Pulumi can read it.
/// </summary>
public sealed record SecretText(string? Value, bool IsSecret)
{
    /// <summary>Never prints the value.</summary>
    public override string ToString() => IsSecret ? "[secret]" : Value ?? "";
}
