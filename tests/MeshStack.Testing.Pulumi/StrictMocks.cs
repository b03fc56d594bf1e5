using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Pulumi;
using Pulumi.Testing;
using K8s = Pulumi.Kubernetes;
using K8sCore = Pulumi.Kubernetes.Types.Inputs.Core.V1;
using K8sMeta = Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace MeshStack.Testing.Doubles;

/// <summary>
/// Strict test doubles: Pulumi's mocks plus what the real engine and pulumi-kubernetes 4.32.0 do and the stock mocks skip,
/// within one run (<see cref="StrictRules"/>) and between runs (<see cref="StrictEngine"/>: yesterday's state, the
/// provider's DiffConfig and Diff, replacements, deletes, protect, retainOnDelete, aliases, refresh). A rule that the real
/// engine turns into a failed preview or update throws from the registration, so the deployment fails as it would; the
/// rest are recorded (steps, replacements, rendered files, live changes of <see cref="ClusterDouble"/>) for tests to assert.
/// A run is one phase (preview or up); <see cref="Finish"/> ends it with the deletes the engine does last.
/// </summary>
public sealed class StrictMocks : IMocks
{
    private readonly ConcurrentDictionary<(string Type, string Name), MockResourceArgs> byUrn = new();
    private readonly ConcurrentDictionary<string, ImmutableDictionary<string, object>> providers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> providerIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> childProviders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Type, string Name), RegistrationOptions> options = new();
    private readonly ConcurrentDictionary<string, List<ResourceTransform>> chartTransforms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Type, string Name), bool> claimed = new();
    private readonly ConcurrentQueue<(StateEntry Old, string Why)> deleteLast = new();
    private readonly ChartStateGate chartGate = new();
    private readonly ConcurrentQueue<LiveKey> operatorCreatedLater = new();

    public StrictMocks(bool preview, ClusterDouble? cluster = null, StrictMocks? previous = null)
    {
        Preview = preview;
        Cluster = cluster ?? previous?.Cluster ?? new ClusterDouble();
        Previous = previous;
        lock (Cluster.Runs)
        {
            Cluster.Runs.Add(this);
        }
    }

    /// <summary>True for the preview phase (<c>pulumi preview</c>, or the preview before <c>pulumi up</c>).</summary>
    public bool Preview { get; }

    /// <summary>The clusters and folders behind the providers: what exists, shared by every run and every stack on them.</summary>
    public ClusterDouble Cluster { get; }

    /// <summary>The previous run (its up phase): its <see cref="State"/> is the stack's state, its outputs the stack outputs.</summary>
    public StrictMocks? Previous { get; }

    /// <summary>A renewal bumps this: the intermediates' certificates (LocallySignedCert) carry it.</summary>
    public int Generation { get; init; } = 1;

    /// <summary>The stack outputs a stack reference to the stack itself returns (the previous run's outputs).</summary>
    public ImmutableDictionary<string, object> PreviousOutputs { get; init; } = ImmutableDictionary<string, object>.Empty;

    /// <summary>The fully qualified name of the stack this run deploys (its own stack reference reads <see cref="PreviousOutputs"/>).</summary>
    public string? OwnStack { get; init; }

    /// <summary>Every registration and read, in order.</summary>
    public ConcurrentQueue<MockResourceArgs> Registered { get; } = new();

    /// <summary>Rule violations that fail the deployment (also thrown).</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Resources the engine would replace (delete and create), with the rule that says so.</summary>
    public ConcurrentQueue<string> Replacements { get; } = new();

    /// <summary>Replacements of Tls resources (a replace-on-change field changed: a new key or certificate; a renewal is one too).</summary>
    public ConcurrentQueue<string> TlsReplacements { get; } = new();

    /// <summary>The engine's steps of this run.</summary>
    public ConcurrentQueue<Step> Steps { get; } = new();

    /// <summary>The stack's state after this run (what the next run diffs against).</summary>
    public ConcurrentDictionary<(string Type, string Name), StateEntry> State { get; } = new();

    /// <summary>Files render-mode providers wrote in this run, by path (relative to the working folder), with their content.</summary>
    public ConcurrentDictionary<string, string> RenderedFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Records each resource's options as the program gives them (protect, retainOnDelete, ignoreChanges, aliases, a
    /// chart's transforms): the mock protocol does not carry them, so runs under the doubles put this on the top component.
    /// </summary>
    public ResourceTransformation Observe => args =>
    {
        var key = (args.Resource.GetResourceType(), args.Resource.GetResourceName());
        options[key] = RegistrationOptions.Of(args.Options);
        if (args.Options.ResourceTransforms.Count > 0)
        {
            chartTransforms[args.Resource.GetResourceName()] = [.. args.Options.ResourceTransforms];
        }

        return null;
    };

    /// <summary>The inputs of the last registration of a resource, by type and name (the "state" a next run diffs against).</summary>
    public ImmutableDictionary<string, object>? InputsOf(string type, string name) => byUrn.TryGetValue((type, name), out var args) ? args.Inputs : null;

    internal bool TryRecord(string type, string name, MockResourceArgs args) => byUrn.TryAdd((type, name), args);

    /// <summary>Every (type, name) registered: the URNs of this run, as far as the mock protocol shows them.</summary>
    public IReadOnlyCollection<(string Type, string Name)> Urns => byUrn.Keys.ToList();

    /// <summary>The steps of one kind.</summary>
    public IEnumerable<Step> StepsOf(StepKind kind) => Steps.Where(s => s.Kind == kind);

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
            return Done(RegisterProvider(name, args.Inputs), args.Inputs);
        }

        if (type == "pulumi:pulumi:StackReference")
        {
            var outputs = args.Inputs.ToBuilder();
            var stack = (string)args.Inputs["name"];
            outputs["outputs"] = Cluster.StackOutputs.TryGetValue(stack, out var other) && stack != OwnStack
                ? other
                : Previous is null ? ImmutableDictionary<string, object>.Empty : PreviousOutputs;
            outputs["secretOutputNames"] = ImmutableArray<object>.Empty;
            return Done(args.Id ?? name, outputs.ToImmutable());
        }

        if (type.StartsWith("tls:", StringComparison.Ordinal) || type.StartsWith("random:", StringComparison.Ordinal))
        {
            var given = OptionsOf(type, name);
            var old = Previous is null ? null
                : new[] { (type, name) }.Concat(given.Aliases.Select(a => (a.Type ?? type, a.Name))).Select(k => Previous.State.GetValueOrDefault(k)).FirstOrDefault(e => e is not null);
            if (StrictEngine.TlsReplacement(type, old?.Inputs, args.Inputs) is { } field)
            {
                // A replace-on-change field: a new key or certificate (the doubles' PEMs carry the force-new inputs' fingerprint).
                var why = $"[{StrictEngine.ForceNew}] .{field} of a {type[(type.LastIndexOf(':') + 1)..]} is replace-on-change";
                if (old!.Options.Protect && given.Protect)
                {
                    StrictRules.ProtectedReplace(this, type, name, why);
                }

                TlsReplacements.Enqueue($"[Replace] {name}: {why}");
                Steps.Enqueue(new Step(StepKind.ReplaceCreateFirst, type, name, why));
            }

            var computed = Computed(type, name, args.Inputs);
            Track(type, name, args.Inputs, computed, null, null, null);
            return Done(name + "_id", computed);
        }

        if (type == "kubernetes:helm.sh/v4:Chart")
        {
            return chartGate.ThroughAsync(() => ChartAsync(args));
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

        return Task.FromResult(Register(type, name, args, provider));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);

    private static Task<(string? id, object state)> Done(string? id, object state) => Task.FromResult((id, state));

    // A provider keeps its id while DiffConfig says "no replacement" and gets a new one when it is replaced.
    private string RegisterProvider(string name, ImmutableDictionary<string, object> inputs)
    {
        StrictRules.ProviderCheckConfig(this, name, inputs);
        providers[name] = inputs;
        var id = $"{name}_id";
        if (Previous is { } before && before.providers.TryGetValue(name, out var olds) && before.providerIds.TryGetValue(name, out var oldId))
        {
            id = oldId;
            if (StrictEngine.ProviderReplacement(olds, inputs) is { } why)
            {
                id = $"{name}_id{int.Parse("0" + oldId[(name.Length + "_id".Length)..], CultureInfo.InvariantCulture) + 1}";
                Steps.Enqueue(new Step(StepKind.ReplaceCreateFirst, "pulumi:providers:kubernetes", name, $"[{StrictEngine.ProviderReplaced}] DiffConfig: {why}"));
            }
        }

        providerIds[name] = id;
        return id;
    }

    // The provider of a registration: "<provider urn>::<provider id>", the urn ending in "::<provider name>".
    private (string Name, string Id) ProviderRefOf(MockResourceArgs args)
    {
        if (!string.IsNullOrEmpty(args.Provider))
        {
            var parts = args.Provider.Split("::");
            return (parts[^2], parts[^1]);
        }

        var name = childProviders.TryGetValue(args.Name!, out var chartProvider) ? chartProvider : "default";
        return (name, providerIds.GetValueOrDefault(name, $"{name}_id"));
    }

    private string ProviderOf(MockResourceArgs args) => ProviderRefOf(args).Name;

    /// <summary>The settings of a provider (by name) as registered; empty for the default provider.</summary>
    public ImmutableDictionary<string, object> ProviderInputs(string provider) =>
        providers.TryGetValue(provider, out var inputs) ? inputs : ImmutableDictionary<string, object>.Empty;

    /// <summary>What a provider points at: a render folder, else its context, else its kubeconfig, else its name.</summary>
    public string TargetOf(string provider) => TargetOf(provider, ProviderInputs(provider));

    private string TargetOf(string provider, ImmutableDictionary<string, object> settings)
    {
        var target = Truthy(settings, "renderYamlToDirectory") ? $"files:{settings["renderYamlToDirectory"]}"
            : settings.GetValueOrDefault("context") as string
            ?? (settings.GetValueOrDefault("kubeconfig") is string kubeconfig ? KubeconfigTarget(kubeconfig) : provider);
        return Cluster.SameCluster.GetValueOrDefault(target, target);
    }

    /// <summary>The target of a provider configured with this kubeconfig text (tests map it onto a cluster with <see cref="ClusterDouble.SameCluster"/>).</summary>
    public static string KubeconfigTarget(string kubeconfig) => $"kubeconfig:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(kubeconfig)))[..12]}";

    internal LiveKey LiveKeyOf(ObjectRef target) => new(TargetOf(target.Provider), target.Kind, target.Namespace, target.Name);

    internal static bool Truthy(ImmutableDictionary<string, object> inputs, string key) => inputs.TryGetValue(key, out var value) && value switch
    {
        bool b => b,
        string s => s.Length > 0 && s != "false",
        _ => true,
    };

    // The old state a registration takes over: its own URN, else the first alias that names state.
    private StateEntry? Claim(string type, string name, RegistrationOptions given)
    {
        if (Previous is null)
        {
            return null;
        }

        foreach (var key in new[] { (type, name) }.Concat(given.Aliases.Select(a => (a.Type ?? type, a.Name))))
        {
            if (Previous.State.TryGetValue(key, out var old) && claimed.TryAdd(key, true))
            {
                return old;
            }
        }

        return null;
    }

    private RegistrationOptions OptionsOf(string type, string name) => options.GetValueOrDefault((type, name), RegistrationOptions.None);

    private void Track(string type, string name, ImmutableDictionary<string, object> inputs, ImmutableDictionary<string, object> outputs,
        string? provider, string? providerId, LiveKey? live, bool initErrors = false)
    {
        var given = OptionsOf(type, name);
        _ = Claim(type, name, given);
        State[(type, name)] = new StateEntry(type, name, inputs, outputs, provider, providerId, given, live) { InitErrors = initErrors };
    }

    private (string? id, object state) Register(string type, string name, MockResourceArgs args, string provider)
    {
        var target = ObjectRef.Of(provider, type, args.Inputs);
        StrictRules.EmptyIdRegistersAnEmptyObject(this, type, name, args.Inputs);
        var settings = ProviderInputs(provider);
        var (_, providerId) = ProviderRefOf(args);
        var live = LiveKeyOf(target);
        var given = OptionsOf(type, name);
        var old = Claim(type, name, given);
        var outputs = args.Inputs.ToBuilder();

        var (kind, why) = old switch
        {
            null => (StepKind.Create, "new"),
            _ when old.ProviderId != providerId => (given.DeleteBeforeReplace == true ? StepKind.ReplaceDeleteFirst : StepKind.ReplaceCreateFirst,
                $"[{StrictEngine.ProviderReplaced}] its provider was replaced (ReplaceKeys \"provider\"; the resource's own Diff is not asked)"),
            _ => StrictEngine.Diff(type, old, args.Inputs, given, settings),
        };
        if (kind is StepKind.ReplaceCreateFirst or StepKind.ReplaceDeleteFirst)
        {
            // step_generator.go: "unable to replace resource ... as it is currently marked for protection" (preview too).
            if (old!.Options.Protect && given.Protect)
            {
                StrictRules.ProtectedReplace(this, type, name, why);
            }

            Replacements.Enqueue($"[{(why.Contains(StrictEngine.ForceNew, StringComparison.Ordinal) && type == "kubernetes:core/v1:Secret" ? StrictRules.SecretReplacement : "Replace")}] {name}: {why}");
        }

        Steps.Enqueue(new Step(kind, type, name, why, live));
        switch (kind)
        {
            case StepKind.Create:
                CreateObject(type, target, live, args.Inputs, settings);
                break;
            case StepKind.ReplaceCreateFirst:
                CreateObject(type, target, live, args.Inputs, settings);
                deleteLast.Enqueue((old!, why));
                break;
            case StepKind.ReplaceDeleteFirst:
                DeleteUnlessRetained(old!, why);
                CreateObject(type, target, live, args.Inputs, settings);
                break;
            case StepKind.Update:
                StrictRules.UnreachableTarget(this, live, "update");
                StrictRules.UpdateOfMissingObject(this, type, live, settings);
                StrictRules.ServerSideApplyConflict(this, target, args.Inputs, old!.Inputs, settings);
                WriteObject(type, live, args.Inputs, settings, "updated", why);
                break;
        }

        if (Truthy(settings, "renderYamlToDirectory"))
        {
            Track(type, name, args.Inputs, outputs.ToImmutable(), provider, providerId, live);
            return (Preview && old is null ? null : target.Id, outputs.ToImmutable());
        }

        if (Preview && old is null)
        {
            // Preview of a create: the provider returns the inputs, without status; a dry-run create assigns no
            // clusterIP (provider.go, Create with req.GetPreview()); the SDK sees the empty id and missing outputs as
            // unknown (pulumi-dotnet sdk/Pulumi/Deployment/Deployment_ReadOrRegisterResource.cs).
            Track(type, name, args.Inputs, outputs.ToImmutable(), provider, providerId, live);
            return (null, outputs.ToImmutable());
        }

        try
        {
            // The provider's awaiters: a create or update that times out leaves the object in place and in state, with
            // init errors, and fails the update (pulumi-kubernetes provider/pkg/await/await.go).
            if (type == "kubernetes:core/v1:Service")
            {
                StrictRules.LoadBalancerAwait(this, target, args.Inputs);
                AddServiceOutputs(outputs, target, args.Inputs);
            }

            if (type == "kubernetes:core/v1:Secret")
            {
                StrictRules.ServiceAccountTokenFilled(this, target, args.Inputs, outputs, kind, old);
            }
        }
        catch (StrictRuleException e) when (e.Rule is StrictRules.TokenAwait or StrictRules.LoadBalancerTimeout)
        {
            Track(type, name, args.Inputs, outputs.ToImmutable(), provider, providerId, live, initErrors: true);
            throw;
        }

        if (!Preview)
        {
            StrictRules.CustomResourcesCompleteImmediately(this, type, target, args.Inputs);
        }

        Track(type, name, args.Inputs, outputs.ToImmutable(), provider, providerId, live);
        return (target.Id, outputs.ToImmutable());
    }

    // A create through a provider: a file in render mode, else the object (AlreadyExists unless upserted or a patch).
    private void CreateObject(string type, ObjectRef target, LiveKey live, ImmutableDictionary<string, object> inputs, ImmutableDictionary<string, object> settings)
    {
        if (!Truthy(settings, "renderYamlToDirectory"))
        {
            StrictRules.UnreachableTarget(this, live, "create");
            StrictRules.AlreadyExists(this, type, target, settings);
        }

        WriteObject(type, live, inputs, settings, Cluster.Find(live) is null ? "created" : "adopted", "create");
    }

    private void WriteObject(string type, LiveKey live, ImmutableDictionary<string, object> inputs, ImmutableDictionary<string, object> settings, string change, string why)
    {
        if (Truthy(settings, "renderYamlToDirectory"))
        {
            // Render mode writes in preview too when the ambient cluster answers and knows the kind (provider.go, Create
            // and Update: a preview skips only unknown inputs, an unknown GVK or a Patch resource).
            if (!Preview || (Cluster.AmbientClusterReachable && !type.EndsWith("Patch", StringComparison.Ordinal)))
            {
                var path = StrictRules.RenderToFile(this, (string)settings["renderYamlToDirectory"], type, inputs);
                Cluster.WriteFile(path, StrictEngine.Normalize(inputs), why);
            }

            return;
        }

        if (!Preview)
        {
            Cluster.Apply(live, inputs, type.EndsWith("Patch", StringComparison.Ordinal), change, why);
        }
    }

    // A delete through the provider that manages the object: the file in render mode, else the object.
    // The engine deletes a removed resource through the provider configuration it has: this run's when the provider is
    // still registered (updated in place first), else the one in state.
    private bool DeletesUnreachable(string target) =>
        providers.Any(p => TargetOf(p.Key) == target && Truthy(p.Value, "deleteUnreachable"))
        || (Previous is { } last && last.providers.Any(p => !providers.ContainsKey(p.Key) && last.TargetOf(p.Key) == target && Truthy(p.Value, "deleteUnreachable")));

    // The engine's delete of a retained resource is a no-op, the old half of a replacement included
    // (pulumi/pulumi pkg/resource/deploy/step.go@v3.259.0:661-662).
    private void DeleteUnlessRetained(StateEntry old, string why)
    {
        if (old.Options.RetainOnDelete)
        {
            Steps.Enqueue(new Step(StepKind.Forget, old.Type, old.Name, $"retainOnDelete ({why})", old.Object));
            return;
        }

        DeleteObject(old, why);
    }

    private void DeleteObject(StateEntry old, string why)
    {
        if (Preview || old.Object is null)
        {
            return;
        }

        if (Cluster.Unreachable.ContainsKey(old.Object.Target))
        {
            // Configure marks the provider unreachable; its deletes fail unless deleteUnreachable drops them from state.
            if (DeletesUnreachable(old.Object.Target))
            {
                Steps.Enqueue(new Step(StepKind.Forget, old.Type, old.Name, "deleteUnreachable: dropped from state", old.Object));
                return;
            }

            StrictRules.UnreachableTarget(this, old.Object, "delete");
        }

        if (old.Object.Target.StartsWith("files:", StringComparison.Ordinal))
        {
            Cluster.DeleteFile(StrictRules.RenderPath(old.Object.Target["files:".Length..], old.Type, old.Inputs), why);
        }
        else if (old.Type.EndsWith("Patch", StringComparison.Ordinal))
        {
            // Deleting a patch gives up its fields; a field nobody else owns is removed (the object stays).
            Cluster.Relinquish(old.Object, why);
        }
        else
        {
            Cluster.Delete(old.Object, why);
        }
    }

    /// <summary>
    /// Ends the run as the engine ends an update: old resources no registration claimed are deleted (or forgotten when
    /// retained; a protected one fails the update), then the old halves of create-first replacements.
    /// </summary>
    public void Finish()
    {
        foreach (var old in Previous?.State.Values.Where(o => !claimed.ContainsKey((o.Type, o.Name))).ToList() ?? [])
        {
            if (old.Options.Protect)
            {
                StrictRules.ProtectedDelete(this, old.Type, old.Name);
            }

            if (old.Options.RetainOnDelete)
            {
                Steps.Enqueue(new Step(StepKind.Forget, old.Type, old.Name, "retainOnDelete", old.Object));
                continue;
            }

            Steps.Enqueue(new Step(StepKind.Delete, old.Type, old.Name, "no longer registered", old.Object));
            DeleteObject(old, "delete");
        }

        while (deleteLast.TryDequeue(out var replaced))
        {
            DeleteUnlessRetained(replaced.Old, replaced.Why);
        }

        if (!Preview)
        {
            foreach (var later in operatorCreatedLater)
            {
                Cluster.Apply(later, ImmutableDictionary<string, object>.Empty, patch: false, "created by an operator", "operator");
            }
        }
    }

    /// <summary><c>pulumi refresh</c> after this run: every resource's state takes the live object as it is now.</summary>
    public void Refresh()
    {
        foreach (var (key, entry) in State)
        {
            if (entry.Object is { } live && Cluster.Find(live) is { } fields)
            {
                State[key] = entry with { Refreshed = fields };
            }
        }
    }

    private Task<(string? id, object state)> Read(string type, string name, MockResourceArgs args, string provider)
    {
        var target = ObjectRef.FromId(provider, type, args.Id!);
        StrictRules.ReadOfMissingObject(this, target);
        var outputs = ImmutableDictionary.CreateBuilder<string, object>();
        if (Cluster.Find(LiveKeyOf(target)) is { } live)
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

    internal bool Exists(ObjectRef target) => Cluster.Find(LiveKeyOf(target)) is not null
        || (Previous is { } earlier && earlier.operatorCreatedLater.Contains(LiveKeyOf(target)));

    internal bool ExistsLive(ObjectRef target) => Cluster.Find(LiveKeyOf(target)) is not null;

    internal void OperatorCreates(ObjectRef target, bool now)
    {
        if (now)
        {
            Cluster.Apply(LiveKeyOf(target), ImmutableDictionary<string, object>.Empty, patch: false, "created by an operator", "operator");
        }
        else
        {
            operatorCreatedLater.Enqueue(LiveKeyOf(target));
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
        // A renewal (Generation) re-issues the intermediates only (ready_for_renewal replaces a LocallySignedCert); keys and
        // roots stay. Every PEM also carries its force-new inputs' fingerprint, so it changes exactly when the resource is replaced.
        var generation = (type == "tls:index/locallySignedCert:LocallySignedCert" ? Generation : 1).ToString(CultureInfo.InvariantCulture)
            + (StrictEngine.TlsFingerprint(type, inputs) is { Length: > 0 } f ? " f" + f : "");
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

    // The options a chart's child gets: the engine runs the chart's resource transforms on every child it registers.
    // Chart v4 first retains every object annotated helm.sh/resource-policy: keep, in every provider mode
    // (provider/pkg/provider/helm/v4/chart.go@v4.32.0:294-317, preregister); the transforms only add to that.
    private RegistrationOptions ChildOptions(string chartName, string childType, string childName, ImmutableDictionary<string, object?> args)
    {
        var keep = args.GetValueOrDefault("metadata") is IDictionary<string, object> meta && meta.TryGetValue("annotations", out var a)
            && a is IDictionary<string, object> annotations && annotations.TryGetValue("helm.sh/resource-policy", out var policy) && policy is "keep";
        ResourceOptions current = new CustomResourceOptions { RetainOnDelete = keep };
        foreach (var transform in chartTransforms.GetValueOrDefault(chartName, []))
        {
            var result = transform(new ResourceTransformArgs(childName, childType, true, args, current)).GetAwaiter().GetResult();
            if (result is { } changed)
            {
                current = changed.Options;
            }
        }

        return RegistrationOptions.Of(current);
    }

    // Chart v4 renders its chart and registers every object as its own resource, named "<chart>:<namespace>/<name>"
    // (pulumi-kubernetes provider/pkg/provider/helm/v4/chart.go, yaml/v2/yaml.go); its `resources` output holds resource
    // references, known even in preview. With an unknown value it renders nothing in a preview ("Preview is incomplete",
    // chart.go): the mock drops unknown inputs, so a chart MeshStack gives values to arrives without `values` then.
    private async Task<(string? id, object state)> ChartAsync(MockResourceArgs args)
    {
        var name = args.Name!;
        var provider = name.Split('/')[0];
        var outputs = args.Inputs.ToBuilder();
        var children = new List<Resource>();
        var unknownValues = Preview && (Cluster.ChartValuesUnknownInPreview || (!args.Inputs.ContainsKey("values") && args.Inputs.GetValueOrDefault("chart") is "istiod" or "gateway"));
        foreach (var rendered in unknownValues ? [] : ChartModel.Render(name, args.Inputs))
        {
            var childName = rendered.Namespace.Length == 0 ? $"{name}:{rendered.Name}" : $"{name}:{rendered.Namespace}/{rendered.Name}";
            var childType = $"kubernetes:{(rendered.ApiVersion == "v1" ? "core/v1" : rendered.ApiVersion)}:{rendered.Kind}";
            childProviders[childName] = provider;
            var inputs = rendered.Inputs();
            options[(childType, childName)] = ChildOptions(name, childType, childName, inputs.ToImmutableDictionary(p => p.Key, p => (object?)p.Value));
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
                await NewResourceAsync(new MockResourceArgs
                {
                    Type = childType,
                    Name = childName,
                    Inputs = inputs,
                    Provider = $"urn:pulumi:stack::project::pulumi:providers:kubernetes::{provider}::{providerIds.GetValueOrDefault(provider, provider + "_id")}",
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

/// <summary>A Kubernetes object as the provider addresses it: provider (by name), kind, namespace, name.</summary>
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
