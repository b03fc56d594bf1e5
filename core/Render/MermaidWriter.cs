using System.Text;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>
/// Draws the federation as a Mermaid flowchart: a subgraph per cluster with its east-west (and egress) gateway and the
/// services it hosts; an edge from each consumer cluster to the home gateway of each service it calls.
/// </summary>
public static class MermaidWriter
{
    /// <summary>The Mermaid text.</summary>
    public static string Write(FederationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var spec = plan.Spec;
        var sb = new StringBuilder();
        sb.Append("flowchart LR\n");
        foreach (var c in spec.Clusters)
        {
            sb.Append("  subgraph ").Append(Id("c", c.Name)).Append("[\"").Append(c.Name).Append(" (").Append(c.Network).Append(")\"]\n");
            sb.Append("    ").Append(Id("gw", c.Name)).Append("{{\"east-west gateway :").Append(c.Gateway.PeerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\"}}\n");
            if (c.EgressGateway)
            {
                sb.Append("    ").Append(Id("egw", c.Name)).Append("{{\"egress gateway\"}}\n");
            }

            foreach (var s in spec.Services.Where(s => s.HomeClusters.Contains(c.Name)))
            {
                sb.Append("    ").Append(Id("svc", c.Name + "." + s.Key)).Append("[\"").Append(s.GlobalHost).Append("<br/>").Append(plan.Addresses[s.Key].ToString()).Append("\"]\n");
                sb.Append("    ").Append(Id("gw", c.Name)).Append(" --> ").Append(Id("svc", c.Name + "." + s.Key)).Append('\n');
            }

            sb.Append("  end\n");
        }

        foreach (var s in spec.Services)
        {
            foreach (var consumer in s.Consumers)
            {
                foreach (var home in s.HomeClusters)
                {
                    var from = s.Route == RouteMode.Egress ? Id("egw", consumer) : Id("c", consumer);
                    if (s.Route == RouteMode.Egress)
                    {
                        sb.Append("  ").Append(Id("c", consumer)).Append(" -.-> ").Append(from).Append('\n');
                    }

                    sb.Append("  ").Append(from).Append(" -- \"").Append(s.GlobalHost).Append("\" --> ").Append(Id("gw", home)).Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    private static string Id(string prefix, string name) => prefix + "_" + name.Replace('-', '_').Replace('.', '_');
}
