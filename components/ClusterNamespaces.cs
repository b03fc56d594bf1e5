using MeshStack.Components.Mapping;
using Pulumi;

namespace MeshStack.Components;

/// <summary>One cluster's namespaces from the plan (istio-system with its network label, workload namespaces).</summary>
internal sealed class ClusterNamespaces : ComponentResource
{
    /// <summary>How many plan items it registered.</summary>
    [Output("itemCount")]
    public Output<int> ItemCount { get; private set; }

    /// <summary>Registers the items on the cluster's provider.</summary>
    public ClusterNamespaces(string name, ClusterItemsArgs args, ComponentResourceOptions? options = null)
        : base("meshstack:index:ClusterNamespaces", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        PlanItemRegistrar.RegisterAll(args.Items, args.Context, this);
        ItemCount = Output.Create(args.Items.Length);
        RegisterOutputs(new Dictionary<string, object?> { ["itemCount"] = ItemCount });
    }
}
