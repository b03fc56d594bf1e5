using MeshStack.Core.Dns;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Components.Mapping;

/// <summary>Every deploy-time value a plan needs, including those the derived kinds read and the gateway addresses the stack outputs.</summary>
internal static class ReferencedValues
{
    public static HashSet<DeployValue> Of(FederationPlan plan) => Of(plan.Spec, plan.Clusters);

    /// <summary>The values the given clusters' items need, and those clusters' own gateway addresses.</summary>
    public static HashSet<DeployValue> Of(MeshSpec spec, IEnumerable<ClusterPlan> clusters)
    {
        var found = new HashSet<DeployValue>();
        var list = clusters.ToList();
        var names = list.Select(c => c.Cluster.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var item in list.SelectMany(c => c.Items))
        {
            Walk(item switch
            {
                PlannedObject o => o.Manifest,
                HelmRelease r => r.Values,
                _ => MapValue.Empty,
            }, found);
        }

        foreach (var cluster in spec.Clusters.Where(c => c.Gateway.Address is GatewayAddress.Auto && names.Contains(c.Name)))
        {
            found.Add(new GatewayAddressOf(cluster.Name));
        }

        foreach (var value in found.ToList())
        {
            switch (value)
            {
                case ResolutionFor r:
                    found.UnionWith(r.Remotes.Select(c => new GatewayAddressOf(c)));
                    break;
                case MergedCorefile { NeedsIstioCoreDns: true } m:
                    found.Add(new IstioCoreDnsIpOf(m.Cluster));
                    break;
                case MergedStubDomains s:
                    found.Add(new IstioCoreDnsIpOf(s.Cluster));
                    break;
                case EgressEndpointFor e:
                    found.UnionWith(e.RemoteClusters.Split(',').Select(c => new GatewayAddressOf(c)));
                    found.Add(new EgressGatewayIpOf(e.Consumer));
                    break;
            }
        }

        return found;
    }

    private static void Walk(Value value, HashSet<DeployValue> found)
    {
        switch (value)
        {
            case MapValue map:
                map.Entries.ToList().ForEach(e => Walk(e.Value, found));
                break;
            case ListValue list:
                list.Items.ToList().ForEach(i => Walk(i, found));
                break;
            case Deferred d:
                found.Add(d.Ref);
                break;
            case Template t:
                found.UnionWith(t.Parts.OfType<DeployValue>());
                break;
        }
    }
}
