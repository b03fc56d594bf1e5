using MeshStack.Components.Mapping;
using Pulumi;

namespace MeshStack.Components;

/// <summary>The guide's demo workloads (sleep, httpbin) in one cluster, from the plan.</summary>
internal sealed class DemoWorkloads : ComponentResource
{
    /// <summary>How many plan items it registered.</summary>
    [Output("itemCount")]
    public Output<int> ItemCount { get; private set; }

    /// <summary>Registers the items on the cluster's provider.</summary>
    public DemoWorkloads(string name, ClusterItemsArgs args, ComponentResourceOptions? options = null)
        : base("meshstack:index:DemoWorkloads", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        PlanItemRegistrar.RegisterAll(args.Items, args.Context, this);
        ItemCount = Output.Create(args.Items.Length);
        RegisterOutputs(new Dictionary<string, object?> { ["itemCount"] = ItemCount });
    }
}
