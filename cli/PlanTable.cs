using System.Globalization;
using MeshStack.Core.Config;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Cli;

/// <summary>The human-readable plan: the federation, the address table, and per cluster the items by stage and kind.</summary>
internal static class PlanTable
{
    public static void Write(TextWriter w, FederationPlan plan)
    {
        var spec = plan.Spec;
        w.WriteLine($"Federation {spec.MeshId ?? "(mesh ID generated at deploy time)"} · profile {ConfigWords.Of(spec.Profile)} · Istio {spec.IstioVersion} · pool {spec.AddressPool}" +
                    (spec.DiscoversEndpoints ? $" · discovery {ConfigWords.Of(spec.Discovery)}" : ""));
        w.WriteLine();
        w.WriteLine("Clusters");
        Table(w, ["CLUSTER", "NETWORK", "DNS", "GATEWAY", "ADDRESS CARRIED BY", "EGRESS", "ITEMS"], spec.Clusters.Select(c => new[]
        {
            c.Name, c.Network, ConfigWords.Of(c.Dns), Gateway(c.Gateway), MeshStack.Core.Istio.GatewayAddressing.Describe(spec, c), c.EgressGateway ? "yes" : "no",
            plan.Clusters.First(p => p.Cluster.Name == c.Name).Items.Length.ToString(CultureInfo.InvariantCulture),
        }));
        w.WriteLine();
        w.WriteLine("Services");
        Table(w, ["SERVICE", "ADDRESS", "HOMES", "CONSUMERS", "ROUTE", "VERSIONS"], spec.Services.Select(s => new[]
        {
            spec.CallerHost(s), spec.PlansGlobalNames ? plan.Addresses[s.Key].ToString() : "-", string.Join(",", s.HomeClusters), string.Join(",", s.Consumers),
            spec.PlansGlobalNames ? ConfigWords.Of(s.Route) : "endpoints", s.Versions.IsEmpty ? "-" : string.Join(",", s.Versions),
        }));
        foreach (var cluster in plan.Clusters)
        {
            w.WriteLine();
            w.WriteLine($"{cluster.Cluster.Name}: in order");
            Table(w, ["STAGE", "KIND", "COUNT", "EXAMPLE"], cluster.Items
                .GroupBy(i => (i.Stage, Kind: Kind(i)))
                .Select(g => new[] { g.Key.Stage.ToString(), g.Key.Kind, g.Count().ToString(CultureInfo.InvariantCulture), g.First().Key }));
        }
    }

    private static string Kind(PlanItem item) => item switch
    {
        PlannedObject o => o.Mode == ApplyMode.Patch ? $"{o.Kind} (patch)" : o.Kind,
        HelmRelease r => $"HelmRelease {r.Chart}@{r.Version}",
        _ => item.GetType().Name,
    };

    private static string Gateway(GatewaySpec g)
    {
        var address = g.Address switch
        {
            GatewayAddress.Ip ip => ip.Value,
            GatewayAddress.Hostname h => h.Value,
            _ => "auto",
        };
        return g.NodePort is { } port ? $"{address}:{port.ToString(CultureInfo.InvariantCulture)} (nodePort)" : $"{address}:15443";
    }

    private static void Table(TextWriter w, string[] headers, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        w.WriteLine("  " + string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in all)
        {
            w.WriteLine("  " + string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }

        if (all.Count == 0)
        {
            w.WriteLine("  (none)");
        }
    }
}
