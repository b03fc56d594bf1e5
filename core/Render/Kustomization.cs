using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>A <c>kustomization.yaml</c> (kustomize.config.k8s.io/v1beta1) that lists plain resource files, nothing else.</summary>
internal static class Kustomization
{
    /// <summary>The kustomization of the given resource files.</summary>
    public static MapValue Of(IEnumerable<string> resources) => Value.Map(
        ("apiVersion", "kustomize.config.k8s.io/v1beta1"),
        ("kind", "Kustomization"),
        ("resources", Value.List(resources.Select(r => (Value)r))));
}
