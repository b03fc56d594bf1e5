using System.Collections.Immutable;
using MeshStack.Core.Deployment;
using MeshStack.Core.Model;

namespace MeshStack.Core.Plan;

/// <summary>
/// The first objects of every cluster: MeshStack's ownership claim, then the istio-system namespace, labelled with the
/// cluster's network as multi-network Istio requires.
/// </summary>
internal static class NamespacePlanner
{
    /// <summary>The namespace of the ownership claim: it exists in every cluster before anything else.</summary>
    public const string ClaimNamespace = "kube-system";

    /// <summary>The name of the ownership claim ConfigMap.</summary>
    public const string ClaimName = "meshstack-owner";

    /// <summary>The plan key of a cluster's ownership claim.</summary>
    public static string ClaimKey => $"ConfigMap/{ClaimNamespace}/{ClaimName}";

    /// <summary>The plan key of istio-system.</summary>
    public static string IstioSystemKey => $"Namespace/-/{KubeObjects.IstioSystem}";

    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster)
    {
        // The claim is created first and everything in the cluster waits for it (see Claim). A create of an object that
        // exists fails with AlreadyExists (pulumi-kubernetes 4.29 and later, provider/pkg/await/await.go, Creation, without
        // upsertExistingObjects), so a cluster another stack or federation manages stops the update before anything is
        // written; the claim's data says who owns it.
        yield return KubeObjects.Object(cluster.Name, Stage.Namespaces, Concern.Namespaces, "v1", "ConfigMap", ClaimNamespace, ClaimName,
            Value.Map(("data", Value.Map(("cluster", cluster.Name), ("owner", context.Owner)))));

        var mode = IstioSystemMode(context, cluster);
        // A patch names its server-side-apply field manager (pulumi.com/patchFieldManager, read by pulumi-kubernetes).
        var istioSystem = KubeObjects.Object(cluster.Name, Stage.Namespaces, Concern.Namespaces, "v1", "Namespace", null, KubeObjects.IstioSystem,
            MapValue.Empty, labels: [KeyValuePair.Create("topology.istio.io/network", cluster.Network)],
            annotations: mode == ApplyMode.Patch ? [KeyValuePair.Create(Dns.DnsPatch.FieldManagerAnnotation, Dns.DnsPatch.FieldManager)] : null, mode: mode);
        yield return istioSystem;
    }

    /// <summary>
    /// Every first-stage item of a cluster waits for its claim and, in one stack, for every cluster's claim, so a claimed
    /// cluster stops the whole federation, not only its own part. The later stages wait on the first stage.
    /// </summary>
    public static void Claim(PlanContext context, ClusterSpec cluster, List<PlanItem> items)
    {
        var peers = context.Spec.StackMode == StackMode.Federation
            ? context.Spec.Clusters.Where(c => c.Name != cluster.Name).Select(c => new PeerDependency(c.Name, ClaimKey)).ToImmutableArray()
            : [];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Stage == Stage.Namespaces && items[i].Key != ClaimKey)
            {
                items[i] = items[i] with { DependsOn = [ClaimKey], PeerDependsOn = peers };
            }
        }
    }

    /// <summary>
    /// istio-system is a server-side-apply patch: it is created when absent and adopted when it exists (the guide's
    /// first step creates it by hand), and destroy leaves the namespace. Stacks deployed before the deployment record
    /// registered it as a Namespace resource: it stays one, since changing the resource type would create the patch and
    /// then delete the Namespace, with everything in it.
    /// </summary>
    private static ApplyMode IstioSystemMode(PlanContext context, ClusterSpec cluster) => context.Previous switch
    {
        { IsLegacy: true } => ApplyMode.Own,
        { } previous when previous.Find(cluster.Name) is { IstioSystem: ClusterRecord.NamespaceOwned } => ApplyMode.Own,
        _ => ApplyMode.Patch,
    };

    /// <summary>How a planned cluster registers istio-system.</summary>
    public static ApplyMode IstioSystemModeOf(ClusterPlan plan) =>
        plan.Objects.FirstOrDefault(o => o.Key == IstioSystemKey)?.Mode ?? ApplyMode.Patch;
}
