using System.Globalization;
using System.Text;
using MeshStack.Core.Addressing;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>
/// Draws the federation as a Mermaid flowchart, as detailed as stays readable and under Mermaid's default text limit
/// (<see cref="MaxTextSize"/>): up to <see cref="DetailedRouteLimit"/> routes, a subgraph per cluster with its gateways
/// (and their addresses), its services and an edge per service; then one edge per pair of clusters labelled with the
/// number of services; for the largest federations one node per cluster and the heaviest pair edges (at most
/// <see cref="PairEdgeLimit"/>, and as many as fit),
/// with a note naming what was left out. Edges start at the consumer cluster (or its egress gateway) and end at the
/// home cluster's east-west gateway.
/// </summary>
public static class MermaidWriter
{
    /// <summary>Mermaid's default <c>maxTextSize</c>: longer text is refused ("Maximum text size in diagram exceeded").</summary>
    public const int MaxTextSize = 50_000;

    /// <summary>Above this many service routes the picture draws one edge per pair of clusters.</summary>
    public const int DetailedRouteLimit = 40;

    /// <summary>At most this many cluster-pair edges are drawn (heaviest first): beyond it no layout stays readable.</summary>
    public const int PairEdgeLimit = 300;

    /// <summary>Longest gateway address shown in the compact picture.</summary>
    private const int CompactAddressLength = 40;

    /// <summary>The Mermaid text of a plan.</summary>
    public static string Write(FederationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Write(plan.Spec, plan.Addresses);
    }

    /// <summary>The Mermaid text of a federation and its virtual addresses.</summary>
    public static string Write(Model.MeshSpec spec, AddressTable addresses)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(addresses);
        var model = MermaidModel.Of(spec, addresses);
        if (model.Routes.Count <= DetailedRouteLimit && Detailed(model) is { Length: < MaxTextSize } detailed)
        {
            return detailed;
        }

        var pairCount = model.Routes.Select(r => (r.Consumer, r.ViaEgress, r.Home)).Distinct().Count();
        return pairCount <= PairEdgeLimit && Pairs(model) is { Length: < MaxTextSize } pairs ? pairs : Compact(model);
    }

    private static string Detailed(MermaidModel model)
    {
        var sb = new StringBuilder("flowchart LR\n");
        foreach (var c in model.Clusters)
        {
            Subgraph(sb, c, () =>
            {
                for (var i = 0; i < model.Services.Count; i++)
                {
                    var (s, address) = model.Services[i];
                    if (!s.HomeClusters.Contains(c.Name))
                    {
                        continue;
                    }

                    var id = Id("svc", c.Name) + "_" + i.ToString(CultureInfo.InvariantCulture);
                    // With discovery endpoints there is no virtual address: the service keeps its svc.cluster.local name.
                    sb.Append("    ").Append(id).Append("[\"").Append(address.Length == 0 ? s.LocalHost : s.GlobalHost + "<br/>" + address).Append("\"]\n");
                    sb.Append("    ").Append(Id("gw", c.Name)).Append(" --> ").Append(id).Append('\n');
                }
            });
        }

        foreach (var r in model.Routes)
        {
            Edge(sb, r.ViaEgress, r.Consumer, r.Home, r.Host);
        }

        return sb.ToString();
    }

    private static string Pairs(MermaidModel model)
    {
        var sb = new StringBuilder("flowchart LR\n");
        var hosted = model.Services.SelectMany(s => s.Service.HomeClusters).CountBy(h => h).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var c in model.Clusters)
        {
            Subgraph(sb, c, () =>
            {
                if (hosted.TryGetValue(c.Name, out var n))
                {
                    sb.Append("    ").Append(Id("svc", c.Name)).Append("[\"").Append(MermaidModel.Count(n, "service")).Append("\"]\n");
                    sb.Append("    ").Append(Id("gw", c.Name)).Append(" --> ").Append(Id("svc", c.Name)).Append('\n');
                }
            });
        }

        foreach (var pair in model.Routes.GroupBy(r => (r.Consumer, r.ViaEgress, r.Home)))
        {
            var hosts = pair.ToList();
            Edge(sb, pair.Key.ViaEgress, pair.Key.Consumer, pair.Key.Home, hosts.Count == 1 ? hosts[0].Host : MermaidModel.Count(hosts.Count, "service"));
        }

        return sb.ToString();
    }

    // One node per cluster, no subgraphs, pair edges heaviest first while they fit; always under the limit.
    private static string Compact(MermaidModel model)
    {
        var index = model.Clusters.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var pairs = model.Routes.GroupBy(r => (r.Consumer, r.Home))
            .Select(g => (g.Key.Consumer, g.Key.Home, Count: g.Count(), Egress: g.All(r => r.ViaEgress)))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Consumer, StringComparer.Ordinal).ThenBy(p => p.Home, StringComparer.Ordinal)
            .ToList();
        const int NoteReserve = 300;
        var budget = MaxTextSize - 1 - NoteReserve;
        var sb = new StringBuilder("flowchart LR\n");
        var drawn = new HashSet<int>();
        foreach (var c in model.Clusters)
        {
            var node = string.Create(CultureInfo.InvariantCulture, $"  g{index[c.Name]}{{{{\"{c.Name}<br/>{MermaidModel.GatewayAddress(c, CompactAddressLength)}\"}}}}\n");
            if (sb.Length + node.Length > budget)
            {
                break;
            }

            sb.Append(node);
            drawn.Add(index[c.Name]);
        }

        var edges = 0;
        foreach (var p in pairs)
        {
            var (from, to) = (index[p.Consumer], index[p.Home]);
            if (!drawn.Contains(from) || !drawn.Contains(to))
            {
                continue;
            }

            var edge = string.Create(CultureInfo.InvariantCulture, $"  g{from} {(p.Egress ? "-." : "--")} \"{MermaidModel.Count(p.Count, "service")}\" {(p.Egress ? ".->" : "-->")} g{to}\n");
            if (edges == PairEdgeLimit || sb.Length + edge.Length > budget)
            {
                break;
            }

            sb.Append(edge);
            edges++;
        }

        var missingClusters = model.Clusters.Count - drawn.Count;
        var missingPairs = pairs.Count - edges;
        if (missingClusters > 0 || missingPairs > 0)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"  more[\"not drawn: {MermaidModel.Count(missingClusters, "cluster")}, {MermaidModel.Count(missingPairs, "cluster pair")}; meshstack plan --json lists every route\"]\n");
        }

        return sb.ToString();
    }

    private static void Subgraph(StringBuilder sb, Model.ClusterSpec c, Action body)
    {
        sb.Append("  subgraph ").Append(Id("c", c.Name)).Append("[\"").Append(c.Name).Append(" (").Append(c.Network).Append(")\"]\n");
        sb.Append("    ").Append(Id("gw", c.Name)).Append("{{\"east-west gateway<br/>").Append(MermaidModel.GatewayAddress(c)).Append("\"}}\n");
        if (c.EgressGateway)
        {
            sb.Append("    ").Append(Id("egw", c.Name)).Append("{{\"egress gateway\"}}\n");
        }

        body();
        sb.Append("  end\n");
    }

    private static void Edge(StringBuilder sb, bool viaEgress, string consumer, string home, string label) =>
        sb.Append("  ").Append(viaEgress ? Id("egw", consumer) : Id("c", consumer)).Append(" -- \"").Append(label).Append("\" --> ").Append(Id("gw", home)).Append('\n');

    // Cluster names are DNS labels (no '_'), so this is one-to-one.
    private static string Id(string prefix, string name) => prefix + "_" + name.Replace('-', '_');
}
