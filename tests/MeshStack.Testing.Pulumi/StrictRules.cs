using System.Collections.Immutable;
using System.Text.Json;

namespace MeshStack.Testing.Doubles;

/// <summary>Thrown by a strict rule: the real engine or provider would fail the preview or update here.</summary>
public sealed class StrictRuleException(string rule, string message) : Exception($"[{rule}] {message}")
{
    public string Rule { get; } = rule;
}

/// <summary>
/// The rules of <see cref="StrictMocks"/>, one method each, named as in test names and messages, each citing the upstream
/// file it models (pulumi/pulumi-kubernetes at v4.32.0, pulumi/pulumi-dotnet at v3.112.1, pulumi/pulumi).
/// </summary>
public static class StrictRules
{
    public const string CheckConfig = nameof(CheckConfig);
    public const string ReadBeforeCreate = nameof(ReadBeforeCreate);
    public const string EmptyId = nameof(EmptyId);
    public const string DuplicateUrns = nameof(DuplicateUrns);
    public const string SecretReplacement = nameof(SecretReplacement);
    public const string LoadBalancerTimeout = nameof(LoadBalancerTimeout);
    public const string AlreadyExistsOnCreate = nameof(AlreadyExistsOnCreate);
    public const string SsaConflict = nameof(SsaConflict);
    public const string EncryptedConfig = nameof(EncryptedConfig);
    public const string ProtectedResource = nameof(ProtectedResource);
    public const string TokenAwait = nameof(TokenAwait);
    public const string UpdateOfMissing = nameof(UpdateOfMissing);
    public const string UnreachableCluster = nameof(UnreachableCluster);

    private static void Fail(StrictMocks mocks, string rule, string message)
    {
        mocks.Violations.Enqueue($"[{rule}] {message}");
        throw new StrictRuleException(rule, message);
    }

    /// <summary>
    /// CheckConfig: with <c>renderYamlToDirectory</c> set, <c>cluster</c>, <c>context</c> or a non-ambient
    /// <c>kubeconfig</c> is a check failure; <c>alwaysRender</c> needs render mode.
    /// pulumi-kubernetes provider/pkg/provider/provider.go (CheckConfig, "%q arg is not compatible with
    /// "renderYamlToDirectory" arg"); provider/pkg/provider/provider_checkconfig_test.go.
    /// </summary>
    public static void ProviderCheckConfig(StrictMocks mocks, string provider, ImmutableDictionary<string, object> inputs)
    {
        var render = StrictMocks.Truthy(inputs, "renderYamlToDirectory");
        foreach (var key in new[] { "cluster", "context", "kubeconfig" })
        {
            if (render && StrictMocks.Truthy(inputs, key))
            {
                Fail(mocks, CheckConfig, $"provider {provider}: \"{key}\" arg is not compatible with \"renderYamlToDirectory\" arg");
            }
        }

        if (!render && StrictMocks.Truthy(inputs, "alwaysRender"))
        {
            Fail(mocks, CheckConfig, $"provider {provider}: \"alwaysRender\" requires \"renderYamlToDirectory\" to be set");
        }
    }

    /// <summary>
    /// A read (<c>X.Get(name, id)</c>) asks the provider for the live object, in preview as in update; an object that
    /// does not exist yet is a 404: "resource ... does not exist". Objects this program creates exist only after their
    /// create completed in an update, never in a preview. pulumi-kubernetes provider/pkg/provider/provider.go (Read);
    /// pulumi-dotnet sdk/Pulumi/Deployment/Deployment_ReadResource.cs (a Get is a ReadResource call).
    /// </summary>
    public static void ReadOfMissingObject(StrictMocks mocks, ObjectRef target)
    {
        if (!mocks.Exists(target))
        {
            Fail(mocks, ReadBeforeCreate, $"{(mocks.Preview ? "preview" : "update")}: reading {target.Kind} {target.Id} through provider {target.Provider}: resource '{target.Id}' does not exist");
        }
    }

    /// <summary>
    /// An unknown id given to <c>X.Get</c> becomes "" and pulumi-dotnet 3.112.1 then registers a new resource with no
    /// inputs instead of reading (pulumi-dotnet sdk/Pulumi/Deployment/Deployment_ReadOrRegisterResource.cs,
    /// <c>GetValueAsync(whenUnknown: "")</c>; pulumi/pulumi#23757). A Kubernetes object registered without metadata is that.
    /// </summary>
    public static void EmptyIdRegistersAnEmptyObject(StrictMocks mocks, string type, string name, ImmutableDictionary<string, object> inputs)
    {
        if (!inputs.ContainsKey("metadata"))
        {
            Fail(mocks, EmptyId, $"{type} {name} was registered with no inputs: a Get whose id was unknown registers an empty object (pulumi/pulumi#23757)");
        }
    }

    /// <summary>
    /// Two resources with one URN fail the deployment ("Duplicate resource URN"; pulumi/pulumi
    /// pkg/resource/deploy/step_generator.go). The mock protocol shows type and name but not the parent chain, so the
    /// URN is approximated by (type, name): stricter than the engine only for equal names under different parent types.
    /// </summary>
    public static void DuplicateUrn(StrictMocks mocks, string type, string name, Pulumi.Testing.MockResourceArgs args)
    {
        if (!mocks.TryRecord(type, name, args))
        {
            Fail(mocks, DuplicateUrns, $"Duplicate resource URN: {type}::{name}");
        }
    }

    /// <summary>
    /// A LoadBalancer Service is awaited until it has an ingress address, up to 10 minutes, then the update fails;
    /// <c>pulumi.com/skipAwait: "true"</c> turns the await off. pulumi-kubernetes provider/pkg/await/service.go
    /// (DefaultServiceTimeoutMins = 10), provider/pkg/metadata/overrides.go (skipAwait).
    /// </summary>
    public static void LoadBalancerAwait(StrictMocks mocks, ObjectRef target, ImmutableDictionary<string, object> inputs)
    {
        var spec = inputs.GetValueOrDefault("spec") as IDictionary<string, object>;
        var isLoadBalancer = spec is not null && spec.TryGetValue("type", out var t) && (string)t == "LoadBalancer";
        if (mocks.Preview || !isLoadBalancer || mocks.Cluster.LoadBalancerController || Annotation(inputs, "pulumi.com/skipAwait") == "true")
        {
            return;
        }

        Fail(mocks, LoadBalancerTimeout, $"Service {target.Id} of provider {target.Provider}: 10m0s timeout waiting for the LoadBalancer ingress (no load-balancer controller)");
    }

    /// <summary>
    /// Since 4.29 a create is client-side: an object that already exists fails with AlreadyExists in an update (a preview
    /// passes), unless the provider sets <c>upsertExistingObjects</c>, which applies it server-side instead.
    /// pulumi-kubernetes provider/pkg/await/await.go (Creation: <c>c.ServerSideApply &amp;&amp; (c.UpsertExistingObjects || patch)</c>).
    /// </summary>
    public static void AlreadyExists(StrictMocks mocks, string type, ObjectRef target, ImmutableDictionary<string, object> provider)
    {
        if (mocks.Preview || type.EndsWith("Patch", StringComparison.Ordinal) || !mocks.ExistsLive(target))
        {
            return;
        }

        if (!StrictMocks.Truthy(provider, "upsertExistingObjects"))
        {
            Fail(mocks, AlreadyExistsOnCreate, $"{target.Kind} {target.Id} of provider {target.Provider} already exists");
        }
    }

    /// <summary>
    /// An update applies the whole object server-side without force; a field another manager owns with another value
    /// conflicts (istiod takes the charts' webhook <c>failurePolicy</c>), unless the object is annotated
    /// <c>pulumi.com/patchForce</c> or the provider sets <c>enablePatchForce</c>. pulumi-kubernetes
    /// provider/pkg/await/await.go (ssaUpdate, patchForce); pulumi-kubernetes#2210.
    /// </summary>
    public static void ServerSideApplyConflict(StrictMocks mocks, ObjectRef target, ImmutableDictionary<string, object> inputs,
        ImmutableDictionary<string, object> previous, ImmutableDictionary<string, object> provider)
    {
        if (Json(inputs) == Json(previous) || StrictMocks.Truthy(provider, "enablePatchForce") || Annotation(inputs, "pulumi.com/patchForce") == "true")
        {
            return;
        }

        foreach (var (kind, name, field, manager) in mocks.Cluster.ForeignFields.Where(f => f.Kind == target.Kind && f.Name == target.Name))
        {
            Fail(mocks, SsaConflict, $"{kind} {name}: Apply failed with 1 conflict: conflict with \"{manager}\": .{field}");
        }
    }

    /// <summary>
    /// A Secret of type <c>kubernetes.io/service-account-token</c> is awaited until the token controller has filled its
    /// <c>data</c> (<c>token</c>, <c>ca.crt</c>, <c>namespace</c>, base64 as the API returns them), so its own <c>data</c>
    /// output carries the token after an update; in a preview of its create it is unknown.
    /// pulumi-kubernetes provider/pkg/await/awaiters.go (untilCoreV1SecretInitialized), CHANGELOG (pulumi-kubernetes#2048).
    /// </summary>
    public static void ServiceAccountTokenFilled(StrictMocks mocks, ObjectRef target, ImmutableDictionary<string, object> inputs, ImmutableDictionary<string, object>.Builder outputs,
        StepKind step, StateEntry? old)
    {
        if (mocks.Preview || inputs.GetValueOrDefault("type") as string != "kubernetes.io/service-account-token")
        {
            return;
        }

        // The wait is 5 seconds (awaiters.go, untilCoreV1SecretInitialized: WatchUntil(..., 5*time.Second)); a slower
        // token controller fails the create, the engine keeps the Secret with init errors, and the next update awaits
        // it again (await.go, Update runs the same awaiter), by when the controller has filled it.
        if (step == StepKind.Create && mocks.Cluster.TokenControllerSeconds > 5)
        {
            Fail(mocks, TokenAwait, $"Secret {target.Id} of provider {target.Provider}: timed out after 5s waiting for the token controller to fill data");
        }

        _ = old;

        static string B64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
        outputs["data"] = ImmutableDictionary<string, object>.Empty
            .Add("token", B64(TokenOf(target)))
            .Add("ca.crt", B64($"-----BEGIN CERTIFICATE-----\nAPI server CA of {target.Provider}\n-----END CERTIFICATE-----\n"))
            .Add("namespace", B64(target.Namespace ?? ""));
    }

    /// <summary>The token the double's token controller writes into a token Secret (a JWT-shaped text naming the provider).</summary>
    public static string TokenOf(ObjectRef target) => $"eyJhbGciOiJSUzI1NiJ9.{target.Provider}.{target.Name}";

    /// <summary>
    /// Custom resources have no awaiter: their create completes as soon as the API server accepts them, unless
    /// annotated <c>pulumi.com/waitFor</c> (pulumi-kubernetes provider/pkg/await/awaiters.go, provider/pkg/metadata/
    /// overrides.go). The objects an operator makes from a CR (the IstioOperator's gateway and istiocoredns Services)
    /// therefore exist before dependent steps run only when the CR was awaited; otherwise they appear later.
    /// </summary>
    public static void CustomResourcesCompleteImmediately(StrictMocks mocks, string type, ObjectRef target, ImmutableDictionary<string, object> inputs)
    {
        if (type != "kubernetes:install.istio.io/v1alpha1:IstioOperator")
        {
            return;
        }

        var awaited = Annotation(inputs, "pulumi.com/waitFor") is { Length: > 0 };
        foreach (var service in new[] { "istio-ingressgateway", "istio-egressgateway", "istiocoredns" })
        {
            mocks.OperatorCreates(target with { Kind = "Service", Name = service }, now: awaited);
        }
    }

    /// <summary>
    /// Render mode writes each object to <c>&lt;dir&gt;/1-manifest/&lt;apiVersion&gt;-&lt;kind&gt;-&lt;namespace&gt;-&lt;name&gt;.yaml</c>
    /// (CRDs under <c>0-crd/</c>), Secrets in plaintext with only a warning. pulumi-kubernetes
    /// provider/pkg/provider/provider.go (Create in yamlRenderMode, renderYaml, renderPathForResource).
    /// </summary>
    public static string RenderToFile(StrictMocks mocks, string directory, string type, ImmutableDictionary<string, object> inputs)
    {
        var path = RenderPath(directory, type, inputs);
        mocks.RenderedFiles[path] = Json(inputs);
        return path;
    }

    /// <summary>Where render mode writes an object (provider.go, renderPathForResource); Delete removes the same path.</summary>
    public static string RenderPath(string directory, string type, ImmutableDictionary<string, object> inputs)
    {
        var target = ObjectRef.Of("render", type, inputs);
        var apiVersion = inputs.TryGetValue("apiVersion", out var a) ? (string)a : type.Split(':')[1].Replace("core/", "", StringComparison.Ordinal);
        var file = $"{apiVersion.Replace('/', '_').Replace(':', '_')}-{target.Kind.ToLowerInvariant()}-{target.Namespace ?? "default"}-{target.Name}.yaml";
        var folder = target.Kind == "CustomResourceDefinition" ? "0-crd" : "1-manifest";
        return $"{directory}/{folder}/{file}";
    }

    /// <summary>
    /// The engine refuses to replace a resource marked protect, in preview and in update ("unable to replace resource
    /// ... as it is currently marked for protection"; pulumi/pulumi pkg/resource/deploy/step_generator.go).
    /// </summary>
    public static void ProtectedReplace(StrictMocks mocks, string type, string name, string why) =>
        Fail(mocks, ProtectedResource, $"unable to replace resource {type}::{name} ({why}) as it is currently marked for protection");

    /// <summary>
    /// An update reads the live object first (pulumi-kubernetes provider/pkg/await/await.go@v4.32.0:462, then
    /// provider/pkg/provider/provider.go@v4.32.0:2471): on a target that does not hold it (another cluster behind an unchanged clusterIdentifier, an
    /// object deleted out of band) the update fails with NotFound; it never creates the object. Patches are applies and
    /// create what is missing.
    /// </summary>
    public static void UpdateOfMissingObject(StrictMocks mocks, string type, LiveKey live, ImmutableDictionary<string, object> settings)
    {
        if (!StrictMocks.Truthy(settings, "renderYamlToDirectory") && !type.EndsWith("Patch", StringComparison.Ordinal) && mocks.Cluster.Find(live) is null)
        {
            Fail(mocks, UpdateOfMissing, $"update of {live}: resource not found on the cluster (the provider reads the live object before it updates)");
        }
    }

    /// <summary>
    /// A provider whose cluster does not answer is configured as unreachable (provider.go@v4.32.0:950-954, 995-998):
    /// creates and updates fail, and so do deletes unless <c>deleteUnreachable</c> is set (2574-2587, 619-633:
    /// "configured Kubernetes cluster is unreachable ... PULUMI_K8S_DELETE_UNREACHABLE").
    /// </summary>
    public static void UnreachableTarget(StrictMocks mocks, LiveKey live, string operation)
    {
        if (mocks.Cluster.Unreachable.ContainsKey(live.Target))
        {
            Fail(mocks, UnreachableCluster, $"{operation} of {live}: configured Kubernetes cluster is unreachable; if the cluster was deleted, set deleteUnreachable (PULUMI_K8S_DELETE_UNREACHABLE)");
        }
    }

    /// <summary>The engine refuses to delete a protected resource (step_generator.go, "marked for protection"); destroy fails until unprotected.</summary>
    public static void ProtectedDelete(StrictMocks mocks, string type, string name) =>
        Fail(mocks, ProtectedResource, $"unable to delete resource {type}::{name} as it is currently marked for protection");

    /// <summary>
    /// The engine decrypts every <c>secure:</c> config value before the program starts; a value the stack's secrets
    /// provider cannot decrypt fails every preview and update ("could not decrypt configuration value"; pulumi/pulumi
    /// sdk/go/common/resource/config/value.go, <c>Value(decrypter)</c>, called for every key as the CLI builds the
    /// program's config).
    /// </summary>
    public static void DecryptConfig(string stackFile, string key, string value) =>
        throw new StrictRuleException(EncryptedConfig, $"{stackFile}: {key}: failed to decrypt secure value '{value}': the stack's secrets provider cannot read it");

    private static string? Annotation(ImmutableDictionary<string, object> inputs, string key) =>
        inputs.GetValueOrDefault("metadata") is IDictionary<string, object> metadata
        && metadata.TryGetValue("annotations", out var a) && a is IDictionary<string, object> annotations
        && annotations.TryGetValue(key, out var value) ? value as string : null;

    private static readonly JsonSerializerOptions Plain = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json(object? value) => JsonSerializer.Serialize(Normalize(value), Plain);

    private static object? Normalize(object? value) => value switch
    {
        IDictionary<string, object> map => new SortedDictionary<string, object?>(map.ToDictionary(p => p.Key, p => Normalize(p.Value)), StringComparer.Ordinal),
        IEnumerable<object> list when value is not string => list.Select(Normalize).ToList(),
        _ => value,
    };
}
