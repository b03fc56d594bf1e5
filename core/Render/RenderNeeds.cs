using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Dns;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>
/// What <c>meshstack render</c> needs beyond the stack file, so <c>meshstack validate</c> can say so (MSH125): every
/// deploy-time value a planned object refers to, mapped to the flag that supplies it.
/// </summary>
public static class RenderNeeds
{
    /// <summary>One MSH125 warning per flag and cluster, in flag then cluster order; empty when render needs no flag.</summary>
    public static ImmutableArray<Diagnostic> Of(FederationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var referenced = new HashSet<DeployValue>();

        // Planners share one spec between the copies of an object in every consumer cluster: each shared part is read once.
        var visited = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        // Key material is left out (render writes cacerts only with --ca-dir); remote secrets need their source's token.
        foreach (var o in plan.Clusters.SelectMany(c => c.Objects).Where(o => !o.IsSecret || Discovery.RemoteSecrets.SourceOf(o) is not null))
        {
            foreach (var entry in o.Manifest.Entries)
            {
                // metadata is each object's own: only the parts after it (spec, data, values) are shared.
                if (entry.Value is not (MapValue or ListValue) || entry.Key == "metadata" || visited.Add(entry.Value))
                {
                    Collect(entry.Value, referenced);
                }
            }
        }

        var needs = new SortedDictionary<(DeployOption Flag, string Cluster), (RenderNeed Need, string RemoteClusters)>();
        foreach (var value in referenced)
        {
            switch (value)
            {
                case GatewayAddressOf g:
                    needs[(DeployOption.GatewayAddress, g.Cluster)] = (RenderNeed.AutoGatewayAddress, "");
                    break;
                case EgressGatewayIpOf e:
                    needs[(DeployOption.EgressGatewayIp, e.Cluster)] = (RenderNeed.EgressGateway, "");
                    break;
                case EgressEndpointFor e when EgressNeedsIp(plan.Spec, e):
                    needs[(DeployOption.EgressGatewayIp, e.Consumer)] = (RenderNeed.EgressClusterIp, e.RemoteClusters);
                    break;
                case IstioCoreDnsIpOf d:
                    needs[(DeployOption.IstioCoreDnsIp, d.Cluster)] = (RenderNeed.DnsForward, "");
                    break;
                case MergedCorefile m when m.NeedsIstioCoreDns:
                    needs[(DeployOption.IstioCoreDnsIp, m.Cluster)] = (RenderNeed.CorefileForward, "");
                    break;
                case MergedStubDomains s:
                    needs[(DeployOption.IstioCoreDnsIp, s.Cluster)] = (RenderNeed.StubDomains, "");
                    break;
                case ReaderTokenOf t:
                    needs[(DeployOption.RemoteSecretToken, t.Cluster)] = (RenderNeed.ReaderToken, "");
                    break;
                default:
                    break;
            }
        }

        return needs.Select(n => DiagnosticBuilder.RenderNeedsFlag(n.Key.Flag, n.Key.Cluster, n.Value.Need, n.Value.RemoteClusters))
            .ToImmutableArray();
    }

    // An IP is needed unless some remote gateway is a fixed host name (then the egress endpoint is the service's DNS name).
    private static bool EgressNeedsIp(MeshSpec spec, EgressEndpointFor e) =>
        !e.RemoteClusters.Split(',').Any(c => spec.FindCluster(c)?.Gateway.Address is GatewayAddress.Hostname);

    private static void Collect(Value value, HashSet<DeployValue> into)
    {
        switch (value)
        {
            case MapValue map:
                foreach (var entry in map.Entries)
                {
                    Collect(entry.Value, into);
                }

                break;
            case ListValue list:
                foreach (var item in list.Items)
                {
                    Collect(item, into);
                }

                break;
            case Deferred d:
                into.Add(d.Ref);
                break;
            case Template t:
                foreach (var part in t.Parts.OfType<DeployValue>())
                {
                    into.Add(part);
                }

                break;
            default:
                break;
        }
    }
}
