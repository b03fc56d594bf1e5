using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Routing;

/// <summary>Routing rules that need more than one key of a cluster's config.</summary>
internal static class RoutingValidator
{
    public static void Validate(IReadOnlyList<SpecReader.ReadCluster> clusters, NodeReader r)
    {
        foreach (var c in clusters)
        {
            // A NodePort is reached on a node, and no LoadBalancer status names a node: peers need the node's address.
            if (c.Spec.Gateway is { NodePort: { } port, Address: GatewayAddress.Auto and not GatewayAddress.DeployTime })
            {
                r.Report(Codes.NodePortNeedsAddress.At(ConfigPath.Child(ConfigPath.Child(c.Path, "gateway"), "address"),
                    $"nodePort {port} needs the address of a node peers can reach, and 'auto' (the LoadBalancer status) names no node; set address to a node's IP or host name, e.g. address: 192.0.2.10"));
            }
        }
    }
}
