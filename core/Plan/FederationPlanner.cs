using System.Collections.Immutable;
using MeshStack.Core.Addressing;
using MeshStack.Core.Pki;

namespace MeshStack.Core.Plan;

/// <summary>
/// Turns a validated spec and its address table into the plan: for each cluster, the items of every concern,
/// ordered by stage, each depending on the items of the nearest earlier stage.
/// </summary>
internal static class FederationPlanner
{
    /// <summary>Plans the whole federation.</summary>
    public static FederationPlan Plan(Model.MeshSpec spec, AddressTable addresses, PlanInputs? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(addresses);
        var context = new PlanContext(spec, addresses) { Previous = inputs?.Previous, Owner = inputs?.Owner ?? PlanInputs.DefaultOwner };
        var routing = Routing.RoutingPlanner.PlanAll(context);
        var clusters = spec.Clusters
            .Select(cluster => new ClusterPlan
            {
                Cluster = cluster,
                IntermediateCertificate = CertificateProfile.Intermediate(spec, cluster),
                Items = Order(NamespacePlanner.Claimed(context, cluster, ApplicationNamespaces.With(cluster.Name,
                    NamespacePlanner.Plan(context, cluster)
                        .Concat(CaCertsPlanner.Plan(context, cluster))
                        .Concat(Istio.IstioInstallPlanner.Plan(context, cluster))
                        .Concat(Dns.DnsPlanner.Plan(context, cluster))
                        .Concat(routing[cluster.Name])
                        .Concat(Discovery.EndpointDiscoveryPlanner.Plan(context, cluster))
                        .Concat(Demo.DemoPlanner.Plan(context, cluster))
                        .ToList()))),
            })
            .ToImmutableArray();
        return new FederationPlan
        {
            Spec = spec,
            Addresses = addresses,
            RootCertificate = CertificateProfile.Root(spec),
            RootCertificates = spec.Trust.Roots.Select(CertificateProfile.Root).ToImmutableArray(),
            Clusters = clusters,
        };
    }

    /// <summary>Sorts by stage then key, and makes each item depend on the items of the nearest earlier non-empty stage.</summary>
    internal static ImmutableArray<PlanItem> Order(IEnumerable<PlanItem> items)
    {
        // Keys are computed once (PlanItem.Key builds a string on each call).
        var keyed = items.Select(i => (Item: i, i.Key)).ToArray();
        Array.Sort(keyed, static (a, b) => a.Item.Stage != b.Item.Stage ? a.Item.Stage.CompareTo(b.Item.Stage) : string.CompareOrdinal(a.Key, b.Key));
        var seen = new HashSet<string>(keyed.Length, StringComparer.Ordinal);
        foreach (var (_, key) in keyed)
        {
            if (!seen.Add(key))
            {
                var duplicate = keyed.GroupBy(k => k.Key, StringComparer.Ordinal).First(g => g.Count() > 1);
                throw new InvalidOperationException($"two planned items share the key {duplicate.Key}");
            }
        }

        var result = ImmutableArray.CreateBuilder<PlanItem>(keyed.Length);
        ImmutableArray<string> previousStageKeys = [];
        var start = 0;
        while (start < keyed.Length)
        {
            var stage = keyed[start].Item.Stage;
            var end = start;
            while (end < keyed.Length && keyed[end].Item.Stage == stage)
            {
                end++;
            }

            var stageKeys = ImmutableArray.CreateBuilder<string>(end - start);
            for (var i = start; i < end; i++)
            {
                var item = keyed[i].Item;
                result.Add(item.DependsOn.IsEmpty && !previousStageKeys.IsEmpty ? item with { DependsOn = previousStageKeys } : item);
                stageKeys.Add(keyed[i].Key);
            }

            // Only the gates of a stage are waited on: the installs and namespaces, not every routing object.
            previousStageKeys = stageKeys.MoveToImmutable();
            start = end;
        }

        return result.MoveToImmutable();
    }
}
