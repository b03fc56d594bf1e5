using MeshStack.Components.Mapping;
using Pulumi;

namespace MeshStack.Components;

/// <summary>
/// One cluster's DNS objects for <c>*.global</c> names from the plan (stub domains, CoreDNS patches): each patch writes the
/// live ConfigMap value merged with MeshStack's part, and is retained on delete so destroy never removes the field.
/// </summary>
internal sealed class GlobalDns : ComponentResource
{
    /// <summary>How many plan items it registered.</summary>
    [Output("itemCount")]
    public Output<int> ItemCount { get; private set; }

    /// <summary>Registers the items on the cluster's provider.</summary>
    public GlobalDns(string name, ClusterItemsArgs args, ComponentResourceOptions? options = null)
        : base("meshstack:index:GlobalDns", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        LiveDns.ProvideMerges(args.Items, args.Context, this);
        PlanItemRegistrar.RegisterAll(args.Items, args.Context, this);
        ItemCount = Output.Create(args.Items.Length);
        RegisterOutputs(new Dictionary<string, object?> { ["itemCount"] = ItemCount });
    }
}
