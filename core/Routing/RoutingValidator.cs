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
                r.Report(DiagnosticBuilder.NodePortNeedsAddress(ConfigPath.Child(ConfigPath.Child(c.Path, "gateway"), "address"), port));
            }
        }
    }
}
