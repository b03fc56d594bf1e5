using System.Collections.Immutable;

namespace MeshStack.Core.Plan;

/// <summary>
/// The application namespaces a cluster's planned objects live in (outside demo mode: the owner-side
/// <c>NAME.NS.global</c> ServiceEntry goes into the service's own namespace). A namespaced object cannot be created in a
/// namespace that does not exist, so each such namespace is planned like istio-system: a server-side-apply patch that
/// creates it on a fresh cluster, adopts it when the user's workloads already run there, and is left in place by destroy
/// (it holds the user's own workloads). It is labelled for sidecar injection, which the owner side needs: istiod keeps
/// only mTLS endpoints for the gateway's SNI-DNAT cluster, and only injected pods carry
/// <c>security.istio.io/tlsMode: istio</c> (pilot/pkg/xds/endpoints/endpoint_builder.go@1.30.3, EndpointsWithMTLSFilter;
/// the injector's namespaceSelector <c>istio-injection: enabled</c>,
/// manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml@1.30.3 and @1.7.8).
/// </summary>
internal static class ApplicationNamespaces
{
    /// <summary>The namespace label the default-revision injector selects on (every Istio release MeshStack installs).</summary>
    public const string InjectionLabel = "istio-injection";

    /// <summary>True for a namespace that exists in every cluster or that an install creates itself.</summary>
    public static bool Preexists(string ns) => Preexisting.Contains(ns);

    /// <summary>Namespaces that exist in every cluster or that the installs create themselves.</summary>
    private static readonly ImmutableHashSet<string> Preexisting =
        [KubeObjects.IstioSystem, NamespacePlanner.ClaimNamespace, "default", "kube-public", "kube-node-lease", Istio.IstioCharts.OperatorNamespace];

    /// <summary>
    /// A Namespace patch for every namespace an object of <paramref name="items"/> lives in that neither exists in every
    /// cluster nor is created by another planned Namespace (the demo's own namespaces stay the demo's), by name.
    /// </summary>
    public static List<PlanItem> Patches(string cluster, IReadOnlyCollection<PlanItem> items)
    {
        var created = items.OfType<PlannedObject>().Where(o => o.Kind == "Namespace" && o.ApiVersion == "v1").Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        return items.OfType<PlannedObject>()
            .Select(o => o.Namespace)
            .OfType<string>()
            .Where(ns => !Preexisting.Contains(ns) && !created.Contains(ns))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(ns => (PlanItem)Patch(cluster, ns))
            .ToList();
    }

    /// <summary>
    /// A patch names its server-side-apply field manager (pulumi.com/patchFieldManager, read by pulumi-kubernetes) and
    /// carries no managed-by label: the namespace is the user's, MeshStack only makes sure it exists and is injected.
    /// </summary>
    private static PlannedObject Patch(string cluster, string ns) =>
        KubeObjects.Object(cluster, Stage.Namespaces, Concern.Namespaces, "v1", "Namespace", null, ns, MapValue.Empty,
            labels: [KeyValuePair.Create(InjectionLabel, "enabled")],
            annotations: [KeyValuePair.Create(Dns.DnsPatch.FieldManagerAnnotation, Dns.DnsPatch.FieldManager)],
            mode: ApplyMode.Patch);
}
