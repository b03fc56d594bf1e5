using System.Collections.Immutable;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Tracing;

/// <summary>Puts a defect back into a compiled plan: removes or rewrites planned items.</summary>
internal static class PlanSurgery
{
    public static FederationPlan Edit(FederationPlan plan, Func<PlanItem, PlanItem?> edit) =>
        plan with
        {
            Clusters = plan.Clusters.Select(c => c with { Items = c.Items.Select(edit).OfType<PlanItem>().ToImmutableArray() }).ToImmutableArray(),
        };

    public static FederationPlan Remove(FederationPlan plan, Func<PlannedObject, bool> match) =>
        Edit(plan, i => i is PlannedObject o && match(o) ? null : i);

    /// <summary>Rewrites the spec of matching objects.</summary>
    public static FederationPlan EditSpec(FederationPlan plan, Func<PlannedObject, bool> match, Func<MapValue, MapValue> edit) =>
        Edit(plan, i => i is PlannedObject o && match(o) ? o with { Manifest = o.Manifest.With("spec", edit((MapValue)o.Manifest["spec"]!)) } : i);

    /// <summary>Rewrites every endpoint of matching ServiceEntries.</summary>
    public static FederationPlan EditEndpoints(FederationPlan plan, Func<PlannedObject, bool> match, Func<MapValue, MapValue> edit) =>
        EditSpec(plan, match, spec => spec.With("endpoints", Value.List(((ListValue)spec["endpoints"]!).Items.Select(e => (Value)edit((MapValue)e)))));

    public static MapValue Without(MapValue map, string key) => new(map.Entries.Where(e => e.Key != key).ToImmutableArray());

    /// <summary>Drops a key anywhere below the map (used to take a Helm or IstioOperator setting out).</summary>
    public static MapValue WithoutDeep(MapValue map, string key) =>
        new(map.Entries.Where(e => e.Key != key).Select(e => KeyValuePair.Create(e.Key, e.Value is MapValue m ? WithoutDeep(m, key) : e.Value)).ToImmutableArray());
}
