using MeshStack.Core.Addressing;
using MeshStack.Core.Model;

namespace MeshStack.Core.Plan;

/// <summary>What every area planner reads: the spec, the allocated addresses and the mesh ID (a value or deferred).</summary>
public sealed record PlanContext(MeshSpec Spec, AddressTable Addresses)
{
    /// <summary>What the stack deployed last time (null: a first run, or no stack at all, as for the CLI).</summary>
    public Deployment.DeploymentRecord? Previous { get; init; }

    /// <summary>Who deploys: written into each cluster's ownership claim.</summary>
    public string Owner { get; init; } = PlanInputs.DefaultOwner;

    /// <summary>The mesh ID: configured, or generated at deploy time.</summary>
    public Value MeshId => Spec.MeshId is { } id ? id : new Deferred(new GeneratedMeshId());

    /// <summary>The address consumers use to reach a home cluster's gateway.</summary>
    public static Value GatewayAddressOf(ClusterSpec home) => home.Gateway.Address switch
    {
        GatewayAddress.Ip ip => ip.Value,
        GatewayAddress.Hostname host => host.Value,
        _ => new Deferred(new GatewayAddressOf(home.Name)),
    };

    /// <summary>The cluster with this name (known to exist after validation).</summary>
    public ClusterSpec Cluster(string name) => Spec.FindCluster(name) ?? throw new InvalidOperationException($"unknown cluster {name}");
}
