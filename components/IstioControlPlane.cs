using MeshStack.Components.Mapping;
using Pulumi;

namespace MeshStack.Components;

/// <summary>One cluster's Istio install from the plan: the Helm charts (base, istiod, gateways) or the legacy operator objects.</summary>
internal sealed class IstioControlPlane : ComponentResource
{
    /// <summary>How many plan items it registered.</summary>
    [Output("itemCount")]
    public Output<int> ItemCount { get; private set; }

    /// <summary>Registers the items on the cluster's provider.</summary>
    public IstioControlPlane(string name, ClusterItemsArgs args, ComponentResourceOptions? options = null)
        : base("meshstack:index:IstioControlPlane", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        PlanItemRegistrar.RegisterAll(args.Items, args.Context, this);
        ItemCount = Output.Create(args.Items.Length);
        RegisterOutputs(new Dictionary<string, object?> { ["itemCount"] = ItemCount });
    }
}
