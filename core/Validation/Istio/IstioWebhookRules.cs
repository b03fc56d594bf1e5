using System.Collections.Immutable;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Validation.Istio;

/// <summary>
/// What istiod's validating webhook (Istio 1.30) would say about a ServiceEntry, Gateway, DestinationRule or
/// VirtualService, checked in core before anything is applied. Values known only at deploy time
/// (<see cref="Deferred"/>, <see cref="Template"/>) are skipped, never rejected. The fragment entry points check one
/// part of an object, as istiod's own helpers do.
/// </summary>
/// <remarks>
/// Not modelled (none of these can come from MeshStack's planners today): HTTP CORS policies, fault injection,
/// retryOn policy names, the overlap check between locality names (validateLocalities), and RE2-only regex syntax
/// (regexes are parsed with .NET's engine). Findings carry the rule IDs of the derived rule list in the shared
/// reference folder (istio/validation-1.30.3/rules.md).
/// </remarks>
internal static class IstioWebhookRules
{
    /// <summary>The API group whose objects the webhook validates.</summary>
    public const string NetworkingGroup = "networking.istio.io";

    /// <summary>The kinds these rules cover.</summary>
    public static ImmutableArray<string> Kinds { get; } = ["ServiceEntry", "Gateway", "DestinationRule", "VirtualService"];

    private static readonly string[] TopLevelKeys = ["apiVersion", "kind", "metadata", "spec", "status"];
    private static readonly string[] InternalAnnotations = ["internal.istio.io/webhook-always-reject", "internal.istio.io/parent-namespace", "internal.istio.io/parents"];

    /// <summary>True when the manifest is a networking.istio.io object of a kind these rules cover.</summary>
    public static bool Applies(MapValue manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var node = new Node(manifest);
        return node["apiVersion"].Text.StartsWith(NetworkingGroup + "/", StringComparison.Ordinal) && Kinds.Contains(node["kind"].Text);
    }

    /// <summary>Checks a whole manifest (apiVersion, kind, metadata, spec); other kinds give no findings.</summary>
    public static ImmutableArray<IstioFinding> Validate(MapValue manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!Applies(manifest))
        {
            return [];
        }

        var f = new Findings();
        foreach (var (key, _) in manifest.Entries.Where(e => !TopLevelKeys.Contains(e.Key, StringComparer.Ordinal)))
        {
            f.Error("G-02", key, $"unknown field \"{key}\"");
        }

        var metadata = new Node(manifest)["metadata"];
        var meta = IstioObjectMeta.From(metadata.Raw as MapValue);
        if (Metadata(f, meta))
        {
            Spec(f, new Node(manifest)["kind"].Text, new Node(manifest)["spec"], meta);
        }

        return f.ToImmutable();
    }

    /// <summary>Checks the spec of an object of <paramref name="kind"/> with its metadata.</summary>
    public static ImmutableArray<IstioFinding> ValidateSpec(string kind, MapValue spec, IstioObjectMeta? meta = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(spec);
        meta ??= IstioObjectMeta.Empty;
        var f = new Findings();
        if (Metadata(f, meta))
        {
            Spec(f, kind, new Node(spec), meta);
        }

        return f.ToImmutable();
    }

    /// <summary>One Gateway server (hosts, port, bind, tls), as istiod's validateServer.</summary>
    public static ImmutableArray<IstioFinding> ValidateServer(MapValue server, bool gatewaySemantics = false) =>
        Run(f => GatewayRules.Server(f, new Node(server), "server", gatewaySemantics));

    /// <summary>A Gateway server's port with its bind, as istiod's validateServerPort.</summary>
    public static ImmutableArray<IstioFinding> ValidateServerPort(MapValue server) =>
        Run(f => GatewayRules.ServerPort(f, new Node(server), "server"));

    /// <summary>A Gateway server's tls settings, as istiod's validateTLSOptions.</summary>
    public static ImmutableArray<IstioFinding> ValidateServerTls(MapValue tls) =>
        Run(f => ServerTlsRules.Check(f, new Node(tls), "tls"));

    /// <summary>A DestinationRule traffic policy (top level or per subset).</summary>
    public static ImmutableArray<IstioFinding> ValidateTrafficPolicy(MapValue policy, string configNamespace = "") =>
        Run(f => TrafficPolicyRules.Check(f, new Node(policy), "trafficPolicy", configNamespace));

    /// <summary>One VirtualService http route of a VirtualService with hosts (not a delegate).</summary>
    public static ImmutableArray<IstioFinding> ValidateHttpRoute(MapValue route) =>
        Run(f => HttpRouteRules.Check(f, new Node(route), "http", delegateService: false));

    /// <summary>A tcp or tls route list (<c>route:</c> of a TCPRoute or TLSRoute).</summary>
    public static ImmutableArray<IstioFinding> ValidateRouteDestinations(ListValue routes) =>
        Run(f => RouteDestinationRules.Check(f, new Node(routes), "route", http: false));

    /// <summary>One route destination (host, subset, port).</summary>
    public static ImmutableArray<IstioFinding> ValidateDestination(MapValue destination) =>
        Run(f => RouteDestinationRules.Destination(f, new Node(destination), "destination"));

    /// <summary>An exportTo list of an object in <paramref name="configNamespace"/>.</summary>
    public static ImmutableArray<IstioFinding> ValidateExportTo(ListValue? exportTo, string configNamespace, bool isServiceEntry, bool isDestinationRuleWithSelector = false) =>
        Run(f => ExportToRules.Check(f, isServiceEntry ? "SE-32" : "G-17", "exportTo", new Node(exportTo), configNamespace, isServiceEntry, isDestinationRuleWithSelector));

    private static ImmutableArray<IstioFinding> Run(Action<Findings> check)
    {
        var f = new Findings();
        check(f);
        return f.ToImmutable();
    }

    /// <summary>G-04/G-05; false when istiod would stop before looking at the spec.</summary>
    private static bool Metadata(Findings f, IstioObjectMeta meta)
    {
        if (meta.Annotations.ContainsKey("istio.io/dry-run"))
        {
            f.Error("G-04", "metadata.annotations", $"{meta.Namespace}/{meta.Name} has unsupported annotation istio.io/dry-run, please remove the annotation");
            return false;
        }

        foreach (var annotation in InternalAnnotations.Where(meta.Annotations.ContainsKey))
        {
            f.Error("G-05", "metadata.annotations", $"\"{annotation}\" annotation found, this may not be set by users");
            return false;
        }

        return true;
    }

    private static void Spec(Findings f, string kind, Node spec, IstioObjectMeta meta)
    {
        switch (kind)
        {
            case "ServiceEntry":
                ServiceEntryRules.Check(f, spec, meta);
                break;
            case "Gateway":
                GatewayRules.Check(f, spec, meta);
                break;
            case "DestinationRule":
                DestinationRuleRules.Check(f, spec, meta);
                break;
            case "VirtualService":
                VirtualServiceRules.Check(f, spec, meta);
                break;
        }
    }
}
