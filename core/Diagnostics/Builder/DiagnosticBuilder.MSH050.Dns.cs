using MeshStack.Core.Dns;
using MeshStack.Core.Model;

namespace MeshStack.Core.Diagnostics;

// MSH050-MSH053: DNS.
public static partial class DiagnosticBuilder
{
    /// <summary>MSH050: a DNS mode the profile cannot do.</summary>
    internal static Diagnostic UnsupportedDnsMode(string path, Profile profile, SourcePosition? position) => At(path, profile == Profile.MultiPrimary
        ? "the kube-dns and coredns stub modes forward to istiocoredns, which only the legacy-gateways profile installs; use 'proxy' (Istio DNS proxying) or 'hosts'"
        : "Istio's DNS proxy answers for ServiceEntry addresses only in the current profile; with legacy-gateways use kube-dns or coredns-<version>", position);

    /// <summary>MSH051: coreDnsVersion is not a version.</summary>
    internal static Diagnostic UnknownCoreDnsVersion(string path, string text, SourcePosition? position) =>
        At(path, $"'{text}' is not a version such as 1.8.0", position);

    /// <summary>MSH051: the suffix of coredns-<c>VERSION</c> is not a version.</summary>
    internal static Diagnostic UnknownCoreDnsVersion(string path, string text, string suffix, SourcePosition? position) =>
        At(path, $"'{text}': '{suffix}' is not a CoreDNS version; write e.g. coredns-1.8.0", position);

    /// <summary>MSH051: 'coredns' without a version.</summary>
    internal static Diagnostic UnknownCoreDnsVersion(string path, SourcePosition? position) =>
        At(path, "'coredns' needs the cluster's CoreDNS version: write coredns-1.8.0, or set coreDnsVersion", position);

    /// <summary>MSH051: a CoreDNS release older than the oldest whose plugins MeshStack knows.</summary>
    internal static Diagnostic UnknownCoreDnsVersion(string path, CoreDnsVersion version, SourcePosition? position) =>
        At(path, $"CoreDNS {version} is older than {CoreDnsPlugins.Oldest}, the oldest version MeshStack knows the plugins of", position);

    /// <summary>MSH052: the live Corefile cannot take the global block; <paramref name="error"/> is the merger's reason.</summary>
    internal static Diagnostic CorefileNotMergeable(string cluster, string error) =>
        At($"{cluster}/{DnsPlanner.KubeSystem}/coredns.data.Corefile", error);

    /// <summary>MSH053: the live stubDomains is not a JSON object of name-server lists; <paramref name="error"/> says how.</summary>
    internal static Diagnostic StubDomainsNotMergeable(string cluster, string error) =>
        At($"{cluster}/{DnsPlanner.KubeSystem}/kube-dns.data.stubDomains", error);
}
