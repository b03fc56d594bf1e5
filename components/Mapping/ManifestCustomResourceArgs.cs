using Pulumi;
using ApiExt = Pulumi.Kubernetes.ApiExtensions;
using Meta = Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace MeshStack.Components.Mapping;

/// <summary>Args of a custom resource (Istio kinds): metadata plus the manifest's <c>spec</c>.</summary>
internal sealed class ManifestCustomResourceArgs(string apiVersion, string kind) : ApiExt.CustomResourceArgs(apiVersion, kind)
{
    /// <summary>The spec, with deploy-time values as outputs at their leaves.</summary>
    [Input("spec")]
    public InputMap<object>? Spec { get; set; }

    /// <summary>Builds metadata typed, the same way as for built-in kinds.</summary>
    public static Meta.ObjectMetaArgs BindMetadata(Core.Plan.MapValue metadata, BindContext context) =>
        (Meta.ObjectMetaArgs)ArgsBinder.Bind(typeof(Meta.ObjectMetaArgs), metadata, context, "metadata.");
}
