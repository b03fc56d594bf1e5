using MeshStack.Components.Mapping;
using Pulumi;

namespace MeshStack.Components;

/// <summary>One cluster's Istio routing objects from the plan (ServiceEntries, Gateways, DestinationRules, VirtualServices).</summary>
internal sealed class ServiceRouting : ComponentResource
{
    /// <summary>How many plan items it registered.</summary>
    [Output("itemCount")]
    public Output<int> ItemCount { get; private set; }

    /// <summary>Registers the items on the cluster's provider.</summary>
    public ServiceRouting(string name, ClusterItemsArgs args, ComponentResourceOptions? options = null)
        : base("meshstack:index:ServiceRouting", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        PlanItemRegistrar.RegisterAll(args.Items, args.Context, this);
        ItemCount = Output.Create(args.Items.Length);
        RegisterOutputs(new Dictionary<string, object?> { ["itemCount"] = ItemCount });
    }
}
