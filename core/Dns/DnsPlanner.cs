using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Dns;

/// <summary>
/// The DNS objects of one cluster, per DNS mode: a server-side apply patch of one data key of the cluster's DNS
/// ConfigMap whose value is "the live value merged with MeshStack's part", never a Corefile of MeshStack's own.
/// <c>proxy</c> needs no cluster DNS change (the Istio install turns on DNS capture).
/// </summary>
internal static class DnsPlanner
{
    public const string KubeSystem = "kube-system";

    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster)
    {
        var dns = cluster.Dns;
        switch (dns.Mode)
        {
            case DnsMode.CoreDns:
                var version = dns.CoreDnsVersion ?? CoreDnsPlugins.LegacyDefault;
                yield return Patch(cluster.Name, "coredns", "Corefile", new MergedCorefile(cluster.Name, GlobalBlocks.Stub(version), version));
                break;
            case DnsMode.Hosts:
                var entries = context.Spec.Services
                    .Where(s => context.Addresses.Addresses.ContainsKey(s.Key))
                    .Select(s => (s.GlobalHost, context.Addresses[s.Key].ToString()));
                yield return Patch(cluster.Name, "coredns", "Corefile", new MergedCorefile(cluster.Name, GlobalBlocks.Hosts(dns.CoreDnsVersion, entries), dns.CoreDnsVersion));
                break;
            case DnsMode.KubeDns:
                yield return Patch(cluster.Name, "kube-dns", "stubDomains", new MergedStubDomains(cluster.Name));
                break;
            default:
                break;
        }

        // A cluster that had MeshStack's global block and no longer needs one (dns: hosts → proxy): the patch stays for
        // this update and writes the Corefile back without the block. Removing the patch instead would only make Pulumi
        // forget it (it is retained on delete, so the Corefile keeps working), leaving a stale global zone behind.
        if (!WritesCorefileBlock(cluster) && context.Previous?.Find(cluster.Name) is { CorednsBlock: true })
        {
            yield return Patch(cluster.Name, "coredns", "Corefile", MergedCorefile.Cleanup(cluster.Name, dns.CoreDnsVersion));
        }
    }

    /// <summary>True when the cluster's DNS mode writes MeshStack's global block into the Corefile.</summary>
    public static bool WritesCorefileBlock(ClusterSpec cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Dns.Mode is DnsMode.CoreDns or DnsMode.Hosts;
    }

    private static PlannedObject Patch(string cluster, string name, string dataKey, DeployValue merged) =>
        KubeObjects.Object(cluster, Stage.MeshConfig, Concern.Dns, "v1", "ConfigMap", KubeSystem, name,
            Value.Map(("data", Value.Map((dataKey, new Deferred(merged))))),
            annotations: DnsPatch.Annotations, mode: ApplyMode.Patch);
}
