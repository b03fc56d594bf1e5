using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Discovery;

/// <summary>
/// The rules of <c>meshstack:discovery</c> and <c>clusters[].apiServer</c>: endpoint discovery is current Istio's
/// multi-primary mechanism, so it needs that profile, one stack (the reader tokens never leave it), and an https URL of
/// every cluster's API server that the other clusters can reach.
/// </summary>
internal static class DiscoveryChecks
{
    public static void Check(MeshSpec spec, IReadOnlyList<SpecReader.ReadCluster> clusters, IReadOnlyList<SpecReader.ReadService> services, NodeReader r)
    {
        if (spec.Discovery == DiscoveryMode.Endpoints && spec.Profile == Profile.MultiPrimary)
        {
            foreach (var s in services)
            {
                if (s.Spec.Route == RouteMode.Egress)
                {
                    r.Report(Codes.GlobalOnlySetting.At(ConfigPath.Child(s.Path, "route"),
                        "'egress' routes NAME.NS.global through the consumer's egress gateway; discovery 'endpoints' creates no .global names, so it is not used: use discovery: both, or drop route"));
                }

                if (!s.Spec.Weights.IsEmpty)
                {
                    r.Report(Codes.GlobalOnlySetting.At(ConfigPath.Child(s.Path, "weights"),
                        $"the weighted VirtualService is written for {s.Spec.GlobalHost}, which discovery 'endpoints' does not create: split {s.Spec.LocalHost} with your own VirtualService, or use discovery: both"));
                }
            }
        }

        if (!spec.DiscoversEndpoints)
        {
            foreach (var c in clusters.Where(c => c.Spec.ApiServer is not null))
            {
                r.Report(Codes.ApiServerUnused.At(ConfigPath.Child(c.Path, "apiServer"),
                    $"'{c.Spec.ApiServer}' is only read with meshstack:discovery endpoints or both (the stack uses global); set discovery or drop apiServer"));
            }

            return;
        }

        var mode = ConfigWords.Of(spec.Discovery);
        if (spec.Profile == Profile.LegacyGateways)
        {
            r.Report(Codes.DiscoveryNeedsMultiPrimary.At("meshstack:discovery",
                $"'{mode}': the legacy-gateways profile (Istio 1.6-1.8) has .global names only; use profile: multi-primary for endpoint discovery, or drop discovery"));
            return;
        }

        if (spec.StackMode == StackMode.PerCluster)
        {
            r.Report(Codes.DiscoveryPerClusterStacks.At("meshstack:discovery",
                $"'{mode}' with stackMode 'per-cluster': each cluster's reader token would have to cross stacks as a stack output; use stackMode: federation, or discovery: global"));
        }

        var servers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in clusters)
        {
            var path = ConfigPath.Child(c.Path, "apiServer");
            if (c.Spec.ApiServer is not { } server)
            {
                r.Report(Codes.ApiServerMissing.At(path,
                    $"cluster '{c.Spec.Name}' has no apiServer; with discovery '{mode}' the other clusters' istiods read its API server: set apiServer: https://HOST:PORT (reachable from the other clusters)"));
                continue;
            }

            if (!ApiServerUrl.TryParse(server, out var host))
            {
                r.Report(Codes.ApiServerInvalid.At(path,
                    $"'{server}' is not an https URL of a host (https://HOST[:PORT][/PATH], no user, query or fragment); e.g. https://10.0.0.5:6443"));
                continue;
            }

            if (ApiServerUrl.IsLoopback(host))
            {
                r.Report(Codes.ApiServerLoopback.At(path,
                    $"'{server}' is a loopback address: istiod in the other clusters cannot reach it (kind: use the control-plane container's address, e.g. https://172.18.0.2:6443, as istioctl's --server)"));
            }

            if (servers.TryGetValue(server.TrimEnd('/'), out var other))
            {
                r.Report(Codes.ApiServerTwice.At(path,
                    $"'{server}' is also the apiServer of '{other}'; every cluster has its own API server, and istiod would read one cluster twice"));
            }
            else
            {
                servers[server.TrimEnd('/')] = c.Spec.Name;
            }

            if (c.Spec.Dns.Mode != DnsMode.Proxy && spec.Discovery == DiscoveryMode.Endpoints)
            {
                r.Report(Codes.GlobalDnsWithoutGlobalNames.At(ConfigPath.Child(c.Path, "dns"),
                    $"'{c.Spec.Dns.Mode.ToString().ToLowerInvariant()}' serves NAME.NS.global names, which discovery 'endpoints' does not create; use dns: proxy, or discovery: both"));
            }
        }
    }
}
