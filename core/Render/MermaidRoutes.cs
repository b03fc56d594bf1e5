using System.Globalization;
using MeshStack.Core.Addressing;
using MeshStack.Core.Model;

namespace MeshStack.Core.Render;

/// <summary>One call path of the Mermaid picture: a consumer cluster (through its egress gateway or not) to a home gateway for one service.</summary>
internal sealed record MermaidRoute(string Consumer, bool ViaEgress, string Home, string Host);

/// <summary>The facts the Mermaid picture shows, sorted so that list order in the config never changes the text.</summary>
internal sealed record MermaidModel(
    IReadOnlyList<ClusterSpec> Clusters,
    IReadOnlyList<(ServiceSpec Service, string Address)> Services,
    IReadOnlyList<MermaidRoute> Routes)
{
    public static MermaidModel Of(MeshSpec spec, AddressTable addresses)
    {
        var clusters = spec.Clusters.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var services = spec.Services.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => (s, !spec.PlansGlobalNames ? "" : addresses.Addresses.TryGetValue(s.Key, out var a) ? a.ToString() : "?")).ToList();
        var routes = spec.Services
            .SelectMany(s => s.Consumers.SelectMany(c => s.HomeClusters.Select(h => new MermaidRoute(c, s.Route == RouteMode.Egress && spec.PlansGlobalNames, h, spec.CallerHost(s)))))
            .Distinct()
            .OrderBy(r => r.Consumer, StringComparer.Ordinal).ThenBy(r => r.ViaEgress).ThenBy(r => r.Home, StringComparer.Ordinal).ThenBy(r => r.Host, StringComparer.Ordinal)
            .ToList();
        return new MermaidModel(clusters, services, routes);
    }

    /// <summary>Where peers reach a cluster's east-west gateway: <c>203.0.113.7:15443</c>, or <c>auto (LoadBalancer):15443</c>.</summary>
    public static string GatewayAddress(ClusterSpec cluster, int maxLength = int.MaxValue)
    {
        var address = cluster.Gateway.Address switch
        {
            Model.GatewayAddress.Ip ip => ip.Value,
            Model.GatewayAddress.Hostname h => h.Value,
            _ => "auto (LoadBalancer)",
        };
        if (address.Length > maxLength)
        {
            address = address[..(maxLength - 1)] + "…";
        }

        return address + ":" + cluster.Gateway.PeerPort.ToString(CultureInfo.InvariantCulture);
    }

    public static string Count(int n, string what) => n == 1 ? $"1 {what}" : string.Create(CultureInfo.InvariantCulture, $"{n} {what}s");
}
