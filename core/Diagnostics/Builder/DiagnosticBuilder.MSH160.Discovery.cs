using MeshStack.Core.Model;
using MeshStack.Core.Render;

namespace MeshStack.Core.Diagnostics;

// MSH160-MSH169: endpoint discovery (remote secrets, the *.local cross-network gateway).
public static partial class DiagnosticBuilder
{
    /// <summary>MSH160: discovery with the legacy-gateways profile; <paramref name="mode"/> is the discovery word.</summary>
    internal static Diagnostic DiscoveryNeedsMultiPrimary(string mode) => At("meshstack:discovery",
        $"'{mode}': the legacy-gateways profile (Istio 1.6-1.8) has .global names only; use profile: multi-primary for endpoint discovery, or drop discovery");

    /// <summary>MSH161: a cluster without apiServer under discovery.</summary>
    internal static Diagnostic ApiServerMissing(string path, string cluster, string mode) => At(path,
        $"cluster '{cluster}' has no apiServer; with discovery '{mode}' the other clusters' istiods read its API server: set apiServer: https://HOST:PORT (reachable from the other clusters)");

    /// <summary>MSH162: an apiServer that is not an https URL of a host.</summary>
    internal static Diagnostic ApiServerInvalid(string path, string server) => At(path,
        $"'{server}' is not an https URL of a host (https://HOST[:PORT][/PATH], no user, query or fragment); e.g. https://10.0.0.5:6443");

    /// <summary>MSH163: a loopback apiServer.</summary>
    internal static Diagnostic ApiServerLoopback(string path, string server) => At(path,
        $"'{server}' is a loopback address: istiod in the other clusters cannot reach it (kind: use the control-plane container's address, e.g. https://172.18.0.2:6443, as istioctl's --server)");

    /// <summary>MSH164: discovery with per-cluster stacks.</summary>
    internal static Diagnostic DiscoveryPerClusterStacks(string mode) => At("meshstack:discovery",
        $"'{mode}' with stackMode 'per-cluster': each cluster's reader token would have to cross stacks as a stack output; use stackMode: federation, or discovery: global");

    /// <summary>MSH165: a .global DNS mode with discovery: endpoints.</summary>
    internal static Diagnostic GlobalDnsWithoutGlobalNames(string path, DnsMode mode) => At(path,
        $"'{mode.ToString().ToLowerInvariant()}' serves NAME.NS.global names, which discovery 'endpoints' does not create; use dns: proxy, or discovery: both");

    /// <summary>MSH166: an apiServer without discovery.</summary>
    internal static Diagnostic ApiServerUnused(string path, string server) => At(path,
        $"'{server}' is only read with meshstack:discovery endpoints or both (the stack uses global); set discovery or drop apiServer");

    /// <summary>MSH167: two clusters with one apiServer.</summary>
    internal static Diagnostic ApiServerTwice(string path, string server, string other) => At(path,
        $"'{server}' is also the apiServer of '{other}'; every cluster has its own API server, and istiod would read one cluster twice");

    /// <summary>MSH168: remote secrets not rendered for lack of reader tokens: per cluster that would hold them, the clusters they are of.</summary>
    public static Diagnostic RemoteSecretsSkipped(IEnumerable<(string Holder, IEnumerable<string> Sources)> skipped) => At("--remote-secret-token",
        string.Join("; ", skipped.Select(s => Discovery.RemoteSecrets.SkipNotice(s.Holder, s.Sources, "no --remote-secret-token for it"))) + ". Apply 05-meshconfig (it creates the reader token Secrets), then render again with " +
        $"{DeployFlags.Usage(DeployOption.RemoteSecretToken, "CLUSTER")} for each cluster");

    /// <summary>MSH169: route egress under discovery: endpoints.</summary>
    internal static Diagnostic GlobalOnlySetting(string path) => At(path,
        "'egress' routes NAME.NS.global through the consumer's egress gateway; discovery 'endpoints' creates no .global names, so it is not used: use discovery: both, or drop route");

    /// <summary>MSH169: weights under discovery: endpoints.</summary>
    internal static Diagnostic GlobalOnlySetting(string path, string globalHost, string localHost) => At(path,
        $"the weighted VirtualService is written for {globalHost}, which discovery 'endpoints' does not create: split {localHost} with your own VirtualService, or use discovery: both");
}
