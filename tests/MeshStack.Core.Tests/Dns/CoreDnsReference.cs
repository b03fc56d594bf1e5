using System.Collections.Immutable;
using System.Text.Json;
using MeshStack.Core.Model;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Core.Tests.Dns;

/// <summary>Reads the upstream CoreDNS and Istio reference files the DNS tests compare against.</summary>
public static class CoreDnsReference
{
    /// <summary>Every tag with a plugin.cfg file, e.g. "v1.7.0".</summary>
    public static ImmutableArray<string> Tags { get; } = Directory
        .GetFiles(Repo.ReferenceFile("coredns", "plugin.cfg"), "plugin.v*.cfg")
        .Select(f => Path.GetFileName(f)["plugin.".Length..^".cfg".Length])
        .Order(StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>xunit data: one row per tag.</summary>
    public static TheoryData<string> TagData() => [.. Tags];

    /// <summary>The version of a tag.</summary>
    public static CoreDnsVersion Version(string tag) =>
        CoreDnsVersion.TryParse(tag, out var v) ? v : throw new ArgumentException(tag, nameof(tag));

    /// <summary>The directive names plugin.cfg lists for a tag, in file order ("name:package" lines; # comments).</summary>
    public static ImmutableArray<string> PluginCfg(string tag) => File
        .ReadAllLines(Repo.ReferenceFile("coredns", "plugin.cfg", $"plugin.{tag}.cfg"))
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)])
        .ToImmutableArray();

    /// <summary>plugins-by-tag.json: tag → ordered plugin list.</summary>
    public static ImmutableSortedDictionary<string, ImmutableArray<string>> PluginsByTag()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Repo.ReferenceFile("coredns", "plugins-by-tag.json")));
        return doc.RootElement.GetProperty("tags").EnumerateObject().ToImmutableSortedDictionary(
            p => p.Name,
            p => p.Value.GetProperty("plugins").EnumerateArray().Select(e => e.GetString()!).ToImmutableArray(),
            StringComparer.Ordinal);
    }

    /// <summary>coredns/deployment's default Corefile with its placeholders filled in as deploy.sh does by default.</summary>
    public static string UpstreamDefaultCorefile()
    {
        var configMap = YamlDocuments(Repo.ReferenceFile("coredns", "deployment", "coredns.yaml.sed"))
            .Single(d => Scalar(d, "kind") == "ConfigMap");
        return Data(configMap, "Corefile")
            .Replace("CLUSTER_DOMAIN", "cluster.local", StringComparison.Ordinal)
            .Replace("REVERSE_CIDRS", "in-addr.arpa ip6.arpa", StringComparison.Ordinal)
            .Replace("UPSTREAMNAMESERVER", "/etc/resolv.conf", StringComparison.Ordinal)
            .Replace("STUBDOMAINS", "", StringComparison.Ordinal);
    }

    /// <summary>The Istio guide's ConfigMaps: [0] kube-dns stubDomains, [1] Corefile with proxy, [2] Corefile with forward.</summary>
    public static ImmutableArray<string> GuideDnsData() => YamlDocuments(Repo.ReferenceFile("istio", "docs", "multicluster-gateways-doc-examples.yaml"))
        .Where(d => Scalar(d, "kind") == "ConfigMap")
        .Select(d => Data(d, "stubDomains", "Corefile"))
        .ToImmutableArray();

    /// <summary>The guide's placeholder for the istiocoredns ClusterIP.</summary>
    public const string GuideIstioCoreDnsPlaceholder = "$(kubectl get svc -n istio-system istiocoredns -o jsonpath={.spec.clusterIP})";

    /// <summary>A forward/proxy/ready README from the reference folder.</summary>
    public static string Doc(string name) => File.ReadAllText(Repo.ReferenceFile("coredns", "docs", name));

    private static IEnumerable<YamlMappingNode> YamlDocuments(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>();
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;

    private static string Data(YamlMappingNode map, params string[] keys)
    {
        var data = (YamlMappingNode)map.Children[new YamlScalarNode("data")];
        return keys.Select(k => data.Children.TryGetValue(new YamlScalarNode(k), out var v) ? ((YamlScalarNode)v).Value : null).First(v => v is not null)!;
    }
}
