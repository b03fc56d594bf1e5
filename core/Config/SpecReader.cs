using System.Collections.Immutable;
using MeshStack.Core.Addressing;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Dns;
using MeshStack.Core.Model;

namespace MeshStack.Core.Config;

/// <summary>
/// Turns a <see cref="ConfigDocument"/> into a <see cref="MeshSpec"/>: shapes, types, names and local rules here,
/// rules that look across clusters and services in <see cref="Validation.SpecValidator"/>. Reports everything at once.
/// </summary>
public static class SpecReader
{
    /// <summary>Most clusters one federation may declare.</summary>
    public const int MaxClusters = 256;

    /// <summary>Most services one federation may declare.</summary>
    public const int MaxServices = 50_000;

    /// <summary>Most ports or versions one service may declare.</summary>
    public const int MaxPerService = 64;

    /// <summary>The default pool of virtual addresses (class E, as the guide uses).</summary>
    public const string DefaultAddressPool = "240.0.0.0/16";

    private static readonly Dictionary<string, Profile> Profiles = new(StringComparer.Ordinal)
    {
        ["multi-primary"] = Profile.MultiPrimary,
        ["legacy-gateways"] = Profile.LegacyGateways,
    };

    internal static readonly Dictionary<string, KeyAlgorithm> Algorithms = new(StringComparer.Ordinal)
    {
        ["ecdsa-p256"] = KeyAlgorithm.EcdsaP256,
        ["ecdsa-p384"] = KeyAlgorithm.EcdsaP384,
        ["rsa-2048"] = KeyAlgorithm.Rsa2048,
        ["rsa-3072"] = KeyAlgorithm.Rsa3072,
        ["rsa-4096"] = KeyAlgorithm.Rsa4096,
    };

    private static readonly Dictionary<string, RouteMode> Routes = new(StringComparer.Ordinal)
    {
        ["direct"] = RouteMode.Direct,
        ["egress"] = RouteMode.Egress,
    };

    private static readonly Dictionary<string, StackMode> StackModes = new(StringComparer.Ordinal)
    {
        ["federation"] = StackMode.Federation,
        ["per-cluster"] = StackMode.PerCluster,
    };

    private static readonly Dictionary<string, DiscoveryMode> DiscoveryModes = new(StringComparer.Ordinal)
    {
        ["global"] = DiscoveryMode.Global,
        ["endpoints"] = DiscoveryMode.Endpoints,
        ["both"] = DiscoveryMode.Both,
    };

    /// <summary>Protocols istiod accepts (case-insensitive), rule G-08.</summary>
    public static readonly ImmutableArray<string> Protocols = ["TCP", "UDP", "GRPC", "GRPC-WEB", "HTTP", "HTTP_PROXY", "HTTP2", "HTTPS", "TLS", "MONGO", "REDIS", "MYSQL"];

    /// <summary>Reads and validates. The spec is null when any error was found.</summary>
    public static (MeshSpec? Spec, ImmutableArray<Diagnostic> Diagnostics) Read(ConfigDocument document, CompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var r = new NodeReader();
        foreach (var entry in document.Keys.Where(e => !ConfigKeys.TopLevel.Contains(e.Key)))
        {
            r.Report(DiagnosticBuilder.UnknownKey(ConfigDocument.PathOf(entry.Key), NodeReader.Closest(entry.Key, ConfigKeys.TopLevel), entry.KeyPosition ?? entry.Value.Position));
        }

        var profile = r.Enum(document["profile"], P("profile"), Profiles) ?? Profile.MultiPrimary;
        var (istio, releaseDir) = ReadIstio(r, document["istio"], profile);
        var intermediate = ReadIntermediate(r, document["intermediateCa"]);
        var trust = TrustReader.Read(r, document, intermediate);
        var pool = ReadPool(r, document["addressPool"]);
        var meshId = ReadOptionalLabel(r, document["meshId"], P("meshId"));
        var trustDomain = r.String(document["trustDomain"], P("trustDomain")) ?? "cluster.local";
        if (!Names.IsHostname(trustDomain))
        {
            r.Report(DiagnosticBuilder.InvalidName(P("trustDomain"), trustDomain));
        }

        var clusters = ReadClusters(r, document["clusters"], profile);
        var services = ReadServices(r, document["services"], clusters);

        var spec = new MeshSpec
        {
            MeshId = meshId,
            Profile = profile,
            IstioVersion = istio,
            IstioReleaseDir = releaseDir,
            Trust = trust,
            IntermediateCa = intermediate,
            Clusters = clusters.Select(c => c.Spec).OrderBy(c => c.Name, StringComparer.Ordinal).ToImmutableArray(),
            Services = services.Select(s => s.Spec).OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToImmutableArray(),
            AddressPool = pool,
            TrustDomain = trustDomain,
            AllowSampleCerts = r.Bool(document["allowSampleCerts"], P("allowSampleCerts")) ?? false,
            Demo = r.Bool(document["demo"], P("demo")) ?? false,
            RenderYamlTo = r.String(document["renderYamlTo"], P("renderYamlTo")),
            StackMode = r.Enum(document["stackMode"], P("stackMode"), StackModes) ?? StackMode.Federation,
            Discovery = r.Enum(document["discovery"], P("discovery"), DiscoveryModes) ?? DiscoveryMode.Global,
        };

        Validation.SpecValidator.Validate(spec, clusters, services, r);
        Pki.CaChecks.Check(spec, options ?? CompileOptions.Default, r);
        var diagnostics = r.Diagnostics;
        return (diagnostics.Any(d => d.IsError) ? null : spec, diagnostics);
    }

    private static string P(string key) => ConfigDocument.PathOf(key);

    private static (IstioVersion Version, string? ReleaseDir) ReadIstio(NodeReader r, ConfigNode? node, Profile profile)
    {
        var fallback = profile == Profile.LegacyGateways ? IstioVersion.LegacyDefault : IstioVersion.Current;
        var map = r.Map(node, P("istio"), ConfigKeys.Istio);
        var text = r.String(map?["version"], P("istio.version"));
        var version = fallback;
        if (text is not null)
        {
            if (IstioVersion.TryParse(text, out var parsed))
            {
                version = parsed;
                Istio.IstioChecks.CheckVersion(r, profile, version, P("istio.version"), map!["version"]!.Position);
            }
            else
            {
                r.Report(DiagnosticBuilder.InvalidValue(P("istio.version"), text, IstioVersion.Current, map!["version"]!.Position));
            }
        }

        var releaseDir = r.String(map?["releaseDir"], P("istio.releaseDir"));
        Istio.IstioChecks.CheckReleaseDir(r, profile, version, releaseDir, P("istio.releaseDir"), map?["releaseDir"]?.Position ?? map?.Position);
        return (version, string.IsNullOrWhiteSpace(releaseDir) ? null : releaseDir);
    }

    private static IntermediateCaSpec ReadIntermediate(NodeReader r, ConfigNode? node)
    {
        var map = r.Map(node, P("intermediateCa"), ConfigKeys.IntermediateCa);
        var validity = r.Int(map?["validityDays"], P("intermediateCa.validityDays"), 1, 36500, DiagnosticBuilder.InvalidValidity) ?? 365;
        var renew = r.Int(map?["renewBeforeDays"], P("intermediateCa.renewBeforeDays"), 0, 36500, DiagnosticBuilder.InvalidValidity) ?? 30;
        if (renew >= validity)
        {
            r.Report(DiagnosticBuilder.InvalidValidity(P("intermediateCa.renewBeforeDays"), renew, validity));
        }

        return new IntermediateCaSpec(validity, renew, r.Enum(map?["algorithm"], P("intermediateCa.algorithm"), Algorithms) ?? KeyAlgorithm.EcdsaP256);
    }

    private static Cidr ReadPool(NodeReader r, ConfigNode? node)
    {
        var fallback = new Cidr(new Ipv4(0xF0000000), 16);
        var text = r.String(node, P("addressPool"));
        if (text is null)
        {
            return fallback;
        }

        if (!Cidr.TryParse(text, out var pool, out var error))
        {
            r.Report(DiagnosticBuilder.InvalidPool(P("addressPool"), text, error, node!.Position));
            return fallback;
        }

        if (ReservedRanges.FindOverlap(pool) is { } overlap)
        {
            r.Report(DiagnosticBuilder.PoolOverlapsReserved(P("addressPool"), text, overlap.Range, overlap.Reason, DefaultAddressPool, node!.Position));
        }

        return pool;
    }

    internal static string? ReadOptionalLabel(NodeReader r, ConfigNode? node, string path)
    {
        var text = r.String(node, path);
        if (text is not null && !Names.IsDns1123Label(text))
        {
            r.Report(DiagnosticBuilder.InvalidName(path, text, node!.Position));
            return null;
        }

        return text;
    }

    private static string? ReadLabel(NodeReader r, ConfigMap? map, string key, string path, RequiredValue what)
    {
        var node = map?[key];
        if (node is null)
        {
            r.Missing(ConfigPath.Child(path, key), what, map?.Position);
            return null;
        }

        // Written but empty (`name:`, `name: ~`, `name: null`) or secret: never skipped silently.
        if (node is ConfigScalar { IsNull: true } or ConfigSecret)
        {
            r.Report(DiagnosticBuilder.MissingKey(ConfigPath.Child(path, key), what, node is ConfigSecret, node.Position));
            return null;
        }

        return ReadOptionalLabel(r, node, ConfigPath.Child(path, key));
    }

    /// <summary>A cluster as read, with the path of its config entry.</summary>
    internal sealed record ReadCluster(ClusterSpec Spec, string Path, bool GlobalGatewayRequested);

    /// <summary>A service as read, with the paths of its config entry.</summary>
    internal sealed record ReadService(ServiceSpec Spec, string Path, bool ConsumersGiven);

    private static List<ReadCluster> ReadClusters(NodeReader r, ConfigNode? node, Profile profile)
    {
        var result = new List<ReadCluster>();
        var items = r.List(node, P("clusters"));
        if (items is null)
        {
            if (node is null)
            {
                r.Report(DiagnosticBuilder.NoClusters(P("clusters")));
            }

            return result;
        }

        if (items.Value.Length > MaxClusters)
        {
            r.Report(DiagnosticBuilder.TooLarge(P("clusters"), BoundedList.Clusters, items.Value.Length, MaxClusters, node!.Position));
            return result;
        }

        for (var i = 0; i < items.Value.Length; i++)
        {
            var path = ConfigPath.Item(P("clusters"), i);
            var map = r.Map(items.Value[i], path, ConfigKeys.Cluster);
            if (map is null)
            {
                if (items.Value[i] is ConfigScalar { IsNull: true })
                {
                    r.Missing(path, RequiredValue.ClusterMapping, items.Value[i].Position);
                }

                continue;
            }

            var name = ReadLabel(r, map, "name", path, RequiredValue.ClusterName);
            var network = ReadOptionalLabel(r, map["network"], ConfigPath.Child(path, "network")) ?? name;
            if (network == Routing.RoutingPlanner.ExternalNetwork)
            {
                // The egress variant puts remote gateways on network 'external' and keeps sidecars' views off it
                // (pilot/pkg/model/proxy_view.go@1.30.3, newProxyView): a cluster on it would be invisible to its own sidecars.
                r.Report(DiagnosticBuilder.NetworkNamedExternal(ConfigPath.Child(path, "network"), network, name, (map["network"] ?? map["name"])?.Position));
            }

            var connection = new ClusterConnection
            {
                Context = r.String(map["context"], ConfigPath.Child(path, "context")),
                Kubeconfig = map["kubeconfig"] switch
                {
                    null => null,
                    ConfigSecret or ConfigDeferred => new SecretText(null, true),
                    var k => new SecretText(r.String(k, ConfigPath.Child(path, "kubeconfig")), true),
                },
            };
            var dns = DnsModes.Read(r, map["dns"], map["coreDnsVersion"], path, profile);
            var (gateway, globalRequested) = ReadGateway(r, map["gateway"], ConfigPath.Child(path, "gateway"));
            var egress = r.Bool(map["egressGateway"], ConfigPath.Child(path, "egressGateway")) ?? false;
            var locality = r.String(map["locality"], ConfigPath.Child(path, "locality"));
            var kubernetes = ReadKubernetesVersion(r, map["kubernetesVersion"], ConfigPath.Child(path, "kubernetesVersion"));
            var apiServer = r.String(map["apiServer"], ConfigPath.Child(path, "apiServer"));
            var adopt = r.Bool(map["adopt"], ConfigPath.Child(path, "adopt")) ?? false;
            var reconnect = r.Bool(map["reconnect"], ConfigPath.Child(path, "reconnect")) ?? false;
            var unreachable = r.Bool(map["unreachable"], ConfigPath.Child(path, "unreachable")) ?? false;
            if (name is null)
            {
                continue;
            }

            result.Add(new ReadCluster(
                new ClusterSpec
                {
                    Name = name,
                    Connection = connection,
                    Network = network ?? name,
                    Dns = dns,
                    Gateway = gateway,
                    EgressGateway = egress,
                    Locality = locality,
                    KubernetesVersion = kubernetes,
                    ApiServer = apiServer,
                    Adopt = adopt,
                    Reconnect = reconnect,
                    Unreachable = unreachable,
                },
                path,
                globalRequested));
        }

        return result;
    }

    private static KubernetesVersion? ReadKubernetesVersion(NodeReader r, ConfigNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        var text = r.String(node, path);
        var version = KubernetesVersion.TryParse(text);
        if (version is null && text is not null)
        {
            r.Report(DiagnosticBuilder.InvalidKubernetesVersion(path, text, node.Position));
        }

        return version;
    }

    private static (GatewaySpec Gateway, bool GlobalRequested) ReadGateway(NodeReader r, ConfigNode? node, string path)
    {
        var map = r.Map(node, path, ConfigKeys.Gateway);
        if (map?["address"] is ConfigDeferred)
        {
            var port = r.Int(map["nodePort"], ConfigPath.Child(path, "nodePort"), 30000, 32767, DiagnosticBuilder.NodePortOutOfRange);
            return (new GatewaySpec { Address = new GatewayAddress.DeployTime(), NodePort = port }, r.Bool(map["globalGateway"], ConfigPath.Child(path, "globalGateway")) ?? false);
        }

        var addressText = r.String(map?["address"], ConfigPath.Child(path, "address")) ?? "auto";
        GatewayAddress address = new GatewayAddress.Auto();
        if (addressText != "auto")
        {
            if (Names.IsIpAddress(addressText))
            {
                address = new GatewayAddress.Ip(addressText);
            }
            else if (Names.IsHostname(addressText))
            {
                address = new GatewayAddress.Hostname(addressText.ToLowerInvariant());
            }
            else
            {
                r.Report(DiagnosticBuilder.InvalidGatewayAddress(ConfigPath.Child(path, "address"), addressText, map!["address"]!.Position));
            }
        }

        var nodePort = r.Int(map?["nodePort"], ConfigPath.Child(path, "nodePort"), 30000, 32767, DiagnosticBuilder.NodePortOutOfRange);
        var global = r.Bool(map?["globalGateway"], ConfigPath.Child(path, "globalGateway"));
        var (request, annotation) = ReadAddressRequest(r, map, path, address, nodePort);
        return (new GatewaySpec { Address = address, NodePort = nodePort, Request = request, RequestAnnotation = annotation }, global ?? false);
    }

    private static readonly Dictionary<string, AddressRequest> AddressRequests = new(StringComparer.Ordinal)
    {
        ["none"] = AddressRequest.None,
        ["loadBalancerIP"] = AddressRequest.LoadBalancerIp,
        ["annotation"] = AddressRequest.Annotation,
        ["externalIPs"] = AddressRequest.ExternalIps,
    };

    /// <summary>
    /// <c>gateway.addressRequest</c> and <c>gateway.addressAnnotation</c>: only an explicit IP on a LoadBalancer gateway
    /// can be asked for (a load balancer takes no host name; a NodePort gateway's address is a node's).
    /// </summary>
    private static (AddressRequest? Request, string? Annotation) ReadAddressRequest(NodeReader r, ConfigMap? map, string path, GatewayAddress address, int? nodePort)
    {
        var requestPath = ConfigPath.Child(path, "addressRequest");
        var request = r.Enum(map?["addressRequest"], requestPath, AddressRequests);
        if (request is { } asked and not AddressRequest.None && (address is not GatewayAddress.Ip || nodePort is not null))
        {
            r.Report(DiagnosticBuilder.AddressRequestNotApplicable(requestPath, ConfigWords.Of(asked), nodePort is not null, address is GatewayAddress.Hostname, map!["addressRequest"]!.Position));
        }

        var annotationPath = ConfigPath.Child(path, "addressAnnotation");
        var annotation = r.String(map?["addressAnnotation"], annotationPath);
        if (annotation is not null && request != AddressRequest.Annotation)
        {
            r.Report(DiagnosticBuilder.AddressAnnotationInvalid(annotationPath, annotation, withoutRequest: true, map!["addressAnnotation"]!.Position));
        }
        else if (annotation is not null && !Validation.Istio.HostRules.IsQualifiedKey(annotation))
        {
            r.Report(DiagnosticBuilder.AddressAnnotationInvalid(annotationPath, annotation, withoutRequest: false, map!["addressAnnotation"]!.Position));
        }

        return (request, annotation);
    }

    private static List<ReadService> ReadServices(NodeReader r, ConfigNode? node, List<ReadCluster> clusters)
    {
        var result = new List<ReadService>();
        var items = r.List(node, P("services"));
        if (items is null)
        {
            return result;
        }

        if (items.Value.Length > MaxServices)
        {
            r.Report(DiagnosticBuilder.TooLarge(P("services"), BoundedList.Services, items.Value.Length, MaxServices, node!.Position));
            return result;
        }

        var allClusters = clusters.Select(c => c.Spec.Name).ToImmutableSortedSet(StringComparer.Ordinal);
        for (var i = 0; i < items.Value.Length; i++)
        {
            var path = ConfigPath.Item(P("services"), i);
            var map = r.Map(items.Value[i], path, ConfigKeys.Service);
            if (map is null)
            {
                if (items.Value[i] is ConfigScalar { IsNull: true })
                {
                    r.Missing(path, RequiredValue.ServiceMapping, items.Value[i].Position);
                }

                continue;
            }

            var name = ReadLabel(r, map, "name", path, RequiredValue.ServiceName);
            var ns = ReadLabel(r, map, "namespace", path, RequiredValue.ServiceNamespace);
            var homes = ReadLabelList(r, map["clusters"], ConfigPath.Child(path, "clusters"));
            if (map["clusters"] is null)
            {
                r.Report(DiagnosticBuilder.NoHomeCluster(ConfigPath.Child(path, "clusters"), ListAbsence.KeyMissing, map.Position));
            }
            else if (map["clusters"] is ConfigScalar { IsNull: true } empty)
            {
                r.Report(DiagnosticBuilder.NoHomeCluster(ConfigPath.Child(path, "clusters"), ListAbsence.ValueEmpty, empty.Position));
            }
            else if (homes.IsEmpty && !r.HasErrors)
            {
                r.Report(DiagnosticBuilder.NoHomeCluster(ConfigPath.Child(path, "clusters"), ListAbsence.ListEmpty, map["clusters"]!.Position));
            }

            var consumersGiven = map["consumers"] is not null;
            var consumers = consumersGiven
                ? ReadLabelList(r, map["consumers"], ConfigPath.Child(path, "consumers"))
                : allClusters.Except(homes).ToImmutableArray();
            var ports = ReadPorts(r, map["ports"], ConfigPath.Child(path, "ports"), map.Position);
            var versions = ReadLabelList(r, map["versions"], ConfigPath.Child(path, "versions"), DiagnosticBuilder.InvalidVersion);
            var weights = ReadWeights(r, map["weights"], ConfigPath.Child(path, "weights"), versions);
            Ipv4? pinned = null;
            var addressText = r.String(map["address"], ConfigPath.Child(path, "address"));
            if (addressText is not null)
            {
                if (Ipv4.TryParse(addressText, out var a))
                {
                    pinned = a;
                }
                else
                {
                    r.Report(DiagnosticBuilder.InvalidAddress(ConfigPath.Child(path, "address"), addressText, map["address"]!.Position));
                }
            }

            var account = r.String(map["serviceAccount"], ConfigPath.Child(path, "serviceAccount"));
            if (account is not null && !IsServiceAccountName(account))
            {
                r.Report(DiagnosticBuilder.InvalidServiceAccount(ConfigPath.Child(path, "serviceAccount"), account, map["serviceAccount"]!.Position));
                account = null;
            }

            if (name is null || ns is null)
            {
                continue;
            }

            result.Add(new ReadService(
                new ServiceSpec
                {
                    Name = name,
                    Namespace = ns,
                    HomeClusters = homes.Distinct().Order(StringComparer.Ordinal).ToImmutableArray(),
                    Ports = ports,
                    Consumers = consumers.Distinct().Order(StringComparer.Ordinal).ToImmutableArray(),
                    Route = r.Enum(map["route"], ConfigPath.Child(path, "route"), Routes) ?? RouteMode.Direct,
                    Versions = versions.Order(StringComparer.Ordinal).ToImmutableArray(),
                    Weights = weights,
                    PinnedAddress = pinned,
                    ServiceAccount = account,
                },
                path,
                consumersGiven));
        }

        return result;
    }

    private static ImmutableArray<string> ReadLabelList(NodeReader r, ConfigNode? node, string path, Func<string, string, SourcePosition?, Diagnostic>? listedTwice = null)
    {
        var items = r.List(node, path);
        if (items is null)
        {
            return [];
        }

        if (items.Value.Length > MaxServices)
        {
            r.Report(DiagnosticBuilder.TooLarge(path, BoundedList.Entries, items.Value.Length, 0, node!.Position));
            return [];
        }

        var result = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Value.Length; i++)
        {
            var itemPath = ConfigPath.Item(path, i);
            var text = ReadOptionalLabel(r, items.Value[i], itemPath);
            if (text is null)
            {
                continue;
            }

            if (!seen.Add(text))
            {
                if (listedTwice is not null)
                {
                    r.Report(listedTwice(itemPath, text, items.Value[i].Position));
                }

                continue;
            }

            result.Add(text);
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<PortSpec> ReadPorts(NodeReader r, ConfigNode? node, string path, SourcePosition? owner)
    {
        var items = r.List(node, path);
        if (items is null || items.Value.IsEmpty)
        {
            r.Report(DiagnosticBuilder.NoPorts(path, node?.Position ?? owner));
            return [];
        }

        if (items.Value.Length > MaxPerService)
        {
            r.Report(DiagnosticBuilder.TooLarge(path, BoundedList.Ports, items.Value.Length, MaxPerService, node!.Position));
            return [];
        }

        var result = new List<PortSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<int>();
        for (var i = 0; i < items.Value.Length; i++)
        {
            var itemPath = ConfigPath.Item(path, i);
            var map = r.Map(items.Value[i], itemPath, ConfigKeys.Port);
            if (map is null)
            {
                continue;
            }

            var name = ReadLabel(r, map, "name", itemPath, RequiredValue.PortName);
            int? number = map["number"] is null ? null : r.Int(map["number"], ConfigPath.Child(itemPath, "number"), 1, 65535, DiagnosticBuilder.PortOutOfRange);
            if (map["number"] is null)
            {
                r.Missing(ConfigPath.Child(itemPath, "number"), RequiredValue.PortNumber, map.Position);
            }

            int? targetPort = map["targetPort"] is null ? null : r.Int(map["targetPort"], ConfigPath.Child(itemPath, "targetPort"), 1, 65535, DiagnosticBuilder.PortOutOfRange);
            var protocol = r.String(map["protocol"], ConfigPath.Child(itemPath, "protocol")) ?? "TCP";
            if (string.Equals(protocol, "UDP", StringComparison.OrdinalIgnoreCase))
            {
                r.Report(DiagnosticBuilder.UdpPort(ConfigPath.Child(itemPath, "protocol"), protocol, map["protocol"]?.Position));
            }
            else if (!Protocols.Contains(protocol.ToUpperInvariant()))
            {
                r.Report(DiagnosticBuilder.UnknownProtocol(ConfigPath.Child(itemPath, "protocol"), protocol, Protocols.Where(p => p != "UDP"), NodeReader.Closest(protocol.ToUpperInvariant(), Protocols), map["protocol"]?.Position));
            }

            if (number is >= IstioReservedPorts.First and <= IstioReservedPorts.Last)
            {
                r.Report(DiagnosticBuilder.PortInIstioRange(ConfigPath.Child(itemPath, "number"), number.Value, IstioReservedPorts.First, IstioReservedPorts.Last, map["number"]?.Position));
            }

            if (name is not null && !names.Add(name))
            {
                r.Report(DiagnosticBuilder.DuplicatePort(ConfigPath.Child(itemPath, "name"), name, map["name"]?.Position));
            }

            if (number is not null && !numbers.Add(number.Value))
            {
                r.Report(DiagnosticBuilder.DuplicatePort(ConfigPath.Child(itemPath, "number"), number.Value, map["number"]?.Position));
            }

            if (name is not null && number is not null)
            {
                result.Add(new PortSpec(name, number.Value, protocol, targetPort));
            }
        }

        return result.OrderBy(p => p.Number).ToImmutableArray();
    }

    // Kubernetes validates ServiceAccount names as DNS-1123 subdomains (apimachinery validation.IsDNS1123Subdomain).
    private static bool IsServiceAccountName(string text) =>
        text.Length is > 0 and <= 253 && text.Split('.').All(Names.IsDns1123Label);

    private static ImmutableArray<VersionWeight> ReadWeights(NodeReader r, ConfigNode? node, string path, ImmutableArray<string> versions)
    {
        // Every key is accepted here so an undeclared version is reported as a weight problem (MSH045), not an unknown key.
        var map = r.Map(node, path, node is ConfigMap m ? m.Entries.Select(e => e.Key).ToArray() : versions);
        if (map is null)
        {
            return [];
        }

        foreach (var entry in map.Entries.Where(e => !versions.Contains(e.Key)))
        {
            r.Report(DiagnosticBuilder.InvalidWeights(ConfigPath.Child(path, entry.Key), entry.Key, NodeReader.Closest(entry.Key, versions), entry.KeyPosition ?? entry.Value.Position));
        }

        var result = new List<VersionWeight>();
        foreach (var entry in map.Entries.Where(e => versions.Contains(e.Key)))
        {
            if (r.Int(entry.Value, ConfigPath.Child(path, entry.Key), 0, 100, DiagnosticBuilder.InvalidWeights) is { } w)
            {
                result.Add(new VersionWeight(entry.Key, w));
            }
        }

        if (result.Count > 0 && result.Sum(w => w.Weight) != 100)
        {
            r.Report(DiagnosticBuilder.InvalidWeights(path, result.Sum(w => w.Weight), map.Position));
        }

        return result.OrderBy(w => w.Version, StringComparer.Ordinal).ToImmutableArray();
    }
}

/// <summary>The ports Istio's sidecar and gateways reserve (istio.io, "Application requirements: ports used by Istio").</summary>
internal static class IstioReservedPorts
{
    public const int First = 15000;
    public const int Last = 15090;
}
