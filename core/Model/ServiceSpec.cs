using System.Collections.Immutable;
using MeshStack.Core.Addressing;

namespace MeshStack.Core.Model;

/// <summary>A service that runs in one or more home clusters and is called from others as <c>NAME.NS.global</c>.</summary>
public sealed record ServiceSpec
{
    /// <summary>The Kubernetes Service name.</summary>
    public required string Name { get; init; }

    /// <summary>The namespace it runs in.</summary>
    public required string Namespace { get; init; }

    /// <summary>The clusters it runs in, sorted.</summary>
    public required ImmutableArray<string> HomeClusters { get; init; }

    /// <summary>Its ports, sorted by number.</summary>
    public required ImmutableArray<PortSpec> Ports { get; init; }

    /// <summary>The clusters that call it, sorted; defaults to every cluster that is not a home.</summary>
    public required ImmutableArray<string> Consumers { get; init; }

    /// <summary>How consumers reach the home gateway.</summary>
    public RouteMode Route { get; init; } = RouteMode.Direct;

    /// <summary>Version subsets, sorted.</summary>
    public ImmutableArray<string> Versions { get; init; } = [];

    /// <summary>Optional traffic split by version (percent); empty means no VirtualService.</summary>
    public ImmutableArray<VersionWeight> Weights { get; init; } = [];

    /// <summary>
    /// The Kubernetes ServiceAccount the service's pods run as in every home cluster: callers accept only that identity
    /// (<see cref="Identity"/>). Defaults to the service name, as the demo's workloads and Istio's samples
    /// (samples/httpbin/httpbin.yaml, samples/sleep/sleep.yaml) name theirs.
    /// </summary>
    public string? ServiceAccount { get; init; }

    /// <summary>The ServiceAccount the pods run as: <see cref="ServiceAccount"/>, else the service name.</summary>
    public string Account => ServiceAccount ?? Name;

    /// <summary>
    /// The SPIFFE identity of the service's pods under <paramref name="trustDomain"/>: istiod's workload identity
    /// <c>spiffe://TRUST_DOMAIN/ns/NS/sa/ACCOUNT</c> (pkg/spiffe/spiffe.go@1.30.3, MustGenSpiffeURI; 1.7.8 the same).
    /// </summary>
    public string Identity(string trustDomain) => $"spiffe://{trustDomain}/ns/{Namespace}/sa/{Account}";

    /// <summary>A pinned virtual address, if the user chose one.</summary>
    public Ipv4? PinnedAddress { get; init; }

    /// <summary>The key of this service in address tables: <c>NAME.NS</c>.</summary>
    public string Key => $"{Name}.{Namespace}";

    /// <summary>The name other clusters use: <c>NAME.NS.global</c>.</summary>
    public string GlobalHost => $"{Name}.{Namespace}.global";

    /// <summary>The in-cluster name in its home clusters.</summary>
    public string LocalHost => $"{Name}.{Namespace}.svc.cluster.local";
}

/// <summary>
/// One port of a service: <see cref="Number"/> is the Kubernetes Service port callers use; <see cref="TargetPort"/>, when
/// given, is the port its pods listen on (the Service's <c>targetPort</c>).
/// </summary>
public sealed record PortSpec(string Name, int Number, string Protocol, int? TargetPort = null)
{
    /// <summary>The port the service's pods listen on: the target port, else the service port.</summary>
    public int PodPort => TargetPort ?? Number;
}

/// <summary>A share of traffic for one version.</summary>
public sealed record VersionWeight(string Version, int Weight);

/// <summary>How a consumer reaches a remote service.</summary>
public enum RouteMode
{
    /// <summary>Straight to the home cluster's gateway.</summary>
    Direct,

    /// <summary>Through the consumer cluster's egress gateway (the guide's egress variant).</summary>
    Egress,
}
