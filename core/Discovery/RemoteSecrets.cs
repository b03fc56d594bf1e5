using System.Collections.Immutable;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Discovery;

/// <summary>
/// Names and formats of Istio's remote secrets, exactly as <c>istioctl create-remote-secret</c> writes them
/// (istio/istio <c>istioctl/pkg/multicluster/remote_secret.go</c>; its <c>remote_secret_test.go</c> holds the expected text).
/// </summary>
public static partial class RemoteSecrets
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
        var name = QuotedIfNotAString(cluster);
        return new Template(ImmutableArray.Create<object>(
            "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ",
            new ApiServerCaOf(cluster),
            $"\n    server: {server}\n  name: {name}\ncontexts:\n- context:\n    cluster: {name}\n    user: {name}\n  name: {name}\n" +
            $"current-context: {name}\nkind: Config\npreferences: {{}}\nusers:\n- name: {name}\n  user:\n    token: ",
            new ReaderTokenOf(cluster),
            "\n"));
    }

    /// <summary>
    /// A cluster name as go-yaml (YAML 1.1, what client-go's codec writes and reads) needs it: a DNS label such as
    /// <c>123</c>, <c>1e3</c>, <c>yes</c> or <c>null</c> would read back as a number, a boolean or null, so it is
    /// double-quoted, as go-yaml quotes such strings when it writes them.
    /// </summary>
    public static string QuotedIfNotAString(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name is "y" or "yes" or "n" or "no" or "true" or "false" or "on" or "off" or "null" || YamlNumber().IsMatch(name)
            ? $"\"{name}\""
            : name;
    }

    // go-yaml v2 resolve.go: decimal/octal integers (with _), 0x and 0b integers, and floats with an exponent.
    [System.Text.RegularExpressions.GeneratedRegex("^([0-9][0-9_]*|0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|[0-9][0-9_]*(\\.[0-9_]*)?(e[-+]?[0-9]+)?)$")]
    private static partial System.Text.RegularExpressions.Regex YamlNumber();

    /// <summary>
    /// The line said when remote secrets are not written (render-only mode, or <c>meshstack render</c> without the
    /// source cluster's token): without a cluster there is no token, and a remote secret without one only makes istiod fail.
    /// </summary>
    public static string SkipNotice(string holder, IEnumerable<string> sources, string how) =>
        $"{holder}: skipped the remote secret(s) of {string.Join(", ", sources)}: no reader token ({how}); " +
        "istiod here will not discover their endpoints until the remote secrets are applied";
}
