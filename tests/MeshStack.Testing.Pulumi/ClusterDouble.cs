using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Pulumi;

namespace MeshStack.Testing.Doubles;

/// <summary>
/// The clusters and render folders behind the providers, shared by every run and every stack that points at them: what
/// exists before the first run, what each run changes (<see cref="Events"/>), and what the clusters do by themselves
/// (a load-balancer controller, istiod rewriting its webhooks, the token controller).
/// </summary>
public sealed class ClusterDouble
{
    private readonly ConcurrentDictionary<LiveKey, ImmutableDictionary<string, object>> live = new();
    private readonly ConcurrentDictionary<LiveKey, bool> gone = new();

    /// <summary>Objects that exist before the run, by cluster name, kind, namespace and name, with their live fields.</summary>
    public List<(string Cluster, string Kind, string? Namespace, string Name, ImmutableDictionary<string, object> Live)> Existing { get; } =
    [
        // Every cluster has its DNS ConfigMap (kube-dns clusters have both; a missing key is what core reads as "none").
        ("*", "ConfigMap", "kube-system", "coredns", ImmutableDictionary<string, object>.Empty.Add("data",
            ImmutableDictionary<string, object>.Empty.Add("Corefile", MeshStack.Core.Dns.DefaultCorefiles.Forward))),
        ("*", "ConfigMap", "kube-system", "kube-dns", ImmutableDictionary<string, object>.Empty.Add("data", ImmutableDictionary<string, object>.Empty)),
    ];

    /// <summary>Whether a load-balancer controller assigns LoadBalancer Services an address (kind has none by default).</summary>
    public bool LoadBalancerController { get; init; } = true;

    /// <summary>
    /// Whether the deploying machine's ambient kubeconfig reaches a cluster. In render mode the provider then renders
    /// against it and writes files in preview too (pulumi-kubernetes provider.go, Configure, Create and Update).
    /// </summary>
    public bool AmbientClusterReachable { get; init; }

    /// <summary>
    /// Every chart renders nothing in preview, as a Chart v4 does when one of its values is unknown (helm/v4/chart.go,
    /// "Preview is incomplete"): its <c>resources</c> are empty then.
    /// </summary>
    public bool ChartValuesUnknownInPreview { get; init; }

    /// <summary>Seconds the token controller takes to fill a service-account-token Secret (the provider waits 5).</summary>
    public int TokenControllerSeconds { get; set; }

    /// <summary>Fields of objects that another field manager owns (kind, name, field, manager).</summary>
    public List<(string Kind, string Name, string Field, string Manager)> ForeignFields { get; } =
    [
        // istiod's webhook controller sets failurePolicy: Fail (and the caBundle) on the charts' validating webhooks.
        ("ValidatingWebhookConfiguration", "istiod-default-validator", "webhooks[0].failurePolicy", "pilot-discovery"),
        ("ValidatingWebhookConfiguration", "istio-validator-istio-system", "webhooks[0].failurePolicy", "pilot-discovery"),
    ];

    /// <summary>Every change to a live object or a rendered file, in order: (what happened, the object, why).</summary>
    public ConcurrentQueue<(string Change, LiveKey Object, string Why)> Events { get; } = new();

    /// <summary>Every run (phase) on this world, in order.</summary>
    public List<StrictMocks> Runs { get; } = [];

    /// <summary>The last outputs of every stack deployed to this world, by fully qualified stack name (what stack references read).</summary>
    public ConcurrentDictionary<string, ImmutableDictionary<string, object>> StackOutputs { get; } = new(StringComparer.Ordinal);

    /// <summary>Connections that reach one cluster under another name (an edited kubeconfig): provider target → the cluster's target.</summary>
    public ConcurrentDictionary<string, string> SameCluster { get; } = new(StringComparer.Ordinal);

    /// <summary>Targets (contexts, kubeconfig targets) whose API server no longer answers: a decommissioned cluster.</summary>
    public ConcurrentDictionary<string, bool> Unreachable { get; } = new(StringComparer.Ordinal);

    /// <summary>The rendered files that exist now, by path, with their content.</summary>
    public ConcurrentDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a pre-existing object to one cluster.</summary>
    public ClusterDouble With(string cluster, string kind, string? ns, string name)
    {
        Existing.Add((cluster, kind, ns, name, ImmutableDictionary<string, object>.Empty));
        return this;
    }

    /// <summary>The live fields of an object, or null when it does not exist.</summary>
    public ImmutableDictionary<string, object>? Find(LiveKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (live.TryGetValue(key, out var fields))
        {
            return fields;
        }

        return gone.ContainsKey(key) ? null : Existing
            .Where(e => (e.Cluster == "*" && !key.Target.StartsWith("files:", StringComparison.Ordinal)) || key.Target == e.Cluster || key.Target.EndsWith("-" + e.Cluster, StringComparison.Ordinal))
            .Where(e => e.Kind == key.Kind && e.Namespace == key.Namespace && e.Name == key.Name)
            .Select(e => e.Live)
            .FirstOrDefault();
    }

    /// <summary>Every live object MeshStack's own label marks, on one target (for "nothing left behind" checks).</summary>
    public IEnumerable<LiveKey> LiveObjects => live.Keys;

    /// <summary>Applies an object (a create, an update, or a patch of some fields), then lets the cluster's controllers act on it.</summary>
    public void Apply(LiveKey key, ImmutableDictionary<string, object> inputs, bool patch, string change, string why)
    {
        var fields = patch && Find(key) is { } before ? Merge(before, inputs) : inputs;
        if (key.Kind == "ValidatingWebhookConfiguration")
        {
            fields = IstiodPatchesWebhooks(fields);
        }

        live[key] = fields;
        gone.TryRemove(key, out _);
        Events.Enqueue((change, key, why));
    }

    /// <summary>Deletes an object (a delete through the provider that manages it).</summary>
    public void Delete(LiveKey key, string why)
    {
        if (Find(key) is null)
        {
            return;
        }

        live.TryRemove(key, out _);
        gone[key] = true;
        Events.Enqueue(("deleted", key, why));
    }

    /// <summary>A patch is deleted: its fields are given up; the object stays.</summary>
    public void Relinquish(LiveKey key, string why) => Events.Enqueue(("relinquished", key, why));

    /// <summary>A render-mode create or update: the file is written.</summary>
    public void WriteFile(string path, object? content, string why)
    {
        Files[path] = JsonSerializer.Serialize(content);
        Events.Enqueue(("file written", new LiveKey("files", "File", null, path), why));
    }

    /// <summary>A render-mode delete: the file is removed.</summary>
    public void DeleteFile(string path, string why)
    {
        if (Files.TryRemove(path, out _))
        {
            Events.Enqueue(("file deleted", new LiveKey("files", "File", null, path), why));
        }
    }

    /// <summary>Live objects deleted (or files removed) by the runs, as "target:Kind/ns/name".</summary>
    public IEnumerable<string> Deleted => Events.Where(e => e.Change is "deleted" or "file deleted").Select(e => e.Object.ToString());

    /// <summary>A stable per-cluster number for addresses (the digits of the cluster name, else 9).</summary>
    public int Octet(ObjectRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var digits = new string(target.Provider.Where(char.IsDigit).ToArray());
        return digits.Length is > 0 and < 3 ? int.Parse(digits, CultureInfo.InvariantCulture) : 9;
    }

    // istiod's validation controller turns every webhook's failurePolicy to Fail and sets its caBundle once ready
    // (istio/istio 1.30.3 pkg/webhooks/validation/controller/controller.go, updateValidatingWebhookConfiguration).
    private static ImmutableDictionary<string, object> IstiodPatchesWebhooks(ImmutableDictionary<string, object> fields)
    {
        if (fields.GetValueOrDefault("webhooks") is not IEnumerable<object> webhooks)
        {
            return fields;
        }

        var patched = webhooks.Cast<IDictionary<string, object>>().Select(w => (object)w.ToImmutableDictionary()
            .SetItem("failurePolicy", "Fail")
            .SetItem("clientConfig", ImmutableDictionary<string, object>.Empty.Add("caBundle", "aXN0aW9kLWNh"))).ToImmutableArray();
        return fields.SetItem("webhooks", patched);
    }

    private static ImmutableDictionary<string, object> Merge(ImmutableDictionary<string, object> before, ImmutableDictionary<string, object> patch)
    {
        var result = before.ToBuilder();
        foreach (var (key, value) in patch)
        {
            result[key] = value is IDictionary<string, object> inner && before.GetValueOrDefault(key) is IDictionary<string, object> old
                ? Merge(old.ToImmutableDictionary(), inner.ToImmutableDictionary())
                : value;
        }

        return result.ToImmutable();
    }
}

/// <summary>The objects of MeshStack's charts the rules look at, rendered from the chart's name, chart and values.</summary>
public static class ChartModel
{
    public sealed record Rendered(string ApiVersion, string Kind, string Namespace, string Name, string ChartVersion, string? ServiceType = null, InputMap<string>? Annotations = null, bool Keep = false)
    {
        /// <summary>The object's inputs as the chart renders them (webhook configurations with their webhooks, as istiod finds them).</summary>
        public ImmutableDictionary<string, object> Inputs()
        {
            var metadata = ImmutableDictionary<string, object>.Empty.Add("name", Name)
                .Add("labels", ImmutableDictionary<string, object>.Empty.Add("helm.sh/chart", ChartVersion));
            metadata = Namespace.Length == 0 ? metadata : metadata.Add("namespace", Namespace);
            metadata = Keep ? metadata.Add("annotations", ImmutableDictionary<string, object>.Empty.Add("helm.sh/resource-policy", "keep")) : metadata;
            var inputs = ImmutableDictionary<string, object>.Empty
                .Add("apiVersion", ApiVersion)
                .Add("kind", Kind)
                .Add("metadata", metadata);
            if (Kind == "ConfigMap")
            {
                return inputs.Add("data", ImmutableDictionary<string, object>.Empty.Add("mesh", $"# rendered by {ChartVersion}"));
            }

            return Kind == "ValidatingWebhookConfiguration"
                ? inputs.Add("webhooks", ImmutableArray.Create<object>(ImmutableDictionary<string, object>.Empty
                    .Add("name", "validation.istio.io")
                    .Add("failurePolicy", "Ignore")
                    .Add("clientConfig", ImmutableDictionary<string, object>.Empty.Add("caBundle", ""))))
                : inputs;
        }
    }

    public static IEnumerable<Rendered> Render(string chartName, ImmutableDictionary<string, object> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var chart = inputs.TryGetValue("chart", out var c) ? (string)c : "";
        var version = inputs.TryGetValue("version", out var v) ? (string)v : "";
        var ns = inputs.TryGetValue("namespace", out var n) ? (string)n : "default";
        var release = inputs.TryGetValue("name", out var r) ? (string)r : chartName;
        var values = inputs.TryGetValue("values", out var vs) && vs is IDictionary<string, object> map ? map : new Dictionary<string, object>();
        var label = $"{chart}-{version}";
        switch (chart)
        {
            case "gateway":
                // manifests/charts/gateway/templates/service.yaml: one Service named after the gateway, of service.type,
                // with service.annotations.
                var service = values.TryGetValue("service", out var s) && s is IDictionary<string, object> sm ? sm : new Dictionary<string, object>();
                var annotations = new InputMap<string>();
                if (service.TryGetValue("annotations", out var a) && a is IDictionary<string, object> am)
                {
                    foreach (var (key, value) in am)
                    {
                        annotations.Add(key, (string)value);
                    }
                }

                yield return new Rendered("v1", "Service", ns, values.TryGetValue("name", out var gw) ? (string)gw : release, label,
                    service.TryGetValue("type", out var t) ? (string)t : "LoadBalancer", annotations);
                break;
            case "base":
                // base/files/crd-all.gen.yaml (rendered as templates, base.enableCRDTemplates: true, values.yaml@1.30.3:36):
                // every Istio CRD is annotated helm.sh/resource-policy: keep. One stands for the 15.
                yield return new Rendered("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "serviceentries.networking.istio.io", label, Keep: true);
                // base/templates/defaultrevision-validatingwebhookconfiguration.yaml (failurePolicy: Ignore until istiod patches it).
                yield return new Rendered("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", ns, "istiod-default-validator", label);
                break;
            case "istiod":
                // istio-discovery/templates/service.yaml, validatingwebhookconfiguration.yaml and the mesh config ConfigMap
                // (configmap.yaml: `istio`, whose data changes with every mesh config or version change).
                yield return new Rendered("v1", "Service", ns, "istiod", label, "ClusterIP", new InputMap<string>());
                yield return new Rendered("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", ns, "istio-validator-istio-system", label);
                yield return new Rendered("v1", "ConfigMap", ns, "istio", label);
                break;
        }
    }
}
