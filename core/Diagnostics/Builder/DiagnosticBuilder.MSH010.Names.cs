namespace MeshStack.Core.Diagnostics;

/// <summary>How a required list is absent (MSH017).</summary>
internal enum ListAbsence
{
    /// <summary>The key is not written.</summary>
    KeyMissing,

    /// <summary>The key is written with no value.</summary>
    ValueEmpty,

    /// <summary>The list is written and empty.</summary>
    ListEmpty,
}

// MSH010-MSH017: names of clusters and services.
public static partial class DiagnosticBuilder
{
    /// <summary>MSH010: the trust domain is not a DNS name.</summary>
    internal static Diagnostic InvalidName(string path, string trustDomain) => At(path, $"'{trustDomain}' is not a DNS name");

    /// <summary>MSH010: a name is not a DNS-1123 label.</summary>
    internal static Diagnostic InvalidName(string path, string text, SourcePosition? position) =>
        At(path, $"'{text}' is not a DNS-1123 label (lower-case letters, digits and '-', at most 63)", position);

    /// <summary>MSH011: two clusters named <paramref name="name"/>.</summary>
    internal static Diagnostic DuplicateCluster(string path, string name) => At(path, $"the cluster name '{name}' is used twice");

    /// <summary>MSH012: a service declared twice in one namespace.</summary>
    internal static Diagnostic DuplicateService(string path, string name, string ns) =>
        At(path, $"the service '{name}' in namespace '{ns}' is declared twice");

    /// <summary>MSH013: a home cluster that is not declared; <paramref name="closest"/> is the declared cluster it may be a typo of.</summary>
    internal static Diagnostic UnknownHomeCluster(string path, string cluster, string? closest) => At(path, $"'{cluster}' is not a declared cluster{DidYouMean(closest)}");

    /// <summary>MSH014: a consumer that is not a declared cluster; <paramref name="closest"/> is the declared cluster it may be a typo of.</summary>
    internal static Diagnostic UnknownConsumer(string path, string cluster, string? closest) => At(path, $"'{cluster}' is not a declared cluster{DidYouMean(closest)}");

    /// <summary>MSH015: a consumer that is one of the service's home clusters.</summary>
    internal static Diagnostic ConsumerIsHome(string path, string cluster, string service) =>
        At(path, $"'{cluster}' is a home cluster of '{service}'; it reaches the service locally, drop it from consumers");

    /// <summary>MSH016: <c>meshstack:clusters</c> is not written.</summary>
    internal static Diagnostic NoClusters(string path) =>
        At(path, "declare at least one cluster: meshstack:clusters: [{ name: cluster1, context: ... }]");

    /// <summary>MSH017: a service's <c>clusters</c> list is missing or empty.</summary>
    internal static Diagnostic NoHomeCluster(string path, ListAbsence absence, SourcePosition? position) => At(path, absence switch
    {
        ListAbsence.KeyMissing => "missing: the clusters the service runs in, e.g. clusters: [cluster2]",
        ListAbsence.ValueEmpty => "the clusters the service runs in are empty; write them, e.g. clusters: [cluster2]",
        _ => "the list of home clusters is empty",
    }, position);
}
