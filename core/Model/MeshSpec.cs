using System.Collections.Immutable;
using MeshStack.Core.Addressing;

namespace MeshStack.Core.Model;

/// <summary>
/// The whole federation as the user described it, validated. Clusters and services are kept sorted by name,
/// so everything planned from a spec is independent of the order of the config's lists.
/// </summary>
public sealed record MeshSpec
{
    /// <summary>Istio mesh ID shared by all clusters; null means "generate one once" (Pulumi.Random, or the CLI lock file).</summary>
    public string? MeshId { get; init; }

    /// <summary>Which install topology to produce.</summary>
    public required Profile Profile { get; init; }

    /// <summary>The Istio release to install.</summary>
    public required IstioVersion IstioVersion { get; init; }

    /// <summary>The unpacked Istio release folder (istio-1.7.8) the legacy-gateways profile installs the operator chart from; unused by multi-primary.</summary>
    public string? IstioReleaseDir { get; init; }

    /// <summary>The trusted roots and the one that signs the intermediates.</summary>
    public required TrustSpec Trust { get; init; }

    /// <summary>Where the signing root comes from.</summary>
    public RootCaSpec RootCa => Trust.Signer.Source;

    /// <summary>How each cluster's intermediate CA is issued.</summary>
    public required IntermediateCaSpec IntermediateCa { get; init; }

    /// <summary>The clusters, sorted by name.</summary>
    public required ImmutableArray<ClusterSpec> Clusters { get; init; }

    /// <summary>The services shared across clusters, sorted by namespace then name.</summary>
    public required ImmutableArray<ServiceSpec> Services { get; init; }

    /// <summary>Where virtual addresses come from.</summary>
    public required Cidr AddressPool { get; init; }

    /// <summary>The trust domain of every cluster.</summary>
    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>Istio's public sample certificates may be used (dev stacks only).</summary>
    public bool AllowSampleCerts { get; init; }

    /// <summary>Deploy the guide's sleep and httpbin demo workloads.</summary>
    public bool Demo { get; init; }

    /// <summary>When set, providers write manifests to this folder instead of applying them.</summary>
    public string? RenderYamlTo { get; init; }

    /// <summary>One Pulumi stack for the federation, or one per cluster.</summary>
    public StackMode StackMode { get; init; } = StackMode.Federation;

    /// <summary>How clusters learn about each other's services: <c>.global</c> ServiceEntries, endpoint discovery, or both.</summary>
    public DiscoveryMode Discovery { get; init; } = DiscoveryMode.Global;

    /// <summary>True when istiods read their peers' API servers (remote secrets, the <c>*.local</c> cross-network gateway).</summary>
    public bool DiscoversEndpoints => Discovery != DiscoveryMode.Global;

    /// <summary>True when the <c>NAME.NS.global</c> objects are planned.</summary>
    public bool PlansGlobalNames => Discovery != DiscoveryMode.Endpoints;

    /// <summary>The name callers in other clusters use: <c>NAME.NS.global</c>, or with discovery endpoints the service's own name.</summary>
    public string CallerHost(ServiceSpec service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return PlansGlobalNames ? service.GlobalHost : service.LocalHost;
    }

    /// <summary>The cluster with this name, or null.</summary>
    public ClusterSpec? FindCluster(string name) => Clusters.FirstOrDefault(c => c.Name == name);
}

/// <summary>The install topology.</summary>
public enum Profile
{
    /// <summary>Current Istio: Helm charts base, istiod, gateway; MeshStack creates the *.global gateway pieces.</summary>
    MultiPrimary,

    /// <summary>Istio 1.6–1.8 and the classic guide: an IstioOperator overlay that preconfigures the 15443 gateway.</summary>
    LegacyGateways,
}

/// <summary>How the federation maps onto Pulumi stacks.</summary>
public enum StackMode
{
    /// <summary>One stack holds every cluster.</summary>
    Federation,

    /// <summary>One stack per cluster, sharing the root CA and gateway addresses through stack references.</summary>
    PerCluster,
}
