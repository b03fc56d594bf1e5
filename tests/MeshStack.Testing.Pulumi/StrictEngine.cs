using System.Collections.Immutable;
using System.Text.Json;
using Pulumi;

namespace MeshStack.Testing.Doubles;

/// <summary>What the engine does with a registration, given yesterday's state (pulumi/pulumi pkg/resource/deploy/step_generator.go).</summary>
public enum StepKind
{
    /// <summary>No state: the resource is created.</summary>
    Create,

    /// <summary>Same inputs (after ignoreChanges): nothing happens.</summary>
    Same,

    /// <summary>Changed inputs, no replacement: an in-place update.</summary>
    Update,

    /// <summary>A replacement that creates the new resource first and deletes the old one at the end of the update.</summary>
    ReplaceCreateFirst,

    /// <summary>A replacement that deletes the old resource first (a named Kubernetes object keeps its name).</summary>
    ReplaceDeleteFirst,

    /// <summary>State no program registration claims: the resource is deleted at the end of the update.</summary>
    Delete,

    /// <summary>A delete of a resource marked retainOnDelete: state is dropped, the object stays.</summary>
    Forget,
}

/// <summary>One step of a run, with why (the rule that decided it) and the object it touches, if any.</summary>
public sealed record Step(StepKind Kind, string Type, string Name, string Why, LiveKey? Object = null);

/// <summary>The options of a registration the engine looks at between runs.</summary>
public sealed record RegistrationOptions(
    bool Protect, bool RetainOnDelete, ImmutableArray<string> IgnoreChanges, bool? DeleteBeforeReplace, ImmutableArray<(string? Type, string Name)> Aliases)
{
    public static RegistrationOptions None { get; } = new(false, false, [], null, []);

    /// <summary>Reads the options a resource was constructed with (aliases are known values in MeshStack).</summary>
    public static RegistrationOptions Of(ResourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var aliases = options.Aliases.Select(a => Pulumi.Utilities.OutputUtilities.GetValueAsync(a.ToOutput()).GetAwaiter().GetResult())
            .Where(a => a is not null)
            .Select(a => (Type: a.Type is null ? null : Pulumi.Utilities.OutputUtilities.GetValueAsync(a.Type.ToOutput()).GetAwaiter().GetResult(),
                Name: a.Name is null ? null : Pulumi.Utilities.OutputUtilities.GetValueAsync(a.Name.ToOutput()).GetAwaiter().GetResult()))
            .Where(a => a.Name is not null)
            .Select(a => (a.Type, a.Name!))
            .ToImmutableArray();
        return new RegistrationOptions(
            options.Protect ?? false,
            options.RetainOnDelete ?? false,
            [.. options.IgnoreChanges],
            (options as CustomResourceOptions)?.DeleteBeforeReplace,
            aliases);
    }
}

/// <summary>One resource of the stack's state, as the engine checkpoints it after an update.</summary>
public sealed record StateEntry(
    string Type, string Name, ImmutableDictionary<string, object> Inputs, ImmutableDictionary<string, object> Outputs,
    string? Provider, string? ProviderId, RegistrationOptions Options, LiveKey? Object)
{
    /// <summary>The live object as the last <c>pulumi refresh</c> read it; null when the stack was not refreshed since.</summary>
    public ImmutableDictionary<string, object>? Refreshed { get; init; }

    /// <summary>True when the last update failed while awaiting this resource (the engine keeps it with init errors).</summary>
    public bool InitErrors { get; init; }
}

/// <summary>A live object: the cluster behind a provider (its target), kind, namespace, name.</summary>
public sealed record LiveKey(string Target, string Kind, string? Namespace, string Name)
{
    public override string ToString() => $"{Target}:{Kind}/{Namespace ?? "-"}/{Name}";
}

/// <summary>
/// The engine's and the Kubernetes provider's decisions between two runs. Each rule cites the upstream code it models:
/// pulumi/pulumi pkg/resource/deploy/step_generator.go; pulumi-kubernetes v4.32.0 provider/pkg/provider/provider.go and
/// diff.go.
/// </summary>
public static class StrictEngine
{
    public const string ProviderReplaced = nameof(ProviderReplaced);
    public const string ForceNew = nameof(ForceNew);
    public const string Protected = nameof(Protected);

    /// <summary>
    /// DiffConfig of pulumi-kubernetes (provider.go, DiffConfig): a changed <c>clusterIdentifier</c> replaces; an unchanged
    /// one drops every replacement; otherwise a changed <c>renderYamlToDirectory</c>, or a changed active cluster (the
    /// kubeconfig, context or cluster; the double treats any change of those as a change of the active cluster, which is
    /// stricter than the provider only for edits that keep the active cluster's server and user), replaces. Adding or
    /// removing the identifier does not by itself replace.
    /// </summary>
    public static string? ProviderReplacement(ImmutableDictionary<string, object> olds, ImmutableDictionary<string, object> news)
    {
        var oldId = Text(olds, "clusterIdentifier");
        var newId = Text(news, "clusterIdentifier");
        if (oldId is not null && newId is not null)
        {
            return oldId == newId ? null : $"clusterIdentifier {oldId} → {newId}";
        }

        foreach (var key in new[] { "renderYamlToDirectory", "kubeconfig", "context", "cluster" })
        {
            if (Text(olds, key) != Text(news, key))
            {
                return $"{key} changed";
            }
        }

        return null;
    }

    /// <summary>
    /// The provider's Diff of a Kubernetes object (provider.go, Diff): the inputs against the last live state (the
    /// refreshed object when there is one, else the last inputs), without ignored paths; a changed name or namespace,
    /// or a force-new field of the kind (diff.go, forceNewProperties: ConfigMap data/binaryData unless
    /// enableConfigMapMutable, Secret data/stringData/type unless enableSecretMutable) replaces, delete-first when the
    /// name stays (provider.go, Diff: deleteBeforeReplace). Patch resources replace only on a name change.
    /// </summary>
    public static (StepKind Kind, string Why) Diff(string type, StateEntry old, ImmutableDictionary<string, object> news,
        RegistrationOptions options, ImmutableDictionary<string, object> provider)
    {
        var baseline = old.Refreshed ?? old.Inputs;
        var changed = ChangedPaths(baseline, news, old.Refreshed is not null).Where(p => !options.IgnoreChanges.Any(i => Covers(i, p))).ToList();
        if (old.InitErrors && changed.Count == 0)
        {
            // The engine updates a resource kept with init errors so its await runs again (step_generator.go, hasInitErrors).
            return (StepKind.Update, "init errors of the last update");
        }

        if (changed.Count == 0)
        {
            return (StepKind.Same, "no change");
        }

        var sameName = Json(Meta(old.Inputs, "name")) == Json(Meta(news, "name")) && Json(Meta(old.Inputs, "namespace")) == Json(Meta(news, "namespace"));
        if (!sameName)
        {
            return (StepKind.ReplaceCreateFirst, $"[{ForceNew}] metadata.name/namespace changed");
        }

        var kind = type[(type.LastIndexOf(':') + 1)..];
        var forceNew = kind switch
        {
            "Secret" when !StrictMocks.Truthy(provider, "enableSecretMutable") => new[] { "data", "stringData", "type" },
            "Secret" => ["type"],
            "ConfigMap" when !StrictMocks.Truthy(provider, "enableConfigMapMutable") => ["data", "binaryData"],
            _ => [],
        };
        var replacedBy = changed.FirstOrDefault(p => forceNew.Any(f => p == f || p.StartsWith(f + ".", StringComparison.Ordinal) || p.StartsWith(f + "[", StringComparison.Ordinal)));
        if (replacedBy is not null)
        {
            var dbr = options.DeleteBeforeReplace ?? true;
            return (dbr ? StepKind.ReplaceDeleteFirst : StepKind.ReplaceCreateFirst, $"[{ForceNew}] .{replacedBy} of a {kind} is force-new");
        }

        return (StepKind.Update, $"changed: {string.Join(", ", changed.Take(3))}");
    }

    /// <summary>
    /// The Tls provider's replace-on-change fields (pulumi-tls 5.5.1 shims terraform-provider-tls v4; RequiresReplace and
    /// requireReplaceIfStateContainsPEMString in internal/provider/resource_private_key.go@v4.0.6:50-72,
    /// resource_self_signed_cert.go@v4.0.6:52-161,228, resource_locally_signed_cert.go@v4.0.6:51-130,
    /// resource_cert_request.go@v4.0.6:43-122). Every other field (early_renewal_hours) updates in place.
    /// </summary>
    public static readonly ImmutableDictionary<string, ImmutableArray<string>> TlsForceNew = new Dictionary<string, ImmutableArray<string>>
    {
        ["tls:index/privateKey:PrivateKey"] = ["algorithm", "rsaBits", "ecdsaCurve"],
        ["tls:index/selfSignedCert:SelfSignedCert"] = ["privateKeyPem", "subject", "validityPeriodHours", "allowedUses", "dnsNames", "ipAddresses", "uris", "isCaCertificate", "setSubjectKeyId", "setAuthorityKeyId", "maxPathLength"],
        ["tls:index/locallySignedCert:LocallySignedCert"] = ["caCertPem", "caPrivateKeyPem", "certRequestPem", "validityPeriodHours", "allowedUses", "isCaCertificate", "setSubjectKeyId", "maxPathLength"],
        ["tls:index/certRequest:CertRequest"] = ["privateKeyPem", "subject", "dnsNames", "ipAddresses", "uris"],
    }.ToImmutableDictionary();

    /// <summary>The force-new field of a Tls resource that changed from <paramref name="olds"/>, or null (no replacement).</summary>
    public static string? TlsReplacement(string type, ImmutableDictionary<string, object>? olds, ImmutableDictionary<string, object> news)
    {
        if (olds is null || !TlsForceNew.TryGetValue(type, out var fields))
        {
            return null;
        }

        return fields.FirstOrDefault(f => Json(olds.GetValueOrDefault(f)) != Json(news.GetValueOrDefault(f)));
    }

    /// <summary>A short fingerprint of the force-new inputs: the doubles' PEMs change exactly when the resource is replaced.</summary>
    public static string TlsFingerprint(string type, ImmutableDictionary<string, object> inputs) =>
        TlsForceNew.TryGetValue(type, out var fields)
            ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", fields.Select(f => Json(inputs.GetValueOrDefault(f)))))))[..8]
            : "";

    /// <summary>Whether an ignoreChanges path (with <c>[*]</c>) covers a changed path (sdk/go/common/resource/properties_path.go, Contains).</summary>
    public static bool Covers(string ignore, string path)
    {
        var a = Split(ignore);
        var b = Split(path);
        return a.Count <= b.Count && a.Select((p, i) => p == "*" || p == b[i]).All(x => x);
    }

    private static List<string> Split(string path) =>
        path.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries).ToList();

    // Leaf paths whose values differ, as "a.b[0].c". After a refresh the live state holds fields the program never set
    // (status, defaults): the provider prunes the live state to the fields of the inputs before comparing (pruneLiveState).
    private static List<string> ChangedPaths(ImmutableDictionary<string, object> olds, ImmutableDictionary<string, object> news, bool pruneToNews)
    {
        var result = new List<string>();
        Compare("", Normalize(olds), Normalize(news), pruneToNews, result);
        return result;
    }

    private static void Compare(string path, object? a, object? b, bool pruneToNews, List<string> changed)
    {
        switch (a, b)
        {
            case (SortedDictionary<string, object?> x, SortedDictionary<string, object?> y):
                foreach (var key in x.Keys.Union(y.Keys).Order(StringComparer.Ordinal))
                {
                    if (pruneToNews && !y.ContainsKey(key))
                    {
                        continue;
                    }

                    Compare(path.Length == 0 ? key : $"{path}.{key}", x.GetValueOrDefault(key), y.GetValueOrDefault(key), pruneToNews, changed);
                }

                break;
            case (List<object?> x, List<object?> y) when x.Count == y.Count:
                for (var i = 0; i < x.Count; i++)
                {
                    Compare($"{path}[{i}]", x[i], y[i], pruneToNews, changed);
                }

                break;
            default:
                if (JsonSerializer.Serialize(a) != JsonSerializer.Serialize(b))
                {
                    changed.Add(path);
                }

                break;
        }
    }

    private static object? Meta(ImmutableDictionary<string, object> inputs, string key) =>
        inputs.GetValueOrDefault("metadata") is IDictionary<string, object> m && m.TryGetValue(key, out var value) ? value : null;

    private static string? Text(ImmutableDictionary<string, object> inputs, string key) => inputs.TryGetValue(key, out var v) ? Json(v) : null;

    private static string Json(object? value) => JsonSerializer.Serialize(Normalize(value));

    internal static object? Normalize(object? value) => value switch
    {
        IDictionary<string, object> map => new SortedDictionary<string, object?>(map.ToDictionary(p => p.Key, p => Normalize(p.Value)), StringComparer.Ordinal),
        IEnumerable<object> list when value is not string => list.Select(Normalize).ToList(),
        _ => value,
    };
}
