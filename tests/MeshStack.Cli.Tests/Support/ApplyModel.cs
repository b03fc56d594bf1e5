using YamlDotNet.RepresentationModel;

namespace MeshStack.Cli.Tests.Support;

/// <summary>
/// The live clusters, as docs/gitops.md's apply commands leave them, modelled from the rendered files alone (not from
/// MeshStack's own change computation): per kube context the objects (by <c>Kind/namespace/name</c>) with whether they
/// carry the ApplySet's membership label, and the installed Helm releases. Applying a render:
/// <list type="bullet">
/// <item>every stage folder's objects exist afterwards (kubectl apply creates or updates, never deletes);</item>
/// <item><c>helmfile sync</c> installs every release and uninstalls those marked <c>installed: false</c> (helmfile
/// <c>DetectReleasesToBeDeletedForSync</c>);</item>
/// <item>the membership apply creates what it lists that does not exist, labels it, and deletes every labelled object it
/// does not list (kubectl <c>pkg/cmd/apply/applyset_pruner.go</c>: list by the part-of label, skip visited UIDs).</item>
/// </list>
/// <see cref="Apply.ApplyPruneKubectlTests"/> checks this model against the real kubectl.
/// </summary>
internal sealed class ApplyModel
{
    private readonly Dictionary<string, Dictionary<string, bool>> objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> releases = new(StringComparer.Ordinal);

    /// <summary>Objects someone else created, per context: never rendered by MeshStack.</summary>
    public void Seed(string context, params string[] keys)
    {
        foreach (var key in keys)
        {
            Objects(context)[key] = false;
        }
    }

    /// <summary>Applies every cluster folder of a render to the context its helmfile names (or <c>kind-CLUSTER</c>).</summary>
    public void Apply(string renderFolder)
    {
        foreach (var cluster in Directory.GetDirectories(renderFolder).Order(StringComparer.Ordinal))
        {
            var context = ContextOf(cluster);
            var live = Objects(context);
            foreach (var folder in Directory.GetDirectories(cluster).Order(StringComparer.Ordinal))
            {
                if (Path.GetFileName(folder) == "99-prune")
                {
                    var members = Keys(Path.Combine(folder, "members.yaml")).ToHashSet(StringComparer.Ordinal);
                    foreach (var m in members)
                    {
                        live[m] = true;
                    }

                    foreach (var gone in live.Where(p => p.Value && !members.Contains(p.Key)).Select(p => p.Key).ToList())
                    {
                        live.Remove(gone);
                    }
                }
                else if (File.Exists(Path.Combine(folder, "resources.yaml")))
                {
                    foreach (var key in Keys(Path.Combine(folder, "resources.yaml")))
                    {
                        live.TryAdd(key, false);
                    }
                }
                else if (File.Exists(Path.Combine(folder, "helmfile.yaml")))
                {
                    var installed = Releases(context);
                    foreach (var (name, wanted) in HelmReleases(Path.Combine(folder, "helmfile.yaml")))
                    {
                        if (wanted)
                        {
                            installed.Add(name);
                        }
                        else
                        {
                            installed.Remove(name);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The objects of a context now.</summary>
    public HashSet<string> Live(string context) => [.. Objects(context).Keys];

    /// <summary>The installed releases of a context now.</summary>
    public HashSet<string> Installed(string context) => [.. Releases(context)];

    /// <summary>Every context seen.</summary>
    public IEnumerable<string> Contexts => objects.Keys.Union(releases.Keys).Order(StringComparer.Ordinal);

    /// <summary>The objects of every stage folder of a render, per context (what it renders).</summary>
    public static Dictionary<string, HashSet<string>> Rendered(string renderFolder) =>
        Directory.GetDirectories(renderFolder).ToDictionary(ContextOf, c => Directory.GetDirectories(c)
            .Where(f => Path.GetFileName(f) != "99-prune" && File.Exists(Path.Combine(f, "resources.yaml")))
            .SelectMany(f => Keys(Path.Combine(f, "resources.yaml"))).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The members a render's prune step lists, per context.</summary>
    public static Dictionary<string, HashSet<string>> Members(string renderFolder) =>
        Directory.GetDirectories(renderFolder).ToDictionary(ContextOf, c => Keys(Path.Combine(c, "99-prune", "members.yaml")).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The releases a render wants installed, per context.</summary>
    public static Dictionary<string, HashSet<string>> DesiredReleases(string renderFolder) =>
        Directory.GetDirectories(renderFolder).ToDictionary(ContextOf, c => HelmReleases(Directory.GetFiles(c, "helmfile.yaml", SearchOption.AllDirectories).Single())
            .Where(r => r.Installed).Select(r => r.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The context a cluster folder is applied to: its helmfile's kubeContext.</summary>
    public static string ContextOf(string clusterFolder)
    {
        var helmfile = Directory.GetFiles(clusterFolder, "helmfile.yaml", SearchOption.AllDirectories).Single();
        var root = (YamlMappingNode)Load(helmfile).Single();
        return ((YamlScalarNode)((YamlMappingNode)root["helmDefaults"])["kubeContext"]).Value!;
    }

    private Dictionary<string, bool> Objects(string context) =>
        objects.TryGetValue(context, out var o) ? o : objects[context] = new Dictionary<string, bool>(StringComparer.Ordinal);

    private HashSet<string> Releases(string context) =>
        releases.TryGetValue(context, out var r) ? r : releases[context] = new HashSet<string>(StringComparer.Ordinal);

    private static IEnumerable<(string Name, bool Installed)> HelmReleases(string helmfile)
    {
        var root = (YamlMappingNode)Load(helmfile).Single();
        foreach (var r in ((YamlSequenceNode)root["releases"]).Children.Cast<YamlMappingNode>())
        {
            var installed = !r.Children.TryGetValue(new YamlScalarNode("installed"), out var flag) || ((YamlScalarNode)flag).Value != "false";
            yield return ($"{((YamlScalarNode)r["namespace"]).Value}/{((YamlScalarNode)r["name"]).Value}", installed);
        }
    }

    private static IEnumerable<string> Keys(string file) =>
        Load(file).OfType<YamlMappingNode>().Select(d =>
        {
            var metadata = (YamlMappingNode)d["metadata"];
            var ns = metadata.Children.TryGetValue(new YamlScalarNode("namespace"), out var n) ? ((YamlScalarNode)n).Value : "-";
            return $"{((YamlScalarNode)d["kind"]).Value}/{ns}/{((YamlScalarNode)metadata["name"]).Value}";
        });

    private static List<YamlNode> Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return [.. stream.Documents.Select(d => d.RootNode)];
    }
}
