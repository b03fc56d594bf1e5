using MeshStack.Core.Addressing;
using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Validation;

/// <summary>Rules that look across clusters and services. Paths point at the entry as the user wrote it.</summary>
internal static class SpecValidator
{
    public static void Validate(MeshSpec spec, IReadOnlyList<SpecReader.ReadCluster> clusters, IReadOnlyList<SpecReader.ReadService> services, NodeReader r)
    {
        CheckProfile(spec, clusters, r);
        Core.Istio.IstioChecks.CheckClusters(spec, clusters, r);
        var known = CheckClusters(clusters, r);
        CheckServices(spec, services, known, r);
        CheckAddresses(spec, services, r);
        CheckPoolAgainstClusterRanges(spec, r);
        CheckUninjectedNamespaces(services, r);
        CheckSharedGatewayAddresses(clusters, r);
        Routing.RoutingValidator.Validate(clusters, r);
        Discovery.DiscoveryChecks.Check(spec, clusters, services, r);
    }

    private static void CheckProfile(MeshSpec spec, IReadOnlyList<SpecReader.ReadCluster> clusters, NodeReader r)
    {
        if (spec.Profile == Profile.LegacyGateways && !spec.IstioVersion.IsMinorBetween(6, 8))
        {
            r.Report(DiagnosticBuilder.UnsupportedIstioVersion(spec.IstioVersion, Profile.LegacyGateways));
        }

        if (spec.Profile == Profile.MultiPrimary && spec.IstioVersion.CompareTo(new IstioVersion(1, 20, 0)) < 0)
        {
            r.Report(DiagnosticBuilder.UnsupportedIstioVersion(spec.IstioVersion, Profile.MultiPrimary));
        }

        foreach (var c in clusters.Where(c => c.GlobalGatewayRequested && spec.Profile == Profile.LegacyGateways))
        {
            r.Report(DiagnosticBuilder.Gateway15443InLegacy(ConfigPath.Child(ConfigPath.Child(c.Path, "gateway"), "globalGateway")));
        }

        // The 1.6/1.7 gateway chart renders no spec.externalIPs (manifests/charts/gateways/istio-ingress/templates/service.yaml@1.7.8).
        if (spec.Profile == Profile.LegacyGateways)
        {
            foreach (var c in clusters.Where(c => c.Spec.Gateway.Request == AddressRequest.ExternalIps))
            {
                r.Report(DiagnosticBuilder.ExternalIpsRequestInLegacy(ConfigPath.Child(ConfigPath.Child(c.Path, "gateway"), "addressRequest")));
            }
        }
    }

    private static HashSet<string> CheckClusters(IReadOnlyList<SpecReader.ReadCluster> clusters, NodeReader r)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var connections = new Dictionary<(string?, string?), string>();
        foreach (var c in clusters)
        {
            if (!names.Add(c.Spec.Name))
            {
                r.Report(DiagnosticBuilder.DuplicateCluster(ConfigPath.Child(c.Path, "name"), c.Spec.Name));
            }

            // Two clusters with the same context and kubeconfig would both be deployed to one real cluster.
            var connection = (c.Spec.Connection.Context, c.Spec.Connection.Kubeconfig?.Value);
            if (connection.Item1 is null || (connection.Item2 is null && c.Spec.Connection.Kubeconfig is not null))
            {
                continue;  // no explicit context, or an encrypted kubeconfig: nothing to compare here
            }

            if (connections.TryGetValue(connection, out var other))
            {
                r.Report(DiagnosticBuilder.ClusterConnection(ConfigPath.Child(c.Path, "context"), c.Spec.Name, other, connection.Item1));
            }
            else
            {
                connections[connection] = c.Spec.Name;
            }

        }

        return names;
    }

    private static void CheckServices(MeshSpec spec, IReadOnlyList<SpecReader.ReadService> services, HashSet<string> clusters, NodeReader r)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in services)
        {
            var svc = s.Spec;
            if (!keys.Add(svc.Key))
            {
                r.Report(DiagnosticBuilder.DuplicateService(ConfigPath.Child(s.Path, "name"), svc.Name, svc.Namespace));
            }

            for (var i = 0; i < svc.HomeClusters.Length; i++)
            {
                if (!clusters.Contains(svc.HomeClusters[i]))
                {
                    r.Report(DiagnosticBuilder.UnknownHomeCluster(ConfigPath.Child(s.Path, "clusters"), svc.HomeClusters[i], NodeReader.Closest(svc.HomeClusters[i], clusters)));
                }
            }

            foreach (var consumer in svc.Consumers)
            {
                if (!clusters.Contains(consumer))
                {
                    r.Report(DiagnosticBuilder.UnknownConsumer(ConfigPath.Child(s.Path, "consumers"), consumer, NodeReader.Closest(consumer, clusters)));
                }
                else if (svc.HomeClusters.Contains(consumer))
                {
                    r.Report(DiagnosticBuilder.ConsumerIsHome(ConfigPath.Child(s.Path, "consumers"), consumer, svc.Key));
                }
                else if (svc.Route == RouteMode.Egress && spec.FindCluster(consumer) is { EgressGateway: false })
                {
                    r.Report(DiagnosticBuilder.EgressWithoutGateway(ConfigPath.Child(s.Path, "route"), consumer));
                }
            }
        }
    }

    /// <summary>Private and shared ranges clusters commonly use for pods, Services and nodes (RFC 1918, RFC 6598).</summary>
    // istiod's injector skips these namespaces before it reads any label (pkg/kube/inject/inject.go@1.30.3:211-216 with
    // the list in initializer.go@1.30.3:29-42; kube-system and kube-public in inject.go@1.7.8:327-332): a service there
    // never gets a sidecar, so no cross-cluster path to or from it carries mTLS.
    private static readonly string[] NeverInjected = ["kube-system", "kube-public", "kube-node-lease", "local-path-storage"];

    private static void CheckUninjectedNamespaces(IReadOnlyList<SpecReader.ReadService> services, NodeReader r)
    {
        foreach (var s in services.Where(s => NeverInjected.Contains(s.Spec.Namespace, StringComparer.Ordinal)))
        {
            r.Report(DiagnosticBuilder.NamespaceNeverInjected(ConfigPath.Child(s.Path, "namespace"), s.Spec.Namespace));
        }
    }

    // One address and port reaches one gateway: its SNI-DNAT clusters exist only for that cluster's own services
    // (pilot/pkg/networking/core/cluster.go@1.30.3:637-680), so the other cluster's services behind the same address die.
    private static void CheckSharedGatewayAddresses(IReadOnlyList<SpecReader.ReadCluster> clusters, NodeReader r)
    {
        var seen = new Dictionary<(string Address, int Port), string>();
        foreach (var c in clusters)
        {
            var gateway = c.Spec.Gateway;
            var address = gateway.Address switch
            {
                GatewayAddress.Ip ip => ip.Value,
                GatewayAddress.Hostname host => host.Value.ToLowerInvariant(),
                _ => null,
            };
            if (address is null)
            {
                continue;
            }

            if (seen.TryGetValue((address, gateway.PeerPort), out var other))
            {
                r.Report(DiagnosticBuilder.GatewayAddressShared(ConfigPath.Child(ConfigPath.Child(c.Path, "gateway"), "address"), address, gateway.PeerPort, other, c.Spec.Name));
            }
            else
            {
                seen[(address, gateway.PeerPort)] = c.Spec.Name;
            }
        }
    }

    private static readonly (string Range, string Use)[] ClusterRanges =
    [
        ("10.0.0.0/8", "RFC 1918; kubeadm's default Service range 10.96.0.0/12, EKS, GKE and AKS pod and Service ranges"),
        ("172.16.0.0/12", "RFC 1918; Docker and kind's node network 172.18.0.0/16"),
        ("192.168.0.0/16", "RFC 1918; Calico's default pod range 192.168.0.0/16"),
        ("100.64.0.0/10", "RFC 6598 shared address space; used for pods by EKS custom networking, GKE and k3s-like setups"),
    ];

    /// <summary>
    /// A virtual address that is also a real pod, Service or node address in some cluster captures that traffic: the
    /// sidecar's listener for the ServiceEntry address wins over the real destination.
    /// </summary>
    private static void CheckPoolAgainstClusterRanges(MeshSpec spec, NodeReader r)
    {
        foreach (var (range, use) in ClusterRanges)
        {
            if (Cidr.TryParse(range, out var cidr, out _) && spec.AddressPool.Overlaps(cidr))
            {
                r.Report(DiagnosticBuilder.AddressPoolOverlapsClusterRange(spec.AddressPool, range, use));
            }
        }
    }

    private static void CheckAddresses(MeshSpec spec, IReadOnlyList<SpecReader.ReadService> services, NodeReader r)
    {
        var pinnedBy = new Dictionary<Ipv4, string>();
        foreach (var s in services.Where(s => s.Spec.PinnedAddress is not null))
        {
            var address = s.Spec.PinnedAddress!.Value;
            var path = ConfigPath.Child(s.Path, "address");
            if (ReservedRanges.Find(address) is { } reserved)
            {
                r.Report(DiagnosticBuilder.AddressReserved(path, address, reserved.Range, reserved.Reason, spec.AddressPool));
            }
            else if (!spec.AddressPool.Contains(address))
            {
                r.Report(DiagnosticBuilder.AddressOutsidePool(path, address, spec.AddressPool));
            }
            else if (pinnedBy.TryGetValue(address, out var other))
            {
                r.Report(DiagnosticBuilder.AddressPinnedTwice(path, address, other));
            }
            else
            {
                pinnedBy[address] = s.Path;
            }
        }

        var usable = AddressAllocator.UsableCount(spec.AddressPool);
        if ((ulong)services.Count > usable)
        {
            r.Report(DiagnosticBuilder.PoolTooSmall(spec.AddressPool, usable, services.Count));
        }
    }
}
