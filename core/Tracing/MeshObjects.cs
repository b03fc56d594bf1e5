using System.Collections.Immutable;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tracing;

/// <summary>One endpoint as istiod sees it: address, port, labels, network, and the TLS mode istiod derives.</summary>
/// <param name="Address">The planned address (a value, possibly deferred to deploy time).</param>
/// <param name="Port">The port traffic is sent to.</param>
/// <param name="Labels">Endpoint labels (subset matching).</param>
/// <param name="Network">The endpoint's network; empty when unset.</param>
/// <param name="TlsMode">istiod's TLS mode for the endpoint (<c>istio</c> or <c>disabled</c>).</param>
/// <param name="Pod">For a pod endpoint, the pod's description.</param>
/// <param name="PodListens">For a pod endpoint, the ports the pod listens on.</param>
internal sealed record Endpoint(Value Address, int Port, ImmutableDictionary<string, string> Labels, string Network, string TlsMode, string? Pod = null, ImmutableHashSet<int>? PodListens = null)
{
    /// <summary>
    /// A ServiceEntry endpoint's TLS mode: the <c>security.istio.io/tlsMode</c> label, else <c>istio</c> when a
    /// serviceAccount is set, else <c>disabled</c> (pilot/pkg/serviceregistry/serviceentry/conversion.go, getTLSModeFromWorkloadEntry).
    /// </summary>
    public static string TlsModeOfWorkloadEntry(ImmutableDictionary<string, string> labels, string? serviceAccount) =>
        labels.TryGetValue(Routing.RoutingPlanner.TlsModeLabel, out var mode) ? mode
        : !string.IsNullOrEmpty(serviceAccount) ? Routing.RoutingPlanner.TlsModeIstio
        : "disabled";
}

/// <summary>A ServiceEntry: hosts, ports, resolution, addresses, endpoints or a workload selector, and the identities its callers accept.</summary>
internal sealed record ServiceEntryModel(
    string Namespace,
    string Name,
    ImmutableArray<string> Hosts,
    ImmutableArray<(string Name, int Number, string Protocol, int? TargetPort)> Ports,
    Value? Resolution,
    ImmutableArray<string> Addresses,
    ImmutableArray<Value> Endpoints,
    ImmutableDictionary<string, string>? WorkloadSelector,
    ImmutableArray<string> SubjectAltNames);

/// <summary>A DestinationRule: host, top-level TLS mode, subsets with labels and their own TLS mode.</summary>
internal sealed record DestinationRuleModel(
    string Namespace,
    string Host,
    string? TlsMode,
    ImmutableArray<(string Name, ImmutableDictionary<string, string> Labels, string? TlsMode)> Subsets);

/// <summary>A Gateway server: the workloads it selects (<c>istio=…</c>), port, TLS mode and hosts.</summary>
internal sealed record GatewayServerModel(string Gateway, string Selector, int Port, string? TlsMode, ImmutableArray<string> Hosts);

/// <summary>
/// A modelled workload pod of a shared service in its home cluster (injected, so labelled mTLS): its named container
/// ports (what istiod's pod registry keeps, pilot/pkg/serviceregistry/kube/controller/pod.go getPortMap) and the ports
/// it listens on, and the ServiceAccount it runs as (its SPIFFE identity's last part).
/// </summary>
internal sealed record PodModel(
    string Namespace,
    string Name,
    ImmutableDictionary<string, string> Labels,
    string Network,
    ImmutableDictionary<string, int> NamedPorts,
    ImmutableHashSet<int> Listens,
    string ServiceAccount);
