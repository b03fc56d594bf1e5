using System.Collections.Immutable;
using System.Runtime.InteropServices;
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
                Items = Items(context, cluster, routing[cluster.Name]),
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

    /// <summary>
    /// One cluster's items: every concern's, added to its routing items (the largest part) in one list, then the
    /// application namespaces and the claim, in order. The order items are added in does not matter: <see cref="Order"/>
    /// sorts them by stage and key, which are unique.
    /// </summary>
    private static ImmutableArray<PlanItem> Items(PlanContext context, Model.ClusterSpec cluster, List<PlanItem> routing)
    {
        var items = routing;
        items.AddRange(NamespacePlanner.Plan(context, cluster));
        items.AddRange(CaCertsPlanner.Plan(context, cluster));
        items.AddRange(Istio.IstioInstallPlanner.Plan(context, cluster));
        items.AddRange(Dns.DnsPlanner.Plan(context, cluster));
        items.AddRange(Discovery.EndpointDiscoveryPlanner.Plan(context, cluster));
        items.AddRange(Demo.DemoPlanner.Plan(context, cluster));
        items.AddRange(ApplicationNamespaces.Patches(cluster.Name, items));
        NamespacePlanner.Claim(context, cluster, items);
        return Order(cluster.Name, items);
    }

    /// <summary>
    /// Sorts by stage then key, and makes each item depend on the items of the nearest earlier non-empty stage. Each item
    /// is put into <paramref name="cluster"/>: an object several clusters share (<see cref="Routing.RoutingPlanner"/>)
    /// is copied once, with its cluster and its dependencies.
    /// </summary>
    internal static ImmutableArray<PlanItem> Order(string cluster, List<PlanItem> items)
    {
        // Sorted and checked for duplicates on the keys' parts: no key string is built per item (issue 23).
        var sorted = CollectionsMarshal.AsSpan(items);
        sorted.Sort(PlanKeys.ByStageThenKey);
        var seen = new HashSet<PlanItem>(sorted.Length, PlanKeys.SameKey);
        foreach (var item in sorted)
        {
            if (!seen.Add(item))
            {
                var duplicate = items.Select(i => i.Key).GroupBy(k => k, StringComparer.Ordinal).First(g => g.Count() > 1);
                throw new InvalidOperationException($"two planned items share the key {duplicate.Key}");
            }
        }

        var result = ImmutableArray.CreateBuilder<PlanItem>(sorted.Length);
        ImmutableArray<string> previousStageKeys = [];
        var start = 0;
        while (start < sorted.Length)
        {
            var stage = sorted[start].Stage;
            var end = start;
            while (end < sorted.Length && sorted[end].Stage == stage)
            {
                end++;
            }

            for (var i = start; i < end; i++)
            {
                var item = sorted[i];
                var dependsOn = item.DependsOn.IsEmpty && !previousStageKeys.IsEmpty ? previousStageKeys : item.DependsOn;
                result.Add(item.Cluster == cluster && dependsOn == item.DependsOn ? item : item with { Cluster = cluster, DependsOn = dependsOn });
            }

            // Only the gates of a stage are waited on: the installs and namespaces, not every routing object. The last
            // stage's keys are nobody's dependencies.
            if (end < sorted.Length)
            {
                var stageKeys = new string[end - start];
                for (var i = start; i < end; i++)
                {
                    stageKeys[i - start] = sorted[i].Key;
                }

                previousStageKeys = ImmutableCollectionsMarshal.AsImmutableArray(stageKeys);
            }

            start = end;
        }

        return result.MoveToImmutable();
    }
}
