using System.Security.Cryptography;
using System.Text;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>
/// The kubectl ApplySet (KEP-3659) that lets <c>kubectl apply --prune</c> delete what an earlier render applied and this one
/// no longer renders, and nothing else. One set per cluster and mesh, with a cluster-scoped parent of MeshStack's own kind,
/// because kubectl requires <c>--namespace</c> for a namespaced parent (a Secret or ConfigMap) and that flag then refuses
/// every object of another namespace (kubernetes/kubectl <c>pkg/cmd/apply/apply.go</c>, "ApplySet uses the namespace value
/// from the flag"; KEP-3659: "ApplySets spanning multiple namespaces MUST use a cluster-scoped parent object"), while
/// MeshStack's objects live in istio-system, the services' namespaces and kube-system.
/// <para>
/// The members are applied by reference (<see cref="Stub"/>: apiVersion, kind, name, namespace) in the last folder, under
/// their own field manager, after the stage folders applied the objects in full: so a stage that became empty is still
/// pruned (kubectl refuses an apply of no objects, <c>apply.go</c> "no objects passed to apply", and every cluster keeps
/// its 15443 Gateway or IstioOperator), and the membership label is owned by a manager the stage applies never touch.
/// Key material (<c>cacerts</c>), server-side-apply patches of objects MeshStack does not own (the CoreDNS ConfigMap) and
/// Namespaces are never members (<see cref="IsMember"/>): a prune must never delete them.
/// </para>
/// </summary>
public static class ApplySet
{
    /// <summary>The API group of the parent kind.</summary>
    public const string Group = "meshstack.io";

    /// <summary>The parent kind.</summary>
    public const string Kind = "ApplySet";

    /// <summary>The parent kind's resource name.</summary>
    public const string Plural = "applysets";

    /// <summary>The parent's apiVersion.</summary>
    public const string ApiVersion = Group + "/v1";

    /// <summary>The CRD of the parent kind.</summary>
    public const string CrdName = Plural + "." + Group;

    /// <summary>The folder that holds the parent and the members, applied last.</summary>
    public const string Folder = "99-prune";

    /// <summary>The parent object's file in <see cref="Folder"/> (created once; not part of the kustomization).</summary>
    public const string ParentFile = "applyset.yaml";

    /// <summary>The members' file in <see cref="Folder"/>.</summary>
    public const string MembersFile = "members.yaml";

    /// <summary>The field manager of the membership apply: never <c>meshstack</c>, whose full objects it would strip.</summary>
    public const string FieldManager = "meshstack-applyset";

    /// <summary>The label kubectl puts on every member (kubectl <c>pkg/cmd/apply/applyset.go</c>, ApplysetPartOfLabel).</summary>
    public const string PartOfLabel = "applyset.kubernetes.io/part-of";

    /// <summary>The parent's name for a mesh: the set belongs to the mesh, so every stack file of it prunes the same set.</summary>
    public static string ParentName(string? meshId) => "meshstack-" + (meshId ?? "mesh");

    /// <summary>The <c>--applyset</c> value: <c>RESOURCE.GROUP/NAME</c> (kubectl <c>ParseApplySetParentRef</c>).</summary>
    public static string FlagValue(string? meshId) => $"{Plural}.{Group}/{ParentName(meshId)}";

    /// <summary>
    /// The set's ID, as kubectl computes it and checks it on the parent's <c>applyset.kubernetes.io/id</c> label:
    /// <c>applyset-</c> + base64url(sha256(name.namespace.kind.group)) + <c>-v1</c>, the namespace empty for a cluster-scoped
    /// parent (kubectl <c>pkg/cmd/apply/applyset.go</c>, <c>ApplySet.ID</c>, V1ApplySetIdFormat).
    /// </summary>
    public static string Id(string parentName, string? parentNamespace = null, string kind = Kind, string group = Group)
    {
        ArgumentNullException.ThrowIfNull(parentName);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('.', parentName, parentNamespace ?? "", kind, group)));
        return "applyset-" + Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "-v1";
    }

    /// <summary>
    /// The parent object as MeshStack creates it once (<c>kubectl create</c>, if absent): kubectl refuses to create a
    /// custom-resource parent itself and requires the tooling annotation, the ID label and the group-kinds annotation on
    /// an existing one (<c>applyset.go</c>, fetchParent, parseKindAnnotation). From then on kubectl's own field manager
    /// (<c>kubectl-applyset</c>) keeps its annotations; MeshStack never applies it again, so it never takes them back.
    /// </summary>
    public static MapValue Parent(string? meshId)
    {
        var name = ParentName(meshId);
        return Value.Map(
            ("apiVersion", ApiVersion),
            ("kind", Kind),
            ("metadata", Value.Map(
                ("name", name),
                ("labels", Value.SortedStrings([
                    KeyValuePair.Create("applyset.kubernetes.io/id", Id(name)),
                    KeyValuePair.Create(KubeObjects.ManagedByLabel, KubeObjects.ManagedBy)])),
                ("annotations", Value.SortedStrings([
                    KeyValuePair.Create("applyset.kubernetes.io/contains-group-kinds", ""),
                    KeyValuePair.Create("applyset.kubernetes.io/tooling", "kubectl/v1.32.0")])))));
    }

    /// <summary>
    /// The CRD of the parent kind, cluster-scoped and labelled as an allowed parent type (kubectl lists CRDs with
    /// <c>applyset.kubernetes.io/is-parent-type</c>, <c>applyset.go</c> getAllowedCustomResourceParents; the shape follows
    /// kubectl's <c>testdata/apply/applysets-crd.yaml</c>). Rendered into the first folder, so it is established long before
    /// the last folder creates the parent.
    /// </summary>
    public static MapValue Crd() => Value.Map(
        ("apiVersion", "apiextensions.k8s.io/v1"),
        ("kind", "CustomResourceDefinition"),
        ("metadata", Value.Map(
            ("name", CrdName),
            ("labels", Value.SortedStrings([
                KeyValuePair.Create("applyset.kubernetes.io/is-parent-type", "true"),
                KeyValuePair.Create(KubeObjects.ManagedByLabel, KubeObjects.ManagedBy)])))),
        ("spec", Value.Map(
            ("group", Group),
            ("names", Value.Map(("kind", Kind), ("listKind", Kind + "List"), ("plural", Plural), ("singular", "applyset"))),
            ("scope", "Cluster"),
            ("versions", Value.List(Value.Map(
                ("name", "v1"),
                ("served", true),
                ("storage", true),
                ("schema", Value.Map(("openAPIV3Schema", Value.Map(("type", "object")))))))))));

    /// <summary>
    /// Whether a prune may ever delete the object: everything MeshStack owns, except key material (a render without
    /// <c>--ca-dir</c> must not delete a live CA), patches of objects it does not own, and Namespaces: deleting a
    /// namespace deletes every object in it, those MeshStack did not render and those it still renders there (turning
    /// the demo off drops the demo's <c>bar</c> namespace while the owner-side ServiceEntry of <c>httpbin</c> stays in it).
    /// </summary>
    public static bool IsMember(PlannedObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.Mode == ApplyMode.Own && o.Concern != Concern.Pki && !(o.Kind == "Namespace" && o.ApiVersion == "v1");
    }

    /// <summary>A member by reference: what the membership apply sends (kubectl adds the part-of label).</summary>
    public static MapValue Stub(PlannedObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Value.Map(
            ("apiVersion", o.ApiVersion),
            ("kind", o.Kind),
            ("metadata", Value.Map(("name", o.Name), ("namespace", o.Namespace is null ? null : (Value)o.Namespace))));
    }
}
