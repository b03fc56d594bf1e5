using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Pulumi;
using Pulumi.Testing;
using K8s = Pulumi.Kubernetes;
using K8sCore = Pulumi.Kubernetes.Types.Inputs.Core.V1;
using K8sMeta = Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace MeshStack.Components.Tests.Support;

/// <summary>
/// Strict test doubles: Pulumi's mocks plus what the real engine and pulumi-kubernetes 4.32.0 do and the stock mocks skip.
/// Each rule is named (<see cref="StrictRules"/>) and cites the upstream file it models. A rule that the real engine
/// turns into a failed preview or update throws from the registration, so the deployment fails as it would; the rest
/// are recorded (replacements, rendered files) for tests to assert.
/// </summary>
public sealed class StrictMocks : IMocks
{
    private readonly ConcurrentDictionary<(string Type, string Name), MockResourceArgs> byUrn = new();
    private readonly ConcurrentDictionary<string, ImmutableDictionary<string, object>> providers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ObjectRef, bool> created = new();
    private readonly ConcurrentDictionary<string, string> childProviders = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ObjectRef> operatorCreatedLater = new();

    public StrictMocks(bool preview, ClusterDouble? cluster = null, StrictMocks? previous = null)
    {
        Preview = preview;
        Cluster = cluster ?? new ClusterDouble();
        Previous = previous;
    }

    /// <summary>True for the preview phase (<c>pulumi preview</c>, or the preview before <c>pulumi up</c>).</summary>
    public bool Preview { get; }

    /// <summary>What already exists in the clusters, and what they can do.</summary>
    public ClusterDouble Cluster { get; }

    /// <summary>The previous run (its up phase): its registrations are the stack's state, its outputs the stack outputs.</summary>
    public StrictMocks? Previous { get; }

    /// <summary>A renewal or any change that mints new key material bumps this: PEMs of the Tls doubles carry it.</summary>
    public int Generation { get; init; } = 1;

    /// <summary>The stack outputs a stack reference to the stack itself returns (the previous run's outputs).</summary>
    public ImmutableDictionary<string, object> PreviousOutputs { get; init; } = ImmutableDictionary<string, object>.Empty;

    /// <summary>Every registration and read, in order.</summary>
    public ConcurrentQueue<MockResourceArgs> Registered { get; } = new();

    /// <summary>Rule violations that fail the deployment (also thrown).</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Resources the engine would replace (delete and create), with the rule that says so.</summary>
    public ConcurrentQueue<string> Replacements { get; } = new();

    /// <summary>Files render-mode providers write, by path (relative to the working folder), with their content.</summary>
    public ConcurrentDictionary<string, string> RenderedFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>The inputs of the last registration of a resource, by type and name (the "state" a next run diffs against).</summary>
    public ImmutableDictionary<string, object>? InputsOf(string type, string name) => byUrn.TryGetValue((type, name), out var args) ? args.Inputs : null;

    internal bool TryRecord(string type, string name, MockResourceArgs args) => byUrn.TryAdd((type, name), args);

    /// <summary>Every (type, name) registered: the URNs of this run, as far as the mock protocol shows them.</summary>
    public IReadOnlyCollection<(string Type, string Name)> Urns => byUrn.Keys.ToList();

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Registered.Enqueue(args);
        var type = args.Type!;
        var name = args.Name!;
        var isRead = !string.IsNullOrEmpty(args.Id);
        StrictRules.DuplicateUrn(this, type, name, args);

        if (type == "pulumi:providers:kubernetes")
        {
            StrictRules.ProviderCheckConfig(this, name, args.Inputs);
            providers[name] = args.Inputs;
            return Done(name + "_id", args.Inputs);
        }

        if (type == "pulumi:pulumi:StackReference")
        {
            var outputs = args.Inputs.ToBuilder();
            outputs["outputs"] = Previous is null ? ImmutableDictionary<string, object>.Empty : PreviousOutputs;
            outputs["secretOutputNames"] = ImmutableArray<object>.Empty;
            return Done(args.Id ?? name, outputs.ToImmutable());
        }

        if (type.StartsWith("tls:", StringComparison.Ordinal) || type.StartsWith("random:", StringComparison.Ordinal))
        {
            return Done(name + "_id", Computed(type, name, args.Inputs));
        }

        if (type == "kubernetes:helm.sh/v4:Chart")
        {
            return ChartAsync(args);
        }

        if (!type.StartsWith("kubernetes:", StringComparison.Ordinal))
        {
            // Components (meshstack:index:*) carry their inputs only.
            return Done(name + "_id", args.Inputs);
        }

        var provider = ProviderOf(args);
        if (isRead)
        {
            return Read(type, name, args, provider);
        }

        return Task.FromResult(Create(type, name, args, provider));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);

    private static Task<(string? id, object state)> Done(string? id, object state) => Task.FromResult((id, state));

    // The provider of a registration: "<provider urn>::<provider id>", the urn ending in "::<provider name>".
    private string ProviderOf(MockResourceArgs args)
    {
        if (!string.IsNullOrEmpty(args.Provider))
        {
            var parts = args.Provider.Split("::");
            return parts[^2];
        }

        return childProviders.TryGetValue(args.Name!, out var chartProvider) ? chartProvider : "default";
    }

    /// <summary>The settings of a provider (by name) as registered; empty for the default provider.</summary>
    public ImmutableDictionary<string, object> ProviderInputs(string provider) =>
        providers.TryGetValue(provider, out var inputs) ? inputs : ImmutableDictionary<string, object>.Empty;

    internal static bool Truthy(ImmutableDictionary<string, object> inputs, string key) => inputs.TryGetValue(key, out var value) && value switch
    {
        bool b => b,
        string s => s.Length > 0 && s != "false",
        _ => true,
    };

    private (string? id, object state) Create(string type, string name, MockResourceArgs args, string provider)
    {
        var target = ObjectRef.Of(provider, type, args.Inputs);
        StrictRules.EmptyIdRegistersAnEmptyObject(this, type, name, args.Inputs);
        var settings = ProviderInputs(provider);
        var previous = Previous?.InputsOf(type, name);
        var outputs = args.Inputs.ToBuilder();

        if (Truthy(settings, "renderYamlToDirectory"))
        {
            // Render mode: the object is written to a file, nothing is created or awaited (provider.go, Create, yamlRenderMode).
            if (!Preview)
            {
                StrictRules.RenderToFile(this, (string)settings["renderYamlToDirectory"], type, args.Inputs);
            }

            return (Preview ? null : target.Id, outputs.ToImmutable());
        }

        if (previous is null)
        {
            StrictRules.AlreadyExists(this, target, settings);
        }
        else
        {
            StrictRules.SecretDataReplaces(this, type, name, args.Inputs, previous, settings);
            StrictRules.ServerSideApplyConflict(this, target, args.Inputs, previous, settings);
        }

        if (Preview && previous is null)
        {
            // Preview of a create: the provider returns the inputs, without status; a dry-run create assigns no
            // clusterIP (provider.go, Create with req.GetPreview()); the SDK sees the empty id and missing outputs as
            // unknown (pulumi-dotnet sdk/Pulumi/Deployment/Deployment_ReadOrRegisterResource.cs).
            return (null, outputs.ToImmutable());
        }

        if (type == "kubernetes:core/v1:Service")
        {
            StrictRules.LoadBalancerAwait(this, target, args.Inputs);
            AddServiceOutputs(outputs, target, args.Inputs);
        }

        if (type == "kubernetes:core/v1:Secret")
        {
            StrictRules.ServiceAccountTokenFilled(this, target, args.Inputs, outputs);
        }

        if (!Preview)
        {
            created[target] = true;
            StrictRules.CustomResourcesCompleteImmediately(this, type, target, args.Inputs);
        }

        return (target.Id, outputs.ToImmutable());
    }

    private Task<(string? id, object state)> Read(string type, string name, MockResourceArgs args, string provider)
    {
        var target = ObjectRef.FromId(provider, type, args.Id!);
        StrictRules.ReadOfMissingObject(this, target);
        var outputs = ImmutableDictionary.CreateBuilder<string, object>();
        if (Cluster.Find(target) is { } live)
        {
            foreach (var (key, value) in live)
            {
                outputs[key] = value;
            }
        }

        if (type == "kubernetes:core/v1:Service")
        {
            AddServiceOutputs(outputs, target, ImmutableDictionary<string, object>.Empty);
        }

        return Done(args.Id, outputs.ToImmutable());
    }

    internal bool Exists(ObjectRef target) => Cluster.Find(target) is not null || created.ContainsKey(target)
        || (Previous is { } before && before.created.ContainsKey(target))
        || (Previous is { } earlier && earlier.operatorCreatedLater.Contains(target));

    internal void OperatorCreates(ObjectRef target, bool now)
    {
        if (now)
        {
            created[target] = true;
        }
        else
        {
            operatorCreatedLater.Enqueue(target);
        }
    }

    private void AddServiceOutputs(ImmutableDictionary<string, object>.Builder outputs, ObjectRef target, ImmutableDictionary<string, object> inputs)
    {
        var spec = inputs.TryGetValue("spec", out var s) && s is IDictionary<string, object> given
            ? given.ToImmutableDictionary()
            : ImmutableDictionary<string, object>.Empty;
        outputs["spec"] = spec.SetItem("clusterIP", $"10.96.{Cluster.Octet(target)}.10");
        var isLoadBalancer = spec.TryGetValue("type", out var serviceType) && (string)serviceType == "LoadBalancer";
        if (isLoadBalancer && Cluster.LoadBalancerController)
        {
            outputs["status"] = ImmutableDictionary<string, object>.Empty.Add("loadBalancer", ImmutableDictionary<string, object>.Empty.Add("ingress",
                ImmutableArray.Create<object>(ImmutableDictionary<string, object>.Empty.Add("ip", $"203.0.113.{Cluster.Octet(target)}"))));
        }
        else
        {
            outputs["status"] = ImmutableDictionary<string, object>.Empty.Add("loadBalancer", ImmutableDictionary<string, object>.Empty);
        }
    }

    private ImmutableDictionary<string, object> Computed(string type, string name, ImmutableDictionary<string, object> inputs)
    {
        if (Preview && Previous?.InputsOf(type, name) is null)
        {
            // A resource not created yet has no computed outputs in a preview: they are unknown.
            return inputs;
        }

        var outputs = inputs.ToBuilder();
        var generation = Generation.ToString(CultureInfo.InvariantCulture);
        switch (type)
        {
            case "tls:index/privateKey:PrivateKey":
                outputs["privateKeyPem"] = $"-----BEGIN PRIVATE KEY-----\n{name} g{generation}\n-----END PRIVATE KEY-----\n";
                break;
            case "tls:index/selfSignedCert:SelfSignedCert" or "tls:index/locallySignedCert:LocallySignedCert":
                outputs["certPem"] = $"-----BEGIN CERTIFICATE-----\n{name} g{generation}\n-----END CERTIFICATE-----\n";
                break;
            case "tls:index/certRequest:CertRequest":
                outputs["certRequestPem"] = $"-----BEGIN CERTIFICATE REQUEST-----\n{name}\n-----END CERTIFICATE REQUEST-----\n";
                break;
            case "random:index/randomId:RandomId":
                outputs["hex"] = $"{inputs.GetValueOrDefault("prefix")}c0ffee01";
                break;
        }

        return outputs.ToImmutable();
    }

    // Chart v4 renders its chart and registers every object as its own resource, named "<chart>:<namespace>/<name>"
    // (pulumi-kubernetes provider/pkg/provider/helm/v4/chart.go, yaml/v2/yaml.go); its `resources` output holds resource
    // references, known even in preview. The double renders the objects MeshStack's charts hold that matter here
    // (ChartModel) and registers the Services as real resources, so references come back as typed Services.
    private async Task<(string? id, object state)> ChartAsync(MockResourceArgs args)
    {
        var name = args.Name!;
        var provider = name.Split('/')[0];
        var outputs = args.Inputs.ToBuilder();
        var children = new List<Resource>();
        foreach (var rendered in ChartModel.Render(name, args.Inputs))
        {
            var childName = $"{name}:{rendered.Namespace}/{rendered.Name}";
            childProviders[childName] = provider;
            if (rendered.Kind == "Service")
            {
                children.Add(new K8s.Core.V1.Service(childName, new K8sCore.ServiceArgs
                {
                    Metadata = new K8sMeta.ObjectMetaArgs
                    {
                        Name = rendered.Name,
                        Namespace = rendered.Namespace,
                        Annotations = rendered.Annotations ?? new InputMap<string>(),
                    },
                    Spec = new K8sCore.ServiceSpecArgs { Type = rendered.ServiceType ?? "ClusterIP" },
                }));
            }
            else
            {
                // Other objects are only modelled: their fields co-managed by another field manager.
                var inputs = ImmutableDictionary<string, object>.Empty
                    .Add("apiVersion", rendered.ApiVersion)
                    .Add("kind", rendered.Kind)
                    .Add("metadata", ImmutableDictionary<string, object>.Empty.Add("name", rendered.Name).Add("namespace", rendered.Namespace)
                        .Add("labels", ImmutableDictionary<string, object>.Empty.Add("helm.sh/chart", rendered.ChartVersion)));
                await NewResourceAsync(new MockResourceArgs
                {
                    Type = $"kubernetes:{rendered.ApiVersion}:{rendered.Kind}",
                    Name = childName,
                    Inputs = inputs,
                    Provider = $"urn:pulumi:stack::project::pulumi:providers:kubernetes::{provider}::{provider}_id",
                }).ConfigureAwait(false);
            }
        }

        foreach (var child in children)
        {
            // The chart completes once its objects are registered (and awaited): dependsOn a chart waits for all of them.
            _ = await Pulumi.Utilities.OutputUtilities.GetValueAsync(child.Urn).ConfigureAwait(false);
        }

        outputs["resources"] = children.Cast<object>().ToImmutableArray();
        return (name + "_id", outputs.ToImmutable());
    }
}

/// <summary>A Kubernetes object as the provider addresses it: provider (cluster), kind, namespace, name.</summary>
public sealed record ObjectRef(string Provider, string Kind, string? Namespace, string Name)
{
    /// <summary>The provider's id of the object: <c>namespace/name</c>, or the name.</summary>
    public string Id => Namespace is null ? Name : $"{Namespace}/{Name}";

    public static ObjectRef Of(string provider, string type, ImmutableDictionary<string, object> inputs)
    {
        var metadata = inputs.TryGetValue("metadata", out var m) && m is IDictionary<string, object> map ? map : new Dictionary<string, object>();
        return new ObjectRef(provider, KindOf(type), metadata.TryGetValue("namespace", out var ns) ? (string)ns : null,
            metadata.TryGetValue("name", out var n) ? (string)n : "");
    }

    public static ObjectRef FromId(string provider, string type, string id) => id.Split('/') is [var ns, var name]
        ? new ObjectRef(provider, KindOf(type), ns, name)
        : new ObjectRef(provider, KindOf(type), null, id);

    // kubernetes:core/v1:ServicePatch → Service.
    private static string KindOf(string type)
    {
        var kind = type[(type.LastIndexOf(':') + 1)..];
        return kind.EndsWith("Patch", StringComparison.Ordinal) ? kind[..^"Patch".Length] : kind;
    }

    /// <summary>Whether this is the object of a cluster named <paramref name="cluster"/> (provider "cluster" or "&lt;federation&gt;-cluster").</summary>
    public bool InCluster(string cluster) => Provider == cluster || Provider.EndsWith("-" + cluster, StringComparison.Ordinal);
}

/// <summary>The clusters behind the providers: what exists before the program runs, and what the clusters can do.</summary>
public sealed class ClusterDouble
{
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

    /// <summary>Fields of objects that another field manager owns (kind, name, field, manager).</summary>
    public List<(string Kind, string Name, string Field, string Manager)> ForeignFields { get; } =
    [
        // istiod's webhook controller sets failurePolicy: Fail (and the caBundle) on the charts' validating webhooks.
        ("ValidatingWebhookConfiguration", "istiod-default-validator", "webhooks[0].failurePolicy", "pilot-discovery"),
        ("ValidatingWebhookConfiguration", "istio-validator-istio-system", "webhooks[0].failurePolicy", "pilot-discovery"),
    ];

    /// <summary>Adds a pre-existing object to one cluster.</summary>
    public ClusterDouble With(string cluster, string kind, string? ns, string name)
    {
        Existing.Add((cluster, kind, ns, name, ImmutableDictionary<string, object>.Empty));
        return this;
    }

    internal ImmutableDictionary<string, object>? Find(ObjectRef target) => Existing
        .Where(e => (e.Cluster == "*" || target.InCluster(e.Cluster)) && e.Kind == target.Kind && e.Namespace == target.Namespace && e.Name == target.Name)
        .Select(e => e.Live)
        .FirstOrDefault();

    /// <summary>A stable per-cluster number for addresses (the digits of the cluster name, else 9).</summary>
    public int Octet(ObjectRef target)
    {
        var digits = new string(target.Provider.Where(char.IsDigit).ToArray());
        return digits.Length is > 0 and < 3 ? int.Parse(digits, CultureInfo.InvariantCulture) : 9;
    }
}

/// <summary>The objects of MeshStack's charts the rules look at, rendered from the chart's name, chart and values.</summary>
public static class ChartModel
{
    public sealed record Rendered(string ApiVersion, string Kind, string Namespace, string Name, string ChartVersion, string? ServiceType = null, InputMap<string>? Annotations = null);

    public static IEnumerable<Rendered> Render(string chartName, ImmutableDictionary<string, object> inputs)
    {
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
                // base/templates/defaultrevision-validatingwebhookconfiguration.yaml (failurePolicy: Ignore until istiod patches it).
                yield return new Rendered("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", ns, "istiod-default-validator", label);
                break;
            case "istiod":
                // istio-discovery/templates/service.yaml and validatingwebhookconfiguration.yaml.
                yield return new Rendered("v1", "Service", ns, "istiod", label, "ClusterIP", new InputMap<string>());
                yield return new Rendered("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", ns, "istio-validator-istio-system", label);
                break;
        }
    }
}
