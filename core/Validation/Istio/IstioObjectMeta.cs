using System.Collections.Immutable;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Validation.Istio;

/// <summary>The parts of an object's metadata that istiod's rules look at.</summary>
internal sealed record IstioObjectMeta
{
    /// <summary>No metadata at all (what a fragment check runs with).</summary>
    public static IstioObjectMeta Empty { get; } = new();

    /// <summary>metadata.name.</summary>
    public string Name { get; init; } = "";

    /// <summary>metadata.namespace.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>metadata.labels (unknown values are left out).</summary>
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>metadata.annotations (unknown values are left out).</summary>
    public ImmutableDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Reads the metadata map of a manifest (or null).</summary>
    public static IstioObjectMeta From(MapValue? metadata)
    {
        var node = new Node(metadata);
        return new IstioObjectMeta
        {
            Name = node["name"].Text,
            Namespace = node["namespace"].Text,
            Labels = Strings(node["labels"]),
            Annotations = Strings(node["annotations"]),
        };
    }

    private static ImmutableDictionary<string, string> Strings(Node map) =>
        map.Entries.Where(e => !e.Value.IsUnknown).ToImmutableDictionary(e => e.Key, e => e.Value.Text, StringComparer.Ordinal);
}
