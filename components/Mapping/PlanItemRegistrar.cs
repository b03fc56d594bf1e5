using MeshStack.Core.Dns;
using MeshStack.Core.Plan;
using Pulumi;
using ApiExt = Pulumi.Kubernetes.ApiExtensions;
using HelmV4 = Pulumi.Kubernetes.Types.Inputs.Helm.V4;

namespace MeshStack.Components.Mapping;

/// <summary>
/// Maps one plan item onto one resource on its cluster's provider, with exactly the plan's dependsOn:
/// an object onto its typed Kubernetes class (or a custom resource for Istio kinds), a patch onto the
/// kind's server-side-apply Patch class, a Helm release onto a Helm v4 Chart.
/// </summary>
internal static class PlanItemRegistrar
{
    /// <summary>The server-side-apply field manager annotation Pulumi reads on Patch resources.</summary>
    public const string FieldManagerAnnotation = "pulumi.com/patchFieldManager";

    /// <summary>Registers each item as a child of <paramref name="parent"/>; returns the resources, in item order.</summary>
    public static IReadOnlyList<Resource> RegisterAll(IEnumerable<PlanItem> items, ClusterContext context, Resource parent)
    {
        var registered = new List<Resource>();
        foreach (var item in items)
        {
            var resource = Register(item, context, parent);
            context.Register(item.Key, resource);
            registered.Add(resource);
        }

        return registered;
    }

    private static Resource Register(PlanItem item, ClusterContext context, Resource parent) => item switch
    {
        PlannedObject o => Object(o, context, new CustomResourceOptions
        {
            Parent = parent,
            Provider = context.Provider,
            DependsOn = context.DependsOn(o.DependsOn, o.PeerDependsOn),
            RetainOnDelete = context.RetainsOnDelete && RetainsOnDelete(o) ? true : null,
            Aliases = Naming.Was(context.NameOf(o), ClusterContext.PreviousNameOf(o)),
        }),
        HelmRelease r => Chart(r, context, new ComponentResourceOptions
        {
            Parent = parent,
            Provider = context.Provider,
            DependsOn = context.DependsOn(r.DependsOn),
            // The engine runs these on every object the chart registers (in render mode nothing is kept on destroy).
            ResourceTransforms = context.RetainsOnDelete ? [KeepCustomResourceDefinitions, IgnoreWhatIstiodOwns] : [IgnoreWhatIstiodOwns],
            // The chart's objects are named "<chart name>:<namespace>/<name>": they follow the chart's alias
            // (a child whose name starts with its parent's name inherits the parent's aliases).
            Aliases = Naming.Was(context.NameOf(r), ClusterContext.PreviousNameOf(r)),
        }),
        _ => throw new InvalidOperationException($"cannot register plan item {item.GetType().Name}"),
    };

    private static Resource Object(PlannedObject o, ClusterContext context, CustomResourceOptions options)
    {
        var patch = o.Mode == ApplyMode.Patch;
        var manifest = patch ? WithFieldManager(o.Manifest) : o.Manifest;
        var bind = new BindContext(context.Resolver, $"{o.Cluster}: {o.Key}", Secret: false, SecretObject: o.IsSecret);
        if (KubernetesTypes.Find(KubernetesTypes.Token(o.ApiVersion, o.Kind, patch)) is var (resourceType, argsType))
        {
            var args = ArgsBinder.Bind(argsType, manifest, bind, "");
            return (Resource)Activator.CreateInstance(resourceType, context.NameOf(o), args, options)!;
        }

        if (patch)
        {
            throw new InvalidOperationException($"{bind.Describe}: patching custom resources is not supported");
        }

        var extra = manifest.Entries.Select(e => e.Key).Except(["apiVersion", "kind", "metadata", "spec"]).ToList();
        if (extra.Count > 0)
        {
            throw new InvalidOperationException($"{bind.Describe}: custom resource fields {string.Join(", ", extra)} are not supported (only metadata and spec)");
        }

        var customArgs = new ManifestCustomResourceArgs(o.ApiVersion, o.Kind)
        {
            Metadata = ManifestCustomResourceArgs.BindMetadata((MapValue)manifest["metadata"]!, bind),
            Spec = manifest["spec"] is MapValue spec ? ValueConverter.ToInputMap(spec, context.Resolver) : null,
        };
        return new ApiExt.CustomResource(context.NameOf(o), customArgs, options);
    }

    private static Pulumi.Kubernetes.Helm.V4.Chart Chart(HelmRelease r, ClusterContext context, ComponentResourceOptions options) =>
        new(context.NameOf(r), new HelmV4.ChartArgs
        {
            Chart = r.Chart,
            Version = r.Version,
            Namespace = r.Namespace,
            Name = r.Name,
            // A local chart (the legacy operator chart from the release folder) is a path: no repository.
            RepositoryOpts = r.IsLocalChart ? null! : (Input<HelmV4.RepositoryOptsArgs>)new HelmV4.RepositoryOptsArgs { Repo = r.Repository },
            Values = ValueConverter.ToInputMap(r.Values, context.Resolver),
        }, options);

    /// <summary>The type token of the CRDs a chart renders.</summary>
    public const string CustomResourceDefinitionType = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";

    /// <summary>
    /// Keeps a chart's CRDs on destroy, as Istio does (deleting a CRD deletes every Istio resource of its kind in the
    /// cluster). Helm v4 Chart already retains objects annotated <c>helm.sh/resource-policy: keep</c>; this applies the
    /// same to every CRD a chart renders, whether or not the chart annotates it. The engine runs it on the chart's children.
    /// </summary>
    public static Task<ResourceTransformResult?> KeepCustomResourceDefinitions(ResourceTransformArgs args, CancellationToken cancellationToken = default) =>
        Task.FromResult<ResourceTransformResult?>(args.Type == CustomResourceDefinitionType && args.Options is CustomResourceOptions options
            ? new ResourceTransformResult(args.Args, CustomResourceOptions.Merge(options, new CustomResourceOptions { RetainOnDelete = true }))
            : null);

    /// <summary>
    /// The fields of a chart's objects istiod rewrites after install (core: <see cref="Core.Istio.IstioCharts.FieldsIstiodOwns"/>)
    /// are ignored in diffs, so a <c>pulumi refresh</c> that stores istiod's values leaves no change behind. An update for
    /// another reason still writes the chart's value (forced, as <c>helm upgrade</c> does), and istiod patches it again.
    /// </summary>
    public static Task<ResourceTransformResult?> IgnoreWhatIstiodOwns(ResourceTransformArgs args, CancellationToken cancellationToken = default)
    {
        var kind = args.Type[(args.Type.LastIndexOf(':') + 1)..];
        var group = args.Type.Split(':') is [_, var module, _] ? module : "";
        var owned = Core.Istio.IstioCharts.FieldsIstiodOwns.FirstOrDefault(f => f.Key.Kind == kind && f.Key.ApiVersion == group).Value;
        if (owned is null || args.Options is not CustomResourceOptions options)
        {
            return Task.FromResult<ResourceTransformResult?>(null);
        }

        return Task.FromResult<ResourceTransformResult?>(new ResourceTransformResult(args.Args,
            CustomResourceOptions.Merge(options, new CustomResourceOptions { IgnoreChanges = [.. owned] })));
    }

    /// <summary>
    /// Core marks patches whose field must survive destroy (a <c>coredns</c> ConfigMap without <c>Corefile</c> stops cluster
    /// DNS): deleting them would make the API server drop the field the patch owns, so Pulumi forgets them instead.
    /// </summary>
    public static bool RetainsOnDelete(PlannedObject o) =>
        o.Manifest["metadata"] is MapValue metadata && metadata["annotations"] is MapValue annotations
        && annotations[DnsPatch.OnDeleteAnnotation] is Scalar { Content: DnsPatch.RestoreAndRetain };

    // Core says "patch, owned by meshstack"; Pulumi takes the field manager from this annotation.
    private static MapValue WithFieldManager(MapValue manifest)
    {
        var metadata = (MapValue)manifest["metadata"]!;
        var annotations = metadata["annotations"] as MapValue ?? MapValue.Empty;
        return manifest.With("metadata", metadata.With("annotations", annotations.With(FieldManagerAnnotation, KubeObjects.ManagedBy)));
    }
}
