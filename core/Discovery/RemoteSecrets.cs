using System.Collections.Immutable;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Discovery;

/// <summary>
/// Names and formats of Istio's remote secrets, exactly as <c>istioctl create-remote-secret</c> writes them
/// (istio/istio <c>istioctl/pkg/multicluster/remote_secret.go</c>; its <c>remote_secret_test.go</c> holds the expected text).
/// </summary>
public static class RemoteSecrets
{
    /// <summary>The ServiceAccount whose token istiod of the other clusters uses (the base chart's <c>templates/reader-serviceaccount.yaml</c>).</summary>
    public const string ReaderServiceAccount = "istio-reader-service-account";

    /// <summary>The token Secret istioctl creates for it on Kubernetes 1.24+ (<c>tokenSecretName</c>).</summary>
    public const string ReaderTokenSecret = ReaderServiceAccount + "-istio-remote-secret-token";

    /// <summary>Kubernetes' annotation naming a token Secret's ServiceAccount (<c>v1.ServiceAccountNameKey</c>).</summary>
    public const string ServiceAccountNameAnnotation = "kubernetes.io/service-account.name";

    /// <summary>The Secret type the token controller fills with <c>token</c> and <c>ca.crt</c>.</summary>
    public const string ServiceAccountTokenType = "kubernetes.io/service-account-token";

    /// <summary>istioctl's <c>remoteSecretPrefix</c>.</summary>
    public const string NamePrefix = "istio-remote-secret-";

    /// <summary>The label istiod's secret controller watches (<c>multicluster.MultiClusterSecretLabel</c>).</summary>
    public const string MultiClusterLabel = "istio/multiCluster";

    /// <summary>istioctl's <c>clusterNameAnnotationKey</c>.</summary>
    public const string ClusterAnnotation = "networking.istio.io/cluster";

    /// <summary>The remote secret of <paramref name="cluster"/>, as the other clusters hold it.</summary>
    public static string NameOf(string cluster) => NamePrefix + cluster;

    /// <summary>The cluster whose API server a planned remote secret opens, or null when the object is not a remote secret.</summary>
    public static string? SourceOf(PlannedObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.Concern == Concern.Discovery && o.Kind == "Secret" && o.Name.StartsWith(NamePrefix, StringComparison.Ordinal)
            ? o.Name[NamePrefix.Length..]
            : null;
    }

    /// <summary>
    /// The kubeconfig istioctl encodes (<c>createBearerTokenKubeconfig</c> through client-go's <c>latest.Codec</c>):
    /// one cluster, context and user, all named after the cluster; keys in client-go's order.
    /// </summary>
    public static Template Kubeconfig(string cluster, string server)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(server);
        return new Template(ImmutableArray.Create<object>(
            "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ",
            new ApiServerCaOf(cluster),
            $"\n    server: {server}\n  name: {cluster}\ncontexts:\n- context:\n    cluster: {cluster}\n    user: {cluster}\n  name: {cluster}\n" +
            $"current-context: {cluster}\nkind: Config\npreferences: {{}}\nusers:\n- name: {cluster}\n  user:\n    token: ",
            new ReaderTokenOf(cluster),
            "\n"));
    }

    /// <summary>
    /// The line said when remote secrets are not written (render-only mode, or <c>meshstack render</c> without the
    /// source cluster's token): without a cluster there is no token, and a remote secret without one only makes istiod fail.
    /// </summary>
    public static string SkipNotice(string holder, IEnumerable<string> sources, string how) =>
        $"{holder}: skipped the remote secret(s) of {string.Join(", ", sources)}: no reader token ({how}); " +
        "istiod here will not discover their endpoints until the remote secrets are applied";
}
