using MeshStack.Core.Plan;

namespace MeshStack.Core.Istio;

/// <summary>Deep merge of plan values, the way Helm and the Istio operator overlay values.</summary>
internal static class ValueTree
{
    /// <summary>
    /// <paramref name="overlay"/> on top of <paramref name="target"/>: maps merge key by key (existing keys keep
    /// their place, new keys are appended), anything else in the overlay replaces what was there.
    /// </summary>
    public static MapValue Merge(MapValue target, MapValue overlay)
    {
        var result = target;
        foreach (var (key, value) in overlay.Entries)
        {
            result = result.With(key, result[key] is MapValue existing && value is MapValue nested ? Merge(existing, nested) : value);
        }

        return result;
    }
}
