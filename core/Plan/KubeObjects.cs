using System.Runtime.InteropServices;

namespace MeshStack.Core.Plan;

/// <summary>Builds planned Kubernetes objects with the labels every MeshStack object carries.</summary>
public static class KubeObjects
{
    /// <summary>Label on every object MeshStack creates.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>Its value.</summary>
    public const string ManagedBy = "meshstack";

    /// <summary>The Istio control-plane namespace.</summary>
    public const string IstioSystem = "istio-system";

    /// <summary>Builds an object: manifest = apiVersion, kind, metadata (name, namespace, labels, annotations), then <paramref name="body"/> entries.</summary>
    public static PlannedObject Object(
        string cluster, Stage stage, Concern concern, string apiVersion, string kind, string? ns, string name,
        MapValue body, IEnumerable<KeyValuePair<string, string>>? labels = null, IEnumerable<KeyValuePair<string, string>>? annotations = null,
        ApplyMode mode = ApplyMode.Own, bool isSecret = false)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (labels is null && annotations is null && mode == ApplyMode.Own)
        {
            // The common case (every routing object): only the managed-by label, one shared immutable map.
            return Create(cluster, stage, concern, apiVersion, kind, ns, name, body, Value.Map(
                ("name", name),
                ("namespace", ns is null ? null : (Value)ns),
                ("labels", ManagedByOnly)), mode, isSecret);
        }

        var allLabels = (labels ?? []).ToDictionary(StringComparer.Ordinal);
        if (mode == ApplyMode.Own)
        {
            allLabels[ManagedByLabel] = ManagedBy;
        }

        var annotationList = (annotations ?? []).ToList();
        var metadata = Value.Map(
            ("name", name),
            ("namespace", ns is null ? null : (Value)ns),
            ("labels", allLabels.Count == 0 ? null : Value.SortedStrings(allLabels)),
            ("annotations", annotationList.Count == 0 ? null : Value.SortedStrings(annotationList)));
        return Create(cluster, stage, concern, apiVersion, kind, ns, name, body, metadata, mode, isSecret);
    }

    private static readonly MapValue ManagedByOnly = Value.SortedStrings([KeyValuePair.Create(ManagedByLabel, ManagedBy)]);

    private static PlannedObject Create(
        string cluster, Stage stage, Concern concern, string apiVersion, string kind, string? ns, string name,
        MapValue body, MapValue metadata, ApplyMode mode, bool isSecret)
    {
        var entries = new KeyValuePair<string, Value>[3 + body.Entries.Length];
        entries[0] = KeyValuePair.Create("apiVersion", (Value)apiVersion);
        entries[1] = KeyValuePair.Create("kind", (Value)kind);
        entries[2] = KeyValuePair.Create("metadata", (Value)metadata);
        body.Entries.CopyTo(entries, 3);
        var manifest = new MapValue(ImmutableCollectionsMarshal.AsImmutableArray(entries));
        return new PlannedObject
        {
            Cluster = cluster,
            Stage = stage,
            Concern = concern,
            ApiVersion = apiVersion,
            Kind = kind,
            Namespace = ns,
            Name = name,
            Manifest = manifest,
            Mode = mode,
            IsSecret = isSecret,
        };
    }
}
