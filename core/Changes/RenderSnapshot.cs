using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Render;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Core.Changes;

/// <summary>An object by identity: group, kind, namespace and name (the version is not part of it: the API server stores one object).</summary>
/// <param name="Group">The API group, empty for the core group.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Namespace">The namespace, or null for a cluster-scoped object.</param>
/// <param name="Name">The name.</param>
public sealed record ObjectRef(string Group, string Kind, string? Namespace, string Name)
{
    /// <summary>The reference of an apiVersion, kind, namespace and name.</summary>
    public static ObjectRef Of(string apiVersion, string kind, string? ns, string name)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return new ObjectRef(slash < 0 ? "" : apiVersion[..slash], kind, ns, name);
    }

    /// <summary><c>Kind namespace/name</c>, as kubectl prints it.</summary>
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    /// <summary>Orders by kind, group, namespace, name.</summary>
    public static IComparer<ObjectRef> Order { get; } = Comparer<ObjectRef>.Create(Compare);

    private static int Compare(ObjectRef? self, ObjectRef? other)
    {
        if (self is null || other is null)
        {
            return self is null ? (other is null ? 0 : -1) : 1;
        }

        var c = string.CompareOrdinal(self.Kind, other.Kind);
        c = c != 0 ? c : string.CompareOrdinal(self.Group, other.Group);
        c = c != 0 ? c : string.CompareOrdinal(self.Namespace ?? "", other.Namespace ?? "");
        return c != 0 ? c : string.CompareOrdinal(self.Name, other.Name);
    }
}

/// <summary>One object a render wrote.</summary>
/// <param name="Ref">Its identity.</param>
/// <param name="ApiVersion">The apiVersion it was written with.</param>
/// <param name="Folder">The folder below the cluster's that holds it, e.g. <c>05-meshconfig</c>.</param>
/// <param name="Text">The document's text as written: two renders of the same object are byte-identical.</param>
public sealed record SnapshotObject(ObjectRef Ref, string ApiVersion, string Folder, string Text)
{
    private YamlMappingNode? manifest;

    /// <summary>The document, parsed when first asked for (only objects whose text differs are).</summary>
    public YamlMappingNode Manifest => manifest ??= RenderSnapshotReader.Parse(Text).Single();
}

/// <summary>One release of a render's helmfile.</summary>
/// <param name="Name">The release name.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Chart">The chart as the helmfile names it.</param>
/// <param name="Version">The chart version, when written.</param>
/// <param name="Installed">False for a release kept only to be uninstalled (<c>installed: false</c>).</param>
/// <param name="Values">Its values document, when read.</param>
public sealed record SnapshotRelease(string Name, string Namespace, string Chart, string? Version, bool Installed, YamlNode? Values)
{
    /// <summary>The plan key of the release.</summary>
    public string Key => $"HelmRelease/{Namespace}/{Name}";
}

/// <summary>An object the plan has but a render did not write (key material without <c>--ca-dir</c>, a remote secret without its token).</summary>
/// <param name="Ref">Its identity.</param>
/// <param name="Reason">Why it was not written, e.g. <c>no --ca-dir</c>.</param>
public sealed record UnwrittenObject(ObjectRef Ref, string Reason);

/// <summary>What a render wrote for one cluster.</summary>
public sealed record ClusterSnapshot
{
    /// <summary>The cluster name (its folder).</summary>
    public required string Name { get; init; }

    /// <summary>The kube context its helmfile names (<c>helmDefaults.kubeContext</c>), when it names one: where the folder is applied.</summary>
    public string? Context { get; init; }

    /// <summary>Every object of the kustomize folders (not the ApplySet's parent or member stubs).</summary>
    public ImmutableArray<SnapshotObject> Objects { get; init; } = [];

    /// <summary>The helmfile's releases, those marked <c>installed: false</c> included.</summary>
    public ImmutableArray<SnapshotRelease> Releases { get; init; } = [];

    /// <summary>The ApplySet's members (what the prune folder lists).</summary>
    public ImmutableArray<ObjectRef> Members { get; init; } = [];

    /// <summary>Planned objects that were not written; empty for a render read back from disk.</summary>
    public ImmutableArray<UnwrittenObject> Unwritten { get; init; } = [];
}

/// <summary>What a render wrote, read back from its files, or built from the files a render would write now.</summary>
public sealed record RenderSnapshot
{
    /// <summary>Per cluster, sorted by name.</summary>
    public ImmutableArray<ClusterSnapshot> Clusters { get; init; } = [];

    /// <summary>The stack the render was made from, when the folder's marker says (renders before issue 19 do not).</summary>
    public string? Stack { get; init; }

    /// <summary>The cluster, or null.</summary>
    public ClusterSnapshot? Cluster(string name) => Clusters.FirstOrDefault(c => c.Name == name);
}

/// <summary>One file of a render folder: its path relative to the folder (<c>/</c>-separated) and a way to read it.</summary>
/// <param name="RelativePath">E.g. <c>cluster1/05-meshconfig/resources.yaml</c>.</param>
/// <param name="Read">Reads its text.</param>
public sealed record SnapshotFile(string RelativePath, Func<string> Read);

/// <summary>
/// Reads a render folder back (the files <see cref="RenderLayout"/> writes): objects from every kustomize folder's
/// <c>resources.yaml</c>, releases from <c>helmfile.yaml</c> and their values files, members from <c>99-prune</c>.
/// A file that does not parse is MSH130, never an exception.
/// </summary>
public static class RenderSnapshotReader
{
    /// <summary>The marker file that says a folder is a render, and of which stack.</summary>
    public const string MarkerFile = ".meshstack-render";

    /// <summary>The marker's text for a stack.</summary>
    public static string Marker(string stack) =>
        $"Written by meshstack render; the whole folder is replaced on the next render.\nstack: {stack}\n";

    /// <summary>The stack a marker names, or null for a marker written before it named one.</summary>
    public static string? StackOf(string markerText)
    {
        ArgumentNullException.ThrowIfNull(markerText);
        foreach (var line in markerText.Split('\n'))
        {
            if (line.StartsWith("stack: ", StringComparison.Ordinal))
            {
                return line["stack: ".Length..].Trim();
            }
        }

        return null;
    }

    /// <summary>Reads the files; <paramref name="withContent"/> false reads only what a render needs (the helmfiles' releases).</summary>
    public static (RenderSnapshot Snapshot, ImmutableArray<Diagnostic> Problems) Read(IEnumerable<SnapshotFile> files, string? markerText, bool withContent = true)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = ImmutableArray.CreateBuilder<Diagnostic>();
        var clusters = new SortedDictionary<string, Builder>(StringComparer.Ordinal);
        var byPath = files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        foreach (var file in byPath.Values.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            var parts = file.RelativePath.Split('/');
            if (parts.Length != 3)
            {
                continue;
            }

            var (cluster, folder, name) = (parts[0], parts[1], parts[2]);
            if (!clusters.TryGetValue(cluster, out var builder))
            {
                clusters[cluster] = builder = new Builder(cluster);
            }

            try
            {
                if (name == "helmfile.yaml")
                {
                    ReadHelmfile(builder, folder, file, byPath, withContent, problems);
                }
                else if (!withContent)
                {
                    continue;
                }
                else if (folder == ApplySet.Folder && name == ApplySet.MembersFile)
                {
                    foreach (var doc in SplitDocuments(file.Read()))
                    {
                        if (Identity(doc) is { } r)
                        {
                            builder.Members.Add(r.Ref);
                        }
                    }
                }
                else if (folder != ApplySet.Folder && name == RenderLayout.ResourcesFile)
                {
                    foreach (var doc in SplitDocuments(file.Read()))
                    {
                        if (Identity(doc) is { } r)
                        {
                            builder.Objects.Add(new SnapshotObject(r.Ref, r.ApiVersion, folder, doc));
                        }
                    }
                }
            }
            catch (YamlException e)
            {
                problems.Add(DiagnosticBuilder.PreviousRenderUnreadable(file.RelativePath, e.Message));
            }
        }

        var snapshot = new RenderSnapshot
        {
            Stack = markerText is null ? null : StackOf(markerText),
            Clusters = [.. clusters.Values.Select(b => new ClusterSnapshot
            {
                Name = b.Name,
                Context = b.Context,
                Objects = [.. b.Objects],
                Releases = [.. b.Releases],
                Members = [.. b.Members],
            })],
        };
        return (snapshot, problems.ToImmutable());
    }

    /// <summary>The releases a render dropped since <paramref name="previous"/> (or kept as dropped): the helmfile's <c>installed: false</c> entries.</summary>
    public static ImmutableDictionary<string, ImmutableArray<RemovedRelease>> RemovedReleases(RenderSnapshot? previous, Plan.FederationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (previous is null)
        {
            return ImmutableDictionary<string, ImmutableArray<RemovedRelease>>.Empty;
        }

        var result = ImmutableDictionary.CreateBuilder<string, ImmutableArray<RemovedRelease>>(StringComparer.Ordinal);
        foreach (var cluster in plan.Clusters)
        {
            if (previous.Cluster(cluster.Cluster.Name) is not { } before)
            {
                continue;
            }

            var now = cluster.Releases.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            // A release already marked installed: false stays marked: the render it was dropped in may never have been applied.
            var removed = before.Releases.Where(r => !now.Contains(r.Key)).Select(r => new RemovedRelease(r.Name, r.Namespace, r.Chart)).ToImmutableArray();
            if (removed.Length > 0)
            {
                result[cluster.Cluster.Name] = removed;
            }
        }

        return result.ToImmutable();
    }

    private static void ReadHelmfile(Builder builder, string folder, SnapshotFile file, Dictionary<string, SnapshotFile> byPath, bool withContent, ImmutableArray<Diagnostic>.Builder problems)
    {
        var docs = Documents(file.Read());
        if (docs.Count != 1 || Child(docs[0], "releases") is not YamlSequenceNode releases)
        {
            problems.Add(DiagnosticBuilder.PreviousRenderUnreadable(file.RelativePath));
            return;
        }

        if (Child(docs[0], "helmDefaults") is YamlMappingNode defaults && Text(defaults, "kubeContext") is { } context)
        {
            builder.Context = context;
        }

        foreach (var node in releases.Children.OfType<YamlMappingNode>())
        {
            var name = Text(node, "name");
            var ns = Text(node, "namespace");
            if (name is null || ns is null)
            {
                continue;
            }

            var installed = Text(node, "installed") != "false";
            YamlNode? values = null;
            if (withContent && installed && Child(node, "values") is YamlSequenceNode { Children: [YamlScalarNode { Value: { } valuesFile }] }
                && byPath.TryGetValue($"{builder.Name}/{folder}/{valuesFile}", out var vf))
            {
                values = Documents(vf.Read()).FirstOrDefault();
            }

            builder.Releases.Add(new SnapshotRelease(name, ns, Text(node, "chart") ?? "", Text(node, "version"), installed, values));
        }
    }

    /// <summary>A key's value in a mapping, or null.</summary>
    internal static YamlNode? Child(YamlMappingNode node, string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static string? Text(YamlMappingNode node, string key) => Child(node, key) is YamlScalarNode s ? s.Value : null;

    private static (ObjectRef Ref, string ApiVersion)? RefOf(YamlMappingNode doc)
    {
        if (Text(doc, "apiVersion") is not { } apiVersion || Text(doc, "kind") is not { } kind
            || Child(doc, "metadata") is not YamlMappingNode metadata
            || Text(metadata, "name") is not { } name)
        {
            return null;
        }

        return (ObjectRef.Of(apiVersion, kind, Text(metadata, "namespace"), name), apiVersion);
    }

    /// <summary>The documents of a text, parsed.</summary>
    internal static List<YamlMappingNode> Parse(string text) => Documents(text);

    // The documents of a multi-document file as text. render writes each document after a `---` line, and every other
    // line at column 0 is a top-level key (YamlWriter indents block scalars), so splitting on those lines is exact.
    private static List<string> SplitDocuments(string text)
    {
        var docs = new List<string>();
        var start = -1;
        var at = 0;
        while (at <= text.Length)
        {
            var end = text.IndexOf('\n', at);
            var lineEnd = end < 0 ? text.Length : end;
            if (lineEnd - at == 3 && string.CompareOrdinal(text, at, "---", 0, 3) == 0)
            {
                if (start >= 0)
                {
                    docs.Add(text[start..at]);
                }

                start = end < 0 ? text.Length : end + 1;
            }

            if (end < 0)
            {
                break;
            }

            at = end + 1;
        }

        if (start >= 0 && start < text.Length)
        {
            docs.Add(text[start..]);
        }
        else if (start < 0 && text.Trim().Length > 0)
        {
            docs.Add(text);
        }

        // A document that does not parse must fail here, as the whole file would: check the ones the scan cannot read.
        return docs;
    }

    // apiVersion, kind, metadata.name and metadata.namespace from the lines render writes; a value YAML would need to
    // unquote (or anything unexpected) falls back to parsing the document.
    private static (ObjectRef Ref, string ApiVersion)? Identity(string doc)
    {
        string? apiVersion = null, kind = null, name = null, ns = null;
        var inMetadata = false;
        foreach (var line in doc.Split('\n'))
        {
            if (line.StartsWith("apiVersion: ", StringComparison.Ordinal))
            {
                apiVersion = line[12..];
            }
            else if (line.StartsWith("kind: ", StringComparison.Ordinal))
            {
                kind = line[6..];
            }
            else if (line == "metadata:")
            {
                inMetadata = true;
            }
            else if (inMetadata && line.StartsWith("  name: ", StringComparison.Ordinal))
            {
                name = line[8..];
            }
            else if (inMetadata && line.StartsWith("  namespace: ", StringComparison.Ordinal))
            {
                ns = line[13..];
            }
            else if (line.Length > 0 && line[0] != ' ')
            {
                inMetadata = false;
            }
        }

        if (apiVersion is null || kind is null || name is null || new[] { apiVersion, kind, name, ns }.Any(v => v is not null && (v.Length == 0 || v[0] is '\'' or '"' or '{' or '[' or '&' or '*' or '!' || v.Contains(" #", StringComparison.Ordinal))))
        {
            return Documents(doc).FirstOrDefault() is { } parsed ? RefOf(parsed) : null;
        }

        return (ObjectRef.Of(apiVersion, kind, ns, name), apiVersion);
    }

    private static List<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    private sealed class Builder(string name)
    {
        public string Name { get; } = name;

        public List<SnapshotObject> Objects { get; } = [];

        public List<SnapshotRelease> Releases { get; } = [];

        public List<ObjectRef> Members { get; } = [];

        public string? Context { get; set; }
    }
}
