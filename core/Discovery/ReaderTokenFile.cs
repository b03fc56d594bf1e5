using MeshStack.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Core.Discovery;

/// <summary>
/// Reads what <c>meshstack render --remote-secret-token CLUSTER=FILE</c> is given: the cluster's reader token Secret as
/// <c>kubectl -n istio-system get secret istio-reader-service-account-istio-remote-secret-token -o yaml</c> (or
/// <c>-o json</c>) saves it. The values never appear in a problem text.
/// </summary>
public static class ReaderTokenFile
{
    /// <summary>The decoded token and the base64 CA data, or what is wrong (MSH120 words it, quoting no value of the file).</summary>
    internal static (string? Token, string? CaData, FlagValueProblem? Problem) Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            using var reader = new StringReader(text);
            stream.Load(reader);
            root = stream.Documents.Count == 1 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlException)
        {
            root = null;
        }

        if (root is null || Scalar(root, "kind") != "Secret")
        {
            return (null, null, FlagValueProblem.NotASecret);
        }

        if (Scalar(root, "type") != RemoteSecrets.ServiceAccountTokenType)
        {
            return (null, null, FlagValueProblem.NotATokenSecret);
        }

        var data = root.Children.TryGetValue("data", out var d) ? d as YamlMappingNode : null;
        var token = data is null ? null : Scalar(data, "token");
        var ca = data is null ? null : Scalar(data, "ca.crt");
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(ca))
        {
            return (null, null, FlagValueProblem.TokenNotFilled);
        }

        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token));
            _ = Convert.FromBase64String(ca);
            return !IsServiceAccountToken(decoded)
                ? (null, null, FlagValueProblem.NotAJwt)
                : (decoded, ca, null);
        }
        catch (FormatException)
        {
            return (null, null, FlagValueProblem.NotBase64);
        }
    }

    /// <summary>A service-account token is a JWT (base64url parts and dots): nothing else goes into a kubeconfig's text.</summary>
    public static bool IsServiceAccountToken(string token) =>
        !string.IsNullOrEmpty(token) && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { } value } ? value : null;
}
