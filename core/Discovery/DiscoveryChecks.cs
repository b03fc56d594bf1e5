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
                    r.Report(DiagnosticBuilder.GlobalOnlySetting(ConfigPath.Child(s.Path, "route")));
                }

                if (!s.Spec.Weights.IsEmpty)
                {
                    r.Report(DiagnosticBuilder.GlobalOnlySetting(ConfigPath.Child(s.Path, "weights"), s.Spec.GlobalHost, s.Spec.LocalHost));
                }
            }
        }

        if (!spec.DiscoversEndpoints)
        {
            foreach (var c in clusters.Where(c => c.Spec.ApiServer is not null))
            {
                r.Report(DiagnosticBuilder.ApiServerUnused(ConfigPath.Child(c.Path, "apiServer"), c.Spec.ApiServer!));
            }

            return;
        }

        var mode = ConfigWords.Of(spec.Discovery);
        if (spec.Profile == Profile.LegacyGateways)
        {
            r.Report(DiagnosticBuilder.DiscoveryNeedsMultiPrimary(mode));
            return;
        }

        if (spec.StackMode == StackMode.PerCluster)
        {
            r.Report(DiagnosticBuilder.DiscoveryPerClusterStacks(mode));
        }

        var servers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in clusters)
        {
            var path = ConfigPath.Child(c.Path, "apiServer");
            if (c.Spec.ApiServer is not { } server)
            {
                r.Report(DiagnosticBuilder.ApiServerMissing(path, c.Spec.Name, mode));
                continue;
            }

            if (!ApiServerUrl.TryParse(server, out var host))
            {
                r.Report(DiagnosticBuilder.ApiServerInvalid(path, server));
                continue;
            }

            if (ApiServerUrl.IsLoopback(host))
            {
                r.Report(DiagnosticBuilder.ApiServerLoopback(path, server));
            }

            if (servers.TryGetValue(server.TrimEnd('/'), out var other))
            {
                r.Report(DiagnosticBuilder.ApiServerTwice(path, server, other));
            }
            else
            {
                servers[server.TrimEnd('/')] = c.Spec.Name;
            }

            if (c.Spec.Dns.Mode != DnsMode.Proxy && spec.Discovery == DiscoveryMode.Endpoints)
            {
                r.Report(DiagnosticBuilder.GlobalDnsWithoutGlobalNames(ConfigPath.Child(c.Path, "dns"), c.Spec.Dns.Mode));
            }
        }
    }
}
