using System.Collections.Immutable;
using MeshStack.Core.Addressing;
using MeshStack.Core.Pki;

namespace MeshStack.Core.Plan;

/// <summary>
/// Turns a validated spec and its address table into the plan: for each cluster, the items of every concern,
/// ordered by stage, each depending on the items of the nearest earlier stage.
/// </summary>
public static class FederationPlanner
{
    /// <summary>Plans the whole federation.</summary>
    public static FederationPlan Plan(Model.MeshSpec spec, AddressTable addresses)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(addresses);
        var context = new PlanContext(spec, addresses);
        var routing = Routing.RoutingPlanner.PlanAll(context);
        var clusters = spec.Clusters
            .Select(cluster => new ClusterPlan
            {
                Cluster = cluster,
                IntermediateCertificate = CertificateProfile.Intermediate(spec, cluster),
                Items = Order(
                    NamespacePlanner.Plan(context, cluster)
                        .Concat(CaCertsPlanner.Plan(context, cluster))
                        .Concat(Istio.IstioInstallPlanner.Plan(context, cluster))
                        .Concat(Dns.DnsPlanner.Plan(context, cluster))
                        .Concat(routing[cluster.Name])
                        .Concat(Demo.DemoPlanner.Plan(context, cluster))),
            })
            .ToImmutableArray();
        return new FederationPlan
        {
            Spec = spec,
            Addresses = addresses,
            RootCertificate = CertificateProfile.Root(spec),
            Clusters = clusters,
        };
    }

    /// <summary>Sorts by stage then key, and makes each item depend on the items of the nearest earlier non-empty stage.</summary>
    internal static ImmutableArray<PlanItem> Order(IEnumerable<PlanItem> items)
    {
        var sorted = items.OrderBy(i => i.Stage).ThenBy(i => i.Key, StringComparer.Ordinal).ToList();
        var duplicate = sorted.GroupBy(i => i.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two planned items share the key {duplicate.Key}");
        }

        var result = ImmutableArray.CreateBuilder<PlanItem>(sorted.Count);
        ImmutableArray<string> previousStageKeys = [];
        foreach (var stage in sorted.GroupBy(i => i.Stage))
        {
            foreach (var item in stage)
            {
                result.Add(item with { DependsOn = item.DependsOn.IsEmpty ? previousStageKeys : item.DependsOn });
            }

            // Only the gates of a stage are waited on: the installs and namespaces, not every routing object.
            previousStageKeys = stage.Select(i => i.Key).ToImmutableArray();
        }

        return result.MoveToImmutable();
    }
}
