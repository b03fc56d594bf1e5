using MeshStack.Core.Plan;

namespace MeshStack.Core.Changes;

/// <summary>Which path applies a change: the rules of "replaced" differ.</summary>
public enum ChangeEngine
{
    /// <summary><c>kubectl apply --server-side</c>: the API server refuses a change to an immutable field.</summary>
    GitOps,

    /// <summary><c>pulumi up</c> through pulumi-kubernetes 4.32: a change to a force-new field replaces the object.</summary>
    Pulumi,
}

/// <summary>
/// When a change to an existing object is not an in-place update. Each rule names the upstream file it models.
/// Paths are JSON-path-like, as pulumi-kubernetes writes them (<c>.spec.selector</c>); a change at or below a listed
/// path, or a change of a whole subtree that holds one, counts.
/// </summary>
public sealed record ReplaceRules
{
    /// <summary>The engine.</summary>
    public required ChangeEngine Engine { get; init; }

    /// <summary>Pulumi only: the provider's <c>enableSecretMutable</c>.</summary>
    public bool MutableSecrets { get; init; }

    /// <summary>Pulumi only: the provider's <c>enableConfigMapMutable</c>.</summary>
    public bool MutableConfigMaps { get; init; }

    /// <summary>The API server's rules, for the GitOps path.</summary>
    public static ReplaceRules GitOps { get; } = new() { Engine = ChangeEngine.GitOps };

    /// <summary>
    /// pulumi-kubernetes's rules with the flags MeshStack's providers set (<c>enableSecretMutable</c>,
    /// <c>enableConfigMapMutable</c>).
    /// </summary>
    public static ReplaceRules Pulumi(ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new() { Engine = ChangeEngine.Pulumi, MutableSecrets = settings.MutableSecrets, MutableConfigMaps = settings.MutableConfigMaps };
    }

    /// <summary>
    /// The fields whose change means the object cannot be updated in place. <paramref name="immutable"/> is whether the
    /// old object sets <c>immutable: true</c> (Secrets, ConfigMaps); <paramref name="isPatch"/> whether the object is a
    /// server-side-apply patch of an object MeshStack does not own; <paramref name="oldClusterIpSet"/> whether the old
    /// Service names a cluster IP.
    /// </summary>
    public IReadOnlyList<string> ForceNewFields(string group, string version, string kind, bool immutable, bool isPatch, bool oldClusterIpSet)
    {
        return Engine == ChangeEngine.Pulumi ? PulumiFields(group, version, kind, immutable, isPatch) : GitOpsFields(group, kind, immutable, oldClusterIpSet);
    }

    // kubernetes/kubernetes: pkg/apis/core/validation/validation.go ValidateSecretUpdate (type immutable; with immutable:
    // true also data/stringData), ValidateConfigMapUpdate (with immutable: true, data/binaryData), ValidateServiceUpdate
    // (spec.clusterIP once set, except ExternalName); pkg/registry/apps/{deployment,daemonset,replicaset}/strategy.go
    // ValidateUpdate ("disallow mutation of selector" for apps/v1). Kinds MeshStack never writes (StatefulSet, Job, ...)
    // are not modelled.
    // The Istio CRDs MeshStack writes have no immutable field (no x-kubernetes-validations rule reads oldSelf in
    // istio/istio 1.30.3 manifests/charts/base/files/crd-all.gen.yaml).
    private static IReadOnlyList<string> GitOpsFields(string group, string kind, bool immutable, bool oldClusterIpSet) => (group, kind) switch
    {
        ("", "Secret") => immutable ? [".type", ".data", ".stringData"] : [".type"],
        ("", "ConfigMap") => immutable ? [".data", ".binaryData"] : [],
        ("", "Service") => oldClusterIpSet ? [".spec.clusterIP", ".spec.clusterIPs"] : [],
        ("apps", "Deployment" or "DaemonSet" or "ReplicaSet") => [".spec.selector"],
        _ => [],
    };

    // pulumi/pulumi-kubernetes v4.32.0 provider/pkg/provider/diff.go forceNewProperties: metadata.name and namespace
    // always; a Secret's type/stringData/data unless enableSecretMutable (and not immutable), then only its type; a
    // ConfigMap's data/binaryData unless enableConfigMapMutable (and not immutable); the per-kind table (Service
    // clusterIP, apps/v1 selectors, ...). Patch resources only force-replace on name and namespace (provider.go Diff,
    // kinds.IsPatchResource). Groups outside the table (every Istio kind) have only the metadata fields.
    private List<string> PulumiFields(string group, string version, string kind, bool immutable, bool isPatch)
    {
        List<string> fields = [".metadata.name", ".metadata.namespace"];
        if (isPatch)
        {
            return fields;
        }

        var coreGroup = group is "" or "core";
        if (coreGroup && version == "v1" && kind == "Secret")
        {
            fields.AddRange(!MutableSecrets || immutable ? [".type", ".stringData", ".data"] : [".type"]);
        }
        else if (coreGroup && version == "v1" && kind == "ConfigMap")
        {
            if (!MutableConfigMaps || immutable)
            {
                fields.AddRange([".binaryData", ".data"]);
            }
        }
        else if (coreGroup && version == "v1" && kind == "Service")
        {
            fields.Add(".spec.clusterIP");
        }
        else if (group == "apps" && version is "v1" or "v1beta2" && kind is "Deployment" or "DaemonSet")
        {
            fields.Add(".spec.selector");
        }
        else if (group == "apps" && version is "v1" or "v1beta2" or "v1beta1" && kind == "StatefulSet")
        {
            fields.AddRange([".spec.podManagementPolicy", ".spec.revisionHistoryLimit", ".spec.selector", ".spec.serviceName", ".spec.volumeClaimTemplates"]);
        }
        else if (group == "batch" && kind == "Job")
        {
            fields.AddRange([".spec.completions", ".spec.parallelism", ".spec.selector", ".spec.template"]);
        }
        else if (group == "rbac.authorization.k8s.io" && kind is "RoleBinding" or "ClusterRoleBinding")
        {
            fields.Add(".roleRef");
        }

        return fields;
    }
}
