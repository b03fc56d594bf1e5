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
            r.Report(Codes.UnsupportedIstioVersion.At("meshstack:istio.version",
                $"'{spec.IstioVersion}': the legacy-gateways profile is the Istio 1.6-1.8 guide; use 1.7.8, or the multi-primary profile for current Istio"));
        }

        if (spec.Profile == Profile.MultiPrimary && spec.IstioVersion.CompareTo(new IstioVersion(1, 20, 0)) < 0)
        {
            r.Report(Codes.UnsupportedIstioVersion.At("meshstack:istio.version",
                $"'{spec.IstioVersion}': the multi-primary profile installs the current Helm charts (1.20 or later, default {IstioVersion.Current}); for Istio 1.6-1.8 use profile: legacy-gateways"));
        }

        foreach (var c in clusters.Where(c => c.GlobalGatewayRequested && spec.Profile == Profile.LegacyGateways))
        {
            r.Report(Codes.Gateway15443InLegacy.At(ConfigPath.Child(ConfigPath.Child(c.Path, "gateway"), "globalGateway"),
                "the legacy-gateways profile already creates the *.global gateway on 15443; a second Gateway for that port breaks cross-cluster traffic, as the guide warns"));
        }

        // The 1.6/1.7 gateway chart renders no spec.externalIPs (manifests/charts/gateways/istio-ingress/templates/service.yaml@1.7.8).
        if (spec.Profile == Profile.LegacyGateways)
        {
            foreach (var c in clusters.Where(c => c.Spec.Gateway.Request == AddressRequest.ExternalIps))
            {
                r.Report(Codes.ExternalIpsRequestInLegacy.At(ConfigPath.Child(ConfigPath.Child(c.Path, "gateway"), "addressRequest"),
                    "'externalIPs': the Istio 1.6/1.7 gateway chart writes no spec.externalIPs, so the address would never be set; use loadBalancerIP or annotation"));
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
                r.Report(Codes.DuplicateCluster.At(ConfigPath.Child(c.Path, "name"), $"the cluster name '{c.Spec.Name}' is used twice"));
            }

            // Two clusters with the same context and kubeconfig would both be deployed to one real cluster.
            var connection = (c.Spec.Connection.Context, c.Spec.Connection.Kubeconfig?.Value);
            if (connection.Item1 is null || (connection.Item2 is null && c.Spec.Connection.Kubeconfig is not null))
            {
                continue;  // no explicit context, or an encrypted kubeconfig: nothing to compare here
            }

            if (connections.TryGetValue(connection, out var other))
            {
                r.Report(Codes.ClusterConnection.At(ConfigPath.Child(c.Path, "context"),
                    $"cluster '{c.Spec.Name}' connects like '{other}' (context '{connection.Item1 ?? "(current)"}'); both would deploy to the same Kubernetes cluster. Set a distinct context or kubeconfig"));
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
                r.Report(Codes.DuplicateService.At(ConfigPath.Child(s.Path, "name"), $"the service '{svc.Name}' in namespace '{svc.Namespace}' is declared twice"));
            }

            for (var i = 0; i < svc.HomeClusters.Length; i++)
            {
                if (!clusters.Contains(svc.HomeClusters[i]))
                {
                    r.Report(Codes.UnknownHomeCluster.At(ConfigPath.Child(s.Path, "clusters"),
                        $"'{svc.HomeClusters[i]}' is not a declared cluster{NodeReader.DidYouMean(svc.HomeClusters[i], clusters)}"));
                }
            }

            foreach (var consumer in svc.Consumers)
            {
                if (!clusters.Contains(consumer))
                {
                    r.Report(Codes.UnknownConsumer.At(ConfigPath.Child(s.Path, "consumers"),
                        $"'{consumer}' is not a declared cluster{NodeReader.DidYouMean(consumer, clusters)}"));
                }
                else if (svc.HomeClusters.Contains(consumer))
                {
                    r.Report(Codes.ConsumerIsHome.At(ConfigPath.Child(s.Path, "consumers"),
                        $"'{consumer}' is a home cluster of '{svc.Key}'; it reaches the service locally, drop it from consumers"));
                }
                else if (svc.Route == RouteMode.Egress && spec.FindCluster(consumer) is { EgressGateway: false })
                {
                    r.Report(Codes.EgressWithoutGateway.At(ConfigPath.Child(s.Path, "route"),
                        $"route 'egress' needs an egress gateway in consumer cluster '{consumer}'; set egressGateway: true on it or use route: direct"));
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
            r.Report(Codes.NamespaceNeverInjected.At(ConfigPath.Child(s.Path, "namespace"),
                $"'{s.Spec.Namespace}': istiod's sidecar injector skips this namespace whatever its labels, so the service's pods would run without a sidecar and no cross-cluster call would reach them; move the service to an application namespace"));
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
                r.Report(Codes.GatewayAddressShared.At(ConfigPath.Child(ConfigPath.Child(c.Path, "gateway"), "address"),
                    $"'{address}' port {gateway.PeerPort} is also cluster '{other}'s gateway address: one address reaches one gateway, and a gateway routes only to its own cluster's services, so every call meant for '{c.Spec.Name}' would die at '{other}'s gateway; give each cluster its own address"));
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
                r.Report(Codes.AddressPoolOverlapsClusterRange.At("meshstack:addressPool",
                    $"{spec.AddressPool} overlaps {range} ({use}): a virtual address that is also a real address in a cluster takes that traffic; prefer the class E default 240.0.0.0/16"));
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
                r.Report(Codes.AddressReserved.At(path, $"'{address}' is in {reserved.Range} ({reserved.Reason}); pick an address from {spec.AddressPool}"));
            }
            else if (!spec.AddressPool.Contains(address))
            {
                r.Report(Codes.AddressOutsidePool.At(path, $"'{address}' is outside the address pool {spec.AddressPool}"));
            }
            else if (pinnedBy.TryGetValue(address, out var other))
            {
                r.Report(Codes.AddressPinnedTwice.At(path, $"'{address}' is already pinned by {other}; virtual addresses must be unique"));
            }
            else
            {
                pinnedBy[address] = s.Path;
            }
        }

        var usable = AddressAllocator.UsableCount(spec.AddressPool);
        if ((ulong)services.Count > usable)
        {
            r.Report(Codes.PoolTooSmall.At("meshstack:addressPool",
                $"the pool {spec.AddressPool} holds {usable} usable addresses but there are {services.Count} services; use a larger prefix"));
        }
    }
}
