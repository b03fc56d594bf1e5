using System.Collections.Immutable;
using System.Globalization;
using MeshStack.Core.Addressing;
using MeshStack.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Core.Changes;

/// <summary>What happens to one object between two renders.</summary>
public enum ObjectChangeKind
{
    /// <summary>New: created by the apply.</summary>
    Added,

    /// <summary>Updated in place.</summary>
    Changed,

    /// <summary>
    /// Cannot be updated in place: GitOps, the API server refuses the apply (immutable field) until the object is deleted;
    /// Pulumi, the provider deletes it and then creates it again (same name: delete-before-replace).
    /// </summary>
    Replaced,

    /// <summary>Deleted: pruned by the ApplySet (GitOps), or deleted with its resource (Pulumi).</summary>
    Deleted,

    /// <summary>Still planned but not written this time (no <c>--ca-dir</c>, no reader token): the live object is kept as it is.</summary>
    Kept,

    /// <summary>No longer rendered, and nothing removes it (a patch, key material, a cluster no longer rendered).</summary>
    LeftBehind,
}

/// <summary>One changed field: its path and its values, both null for a secret's field (never printed).</summary>
/// <param name="Path">E.g. <c>spec.endpoints[0].address</c>.</param>
/// <param name="Before">The old value as text, or null (absent, a subtree, or secret).</param>
/// <param name="After">The new value as text, or null.</param>
public sealed record FieldChange(string Path, string? Before, string? After);

/// <summary>One object's change.</summary>
public sealed record ObjectChange
{
    /// <summary>The object.</summary>
    public required ObjectRef Ref { get; init; }

    /// <summary>What happens to it.</summary>
    public required ObjectChangeKind Kind { get; init; }

    /// <summary>The changed fields (Changed, Replaced).</summary>
    public ImmutableArray<FieldChange> Fields { get; init; } = [];

    /// <summary>The fields that force the replacement (Replaced).</summary>
    public ImmutableArray<string> ForcedBy { get; init; } = [];

    /// <summary>True for a Secret: its values are never shown, only "changed (secret)".</summary>
    public bool Secret { get; init; }

    /// <summary>Why, for Kept and LeftBehind.</summary>
    public string? Note { get; init; }
}

/// <summary>What happens to a Helm release.</summary>
public enum ReleaseChangeKind
{
    /// <summary>Installed.</summary>
    Installed,

    /// <summary>Upgraded, downgraded or given new values.</summary>
    Changed,

    /// <summary>Uninstalled (helmfile <c>installed: false</c>).</summary>
    Uninstalled,

    /// <summary>Left installed: its cluster is no longer rendered.</summary>
    LeftInstalled,
}

/// <summary>One release's change.</summary>
public sealed record ReleaseChange
{
    /// <summary>The release name.</summary>
    public required string Name { get; init; }

    /// <summary>Its namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>What happens.</summary>
    public required ReleaseChangeKind Kind { get; init; }

    /// <summary>The chart as the helmfile names it.</summary>
    public required string Chart { get; init; }

    /// <summary>The chart version before, if installed before.</summary>
    public string? VersionBefore { get; init; }

    /// <summary>The chart version after, if installed after.</summary>
    public string? VersionAfter { get; init; }

    /// <summary>The values that change.</summary>
    public ImmutableArray<FieldChange> Values { get; init; } = [];
}

/// <summary>Whether a cluster is new, gone or in both renders.</summary>
public enum ClusterChangeKind
{
    /// <summary>In both.</summary>
    Kept,

    /// <summary>New.</summary>
    Added,

    /// <summary>No longer rendered: nothing is applied to it any more.</summary>
    Removed,

    /// <summary>Rendered under a new name to the same kube context: its folder is applied where the old one was.</summary>
    Renamed,
}

/// <summary>One cluster's changes.</summary>
public sealed record ClusterChanges
{
    /// <summary>The cluster.</summary>
    public required string Cluster { get; init; }

    /// <summary>New, gone, kept or renamed.</summary>
    public required ClusterChangeKind Kind { get; init; }

    /// <summary>The name it had, when renamed.</summary>
    public string? PreviousName { get; init; }

    /// <summary>Object changes, sorted by kind, namespace, name.</summary>
    public ImmutableArray<ObjectChange> Objects { get; init; } = [];

    /// <summary>Release changes, sorted by name.</summary>
    public ImmutableArray<ReleaseChange> Releases { get; init; } = [];
}

/// <summary>A service whose virtual address moves.</summary>
/// <param name="Service">The address-table key (<c>NAME.NAMESPACE</c>).</param>
/// <param name="Before">The address in the lock file.</param>
/// <param name="After">The address now.</param>
public sealed record AddressMove(string Service, string Before, string After);

/// <summary>
/// Everything a change does between the previous render (or only the lock file) and now, per cluster, with the dangerous
/// parts as diagnostics (MSH132-MSH139). Pure: computed from two snapshots and two address tables.
/// </summary>
public sealed record ChangeSet
{
    /// <summary>The rules it was computed with.</summary>
    public required ChangeEngine Engine { get; init; }

    /// <summary>False when there was no previous render: only the address table was compared.</summary>
    public required bool ComparedWithRender { get; init; }

    /// <summary>Per cluster with any change.</summary>
    public ImmutableArray<ClusterChanges> Clusters { get; init; } = [];

    /// <summary>Services whose address moves.</summary>
    public ImmutableArray<AddressMove> AddressMoves { get; init; } = [];

    /// <summary>The dangerous changes, one warning each.</summary>
    public ImmutableArray<Diagnostic> Dangers { get; init; } = [];

    /// <summary>True when nothing changes.</summary>
    public bool IsEmpty => Clusters.IsEmpty && AddressMoves.IsEmpty;

    /// <summary>Computes the change set.</summary>
    /// <param name="before">The previous render, or null when there is none (then only addresses are compared).</param>
    /// <param name="after">What a render writes now (with the objects it would not write listed as unwritten).</param>
    /// <param name="addressesBefore">The lock file's table.</param>
    /// <param name="addressesAfter">The plan's table.</param>
    /// <param name="rules">The engine's replacement rules.</param>
    public static ChangeSet Compute(RenderSnapshot? before, RenderSnapshot after, AddressTable addressesBefore, AddressTable addressesAfter, ReplaceRules rules)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(addressesBefore);
        ArgumentNullException.ThrowIfNull(addressesAfter);
        ArgumentNullException.ThrowIfNull(rules);
        var dangers = ImmutableArray.CreateBuilder<Diagnostic>();
        var moves = addressesBefore.Addresses
            .Where(p => addressesAfter.Addresses.TryGetValue(p.Key, out var now) && now != p.Value)
            .Select(p => new AddressMove(p.Key, p.Value.ToString(), addressesAfter.Addresses[p.Key].ToString()))
            .ToImmutableArray();
        foreach (var m in moves)
        {
            dangers.Add(DiagnosticBuilder.AddressMoves(m.Service, m.Before, m.After));
        }

        var clusters = ImmutableArray.CreateBuilder<ClusterChanges>();
        if (before is not null)
        {
            // A cluster renamed in the stack but still deployed to the same kube context is the same live cluster: its new
            // folder is applied there, and prunes what the old one applied (one ApplySet per mesh and cluster).
            var gone = before.Clusters.Where(c => after.Cluster(c.Name) is null).ToList();
            var added = after.Clusters.Where(c => before.Cluster(c.Name) is null).ToList();
            var renamed = new Dictionary<string, ClusterSnapshot>(StringComparer.Ordinal);
            foreach (var a in added.Where(a => a.Context is not null))
            {
                if (gone.Where(g => g.Context == a.Context).ToList() is [var old] && added.Count(x => x.Context == a.Context) == 1)
                {
                    renamed[a.Name] = old;
                }
            }

            var oldNames = renamed.Values.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
            var names = before.Clusters.Select(c => c.Name).Where(n => !oldNames.Contains(n)).Union(after.Clusters.Select(c => c.Name)).Order(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var previous = renamed.TryGetValue(name, out var old) ? old : before.Cluster(name);
                var changes = CompareCluster(name, previous, after.Cluster(name), rules, dangers);
                if (old is not null)
                {
                    changes = changes with { Kind = ClusterChangeKind.Renamed, PreviousName = old.Name };
                }

                if (changes.Kind != ClusterChangeKind.Kept || changes.Objects.Length > 0 || changes.Releases.Length > 0)
                {
                    clusters.Add(changes);
                }
            }
        }

        return new ChangeSet
        {
            Engine = rules.Engine,
            ComparedWithRender = before is not null,
            Clusters = clusters.ToImmutable(),
            AddressMoves = moves,
            Dangers = dangers.ToImmutable(),
        };
    }

    private static readonly ObjectRef CaCerts = new("", "Secret", "istio-system", "cacerts");

    private static ClusterChanges CompareCluster(string name, ClusterSnapshot? before, ClusterSnapshot? after, ReplaceRules rules, ImmutableArray<Diagnostic>.Builder dangers)
    {
        var gitOps = rules.Engine == ChangeEngine.GitOps;
        var kind = before is null ? ClusterChangeKind.Added : after is null ? ClusterChangeKind.Removed : ClusterChangeKind.Kept;
        var old = (before?.Objects ?? []).ToDictionary(o => o.Ref);
        var now = (after?.Objects ?? []).ToDictionary(o => o.Ref);
        var unwritten = (after?.Unwritten ?? []).ToDictionary(u => u.Ref);
        var oldMembers = (before?.Members ?? []).ToHashSet();
        var changes = new List<ObjectChange>();
        foreach (var (r, o) in old)
        {
            if (now.ContainsKey(r))
            {
                continue;
            }

            if (unwritten.TryGetValue(r, out var u))
            {
                changes.Add(new ObjectChange { Ref = r, Kind = ObjectChangeKind.Kept, Secret = IsSecret(r), Note = $"not rendered ({u.Reason}): the live object is kept as it is" });
                continue;
            }

            if (kind == ClusterChangeKind.Removed)
            {
                changes.Add(new ObjectChange
                {
                    Ref = r,
                    Kind = gitOps ? ObjectChangeKind.LeftBehind : ObjectChangeKind.Deleted,
                    Secret = IsSecret(r),
                    Note = gitOps ? "its cluster is no longer rendered, so no apply runs there" : null,
                });
                continue;
            }

            var member = oldMembers.Contains(r);
            if (gitOps && !member)
            {
                var note = before!.Members.IsEmpty
                    ? "the previous render predates MeshStack's ApplySet, so the live object carries no membership label and no prune deletes it; delete it by hand"
                    : r == CaCerts ? "key material is never pruned"
                    : r.Kind == "Namespace" && r.Group.Length == 0 ? "namespaces are never pruned (deleting one deletes everything in it); delete it by hand once nothing of yours is left in it"
                    : "a patch of an object MeshStack does not own is never pruned; remove MeshStack's part by hand";
                changes.Add(new ObjectChange { Ref = r, Kind = ObjectChangeKind.LeftBehind, Secret = IsSecret(r), Note = note });
                continue;
            }

            if (!gitOps && IsPatch(o))
            {
                // MeshStack's components retain the DNS patch on delete: deleting a server-side-apply patch gives up its
                // fields, and a Corefile nobody else owns would be removed (README, DNS).
                changes.Add(new ObjectChange { Ref = r, Kind = ObjectChangeKind.LeftBehind, Note = "the patch is retained on delete; remove MeshStack's part by hand" });
                continue;
            }

            changes.Add(new ObjectChange { Ref = r, Kind = ObjectChangeKind.Deleted, Secret = IsSecret(r) });
        }

        // A member the earlier render listed without writing it (a remote secret without its token) exists live only
        // through the membership apply; the prune deletes it when this render lists it no longer.
        var nowMembers = (after?.Members ?? []).ToHashSet();
        foreach (var r in oldMembers.Where(m => !old.ContainsKey(m) && !now.ContainsKey(m) && !nowMembers.Contains(m) && !unwritten.ContainsKey(m)))
        {
            changes.Add(kind == ClusterChangeKind.Removed && gitOps
                ? new ObjectChange { Ref = r, Kind = ObjectChangeKind.LeftBehind, Secret = IsSecret(r), Note = "its cluster is no longer rendered, so no apply runs there" }
                : new ObjectChange { Ref = r, Kind = ObjectChangeKind.Deleted, Secret = IsSecret(r), Note = "it was a member that the earlier render did not write" });
        }

        foreach (var (r, o) in now)
        {
            if (!old.TryGetValue(r, out var was))
            {
                changes.Add(new ObjectChange { Ref = r, Kind = ObjectChangeKind.Added, Secret = IsSecret(r) });
                continue;
            }

            if (Compare(was, o, rules) is { } changed)
            {
                changes.Add(changed);
            }
        }

        var sorted = changes.OrderBy(c => c.Ref, ObjectRef.Order).ToImmutableArray();
        foreach (var c in sorted)
        {
            Danger(name, c, rules, dangers);
        }

        var releases = CompareReleases(before, after, kind, gitOps);
        foreach (var r in releases)
        {
            var path = $"{name}/HelmRelease/{r.Namespace}/{r.Name}";
            if (r.Kind is ReleaseChangeKind.Uninstalled && IsControlPlaneChart(r.Chart))
            {
                dangers.Add(DiagnosticBuilder.ControlPlaneUninstalled(path, r.Name, r.Chart));
            }

            if (r.Kind is ReleaseChangeKind.Changed && r.VersionBefore is { } v1 && r.VersionAfter is { } v2 && VersionOrder(v2, v1) < 0)
            {
                dangers.Add(DiagnosticBuilder.ReleaseDowngrade(path, r.Name, v1, v2));
            }
        }

        if (kind == ClusterChangeKind.Removed && gitOps)
        {
            dangers.Add(DiagnosticBuilder.LeftBehind(name, old.Count, releases.Length));
        }

        return new ClusterChanges { Cluster = name, Kind = kind, Objects = sorted, Releases = releases };
    }

    private static void Danger(string cluster, ObjectChange c, ReplaceRules rules, ImmutableArray<Diagnostic>.Builder dangers)
    {
        var path = $"{cluster}/{c.Ref.Kind}/{c.Ref.Namespace ?? "-"}/{c.Ref.Name}";
        switch (c.Kind)
        {
            case ObjectChangeKind.Replaced:
                dangers.Add(DiagnosticBuilder.ReplacesLiveObject(path, c.Ref.ToString(), c.ForcedBy, rules.Engine == ChangeEngine.GitOps));
                break;
            case ObjectChangeKind.Deleted when c.Ref.Kind == "Namespace" && c.Ref.Group.Length == 0:
                dangers.Add(DiagnosticBuilder.NamespaceDeleted(path, c.Ref.Name));
                break;
            case ObjectChangeKind.LeftBehind:
                dangers.Add(DiagnosticBuilder.LeftBehind(path, c.Ref.ToString(), c.Note));
                break;
        }

        if (c.Ref == CaCerts && c.Kind is ObjectChangeKind.Deleted or ObjectChangeKind.Replaced)
        {
            dangers.Add(DiagnosticBuilder.CaCertsDeleted(path));
        }

        if (c.Ref == CaCerts && c.Fields.Any(f => f.Path == "data[\"root-cert.pem\"]" || f.Path == "stringData[\"root-cert.pem\"]"))
        {
            dangers.Add(DiagnosticBuilder.RootChanges(path));
        }
    }

    private static ObjectChange? Compare(SnapshotObject was, SnapshotObject now, ReplaceRules rules)
    {
        // Same input, same output: an unchanged object is byte-identical, so only changed ones are parsed.
        if (string.Equals(was.Text, now.Text, StringComparison.Ordinal))
        {
            return null;
        }

        var fields = new List<(List<object> Path, YamlNode? Old, YamlNode? New)>();
        try
        {
            Diff([], was.Manifest, now.Manifest, fields);
        }
        catch (YamlException)
        {
            // Someone edited the earlier render by hand: it changes, field by field unknown.
            return new ObjectChange { Ref = now.Ref, Kind = ObjectChangeKind.Changed, Secret = IsSecret(now.Ref), Fields = [new FieldChange("(the whole object)", null, null)], Note = "the earlier render's text of it does not parse" };
        }

        if (fields.Count == 0)
        {
            return null;
        }

        var secret = IsSecret(now.Ref);
        var version = now.ApiVersion.Contains('/', StringComparison.Ordinal) ? now.ApiVersion[(now.ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : now.ApiVersion;
        var immutable = Scalar(was.Manifest, "immutable") == "true";
        var isPatch = IsPatch(now);
        var clusterIp = RenderSnapshotReader.Child(was.Manifest, "spec") is YamlMappingNode spec && Scalar(spec, "clusterIP") is { Length: > 0 } ip && ip != "None";
        var forceNew = rules.ForceNewFields(now.Ref.Group, version, now.Ref.Kind, immutable, isPatch, clusterIp);
        var forcedBy = forceNew.Where(f => fields.Any(c => Touches(c.Path, Segments(f), c.Old, c.New))).ToImmutableArray();

        // pulumi-kubernetes keys a CustomResource's type token on its apiVersion: a new version is another resource.
        if (rules.Engine == ChangeEngine.Pulumi && was.ApiVersion != now.ApiVersion)
        {
            forcedBy = forcedBy.Add(".apiVersion");
        }

        return new ObjectChange
        {
            Ref = now.Ref,
            Kind = forcedBy.IsEmpty ? ObjectChangeKind.Changed : ObjectChangeKind.Replaced,
            Secret = secret,
            ForcedBy = forcedBy,
            Fields = [.. fields.Select(f => new FieldChange(Display(f.Path), secret ? null : Text(f.Old), secret ? null : Text(f.New)))],
        };
    }

    private static ImmutableArray<ReleaseChange> CompareReleases(ClusterSnapshot? before, ClusterSnapshot? after, ClusterChangeKind kind, bool gitOps)
    {
        var old = (before?.Releases ?? []).Where(r => r.Installed).ToDictionary(r => r.Key, StringComparer.Ordinal);
        var now = (after?.Releases ?? []).Where(r => r.Installed).ToDictionary(r => r.Key, StringComparer.Ordinal);
        var result = new List<ReleaseChange>();
        foreach (var (key, r) in old)
        {
            if (!now.ContainsKey(key))
            {
                result.Add(new ReleaseChange
                {
                    Name = r.Name, Namespace = r.Namespace, Chart = r.Chart, VersionBefore = r.Version,
                    Kind = kind == ClusterChangeKind.Removed && gitOps ? ReleaseChangeKind.LeftInstalled : ReleaseChangeKind.Uninstalled,
                });
            }
        }

        foreach (var (key, r) in now)
        {
            if (!old.TryGetValue(key, out var was))
            {
                result.Add(new ReleaseChange { Name = r.Name, Namespace = r.Namespace, Chart = r.Chart, VersionAfter = r.Version, Kind = ReleaseChangeKind.Installed });
                continue;
            }

            var values = new List<(List<object> Path, YamlNode? Old, YamlNode? New)>();
            Diff([], was.Values, r.Values, values);
            if (values.Count > 0 || was.Version != r.Version || was.Chart != r.Chart)
            {
                result.Add(new ReleaseChange
                {
                    Name = r.Name, Namespace = r.Namespace, Chart = r.Chart, VersionBefore = was.Version, VersionAfter = r.Version, Kind = ReleaseChangeKind.Changed,
                    Values = [.. values.Select(v => new FieldChange(Display(v.Path), Text(v.Old), Text(v.New)))],
                });
            }
        }

        return [.. result.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    // A patch of an object MeshStack does not own carries no managed-by label (core/Plan/KubeObjects.cs adds it to owned objects only).
    private static bool IsPatch(SnapshotObject o) =>
        RenderSnapshotReader.Child(o.Manifest, "metadata") is YamlMappingNode meta
        && !(RenderSnapshotReader.Child(meta, "labels") is YamlMappingNode labels && RenderSnapshotReader.Child(labels, Plan.KubeObjects.ManagedByLabel) is not null);

    private static bool IsSecret(ObjectRef r) => r.Group.Length == 0 && r.Kind == "Secret";

    // The charts whose uninstall takes the mesh down: base (the CRDs), istiod, and the legacy profile's operator.
    private static bool IsControlPlaneChart(string chart) =>
        chart.Split('/')[^1] is "base" or "istiod" or "istio-discovery" or "istio-operator";

    // Numeric comparison of dotted versions (1.30.3 > 1.29.10); text that is not numeric compares as text.
    private static int VersionOrder(string a, string b)
    {
        var x = a.Split('.', '-');
        var y = b.Split('.', '-');
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var p = i < x.Length ? x[i] : "0";
            var q = i < y.Length ? y[i] : "0";
            var c = long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && long.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? m.CompareTo(n)
                : string.CompareOrdinal(p, q);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static void Diff(List<object> path, YamlNode? a, YamlNode? b, List<(List<object> Path, YamlNode? Old, YamlNode? New)> into)
    {
        switch (a, b)
        {
            case (null, null):
                return;
            case (YamlMappingNode x, YamlMappingNode y):
                var keys = x.Children.Keys.Concat(y.Children.Keys).OfType<YamlScalarNode>().Select(k => k.Value ?? "").Distinct(StringComparer.Ordinal).ToList();
                foreach (var key in keys)
                {
                    Diff([.. path, key], RenderSnapshotReader.Child(x, key), RenderSnapshotReader.Child(y, key), into);
                }

                return;
            case (YamlSequenceNode x, YamlSequenceNode y):
                for (var i = 0; i < Math.Max(x.Children.Count, y.Children.Count); i++)
                {
                    Diff([.. path, i], i < x.Children.Count ? x.Children[i] : null, i < y.Children.Count ? y.Children[i] : null, into);
                }

                return;
            case (YamlScalarNode x, YamlScalarNode y) when x.Value == y.Value && IsPlain(x) == IsPlain(y):
                return;
            default:
                into.Add((path, a, b));
                return;
        }
    }

    private static bool IsPlain(YamlScalarNode s) => s.Style is ScalarStyle.Plain or ScalarStyle.Any;

    // A change at `path` touches a force-new field when the field is at or above it, or below it and present in the old or new subtree.
    private static bool Touches(List<object> path, List<string> field, YamlNode? old, YamlNode? now)
    {
        var common = Math.Min(path.Count, field.Count);
        for (var i = 0; i < common; i++)
        {
            if (path[i] is not string s || s != field[i])
            {
                return false;
            }
        }

        return path.Count >= field.Count || Has(old, field.Skip(path.Count)) || Has(now, field.Skip(path.Count));
    }

    private static bool Has(YamlNode? node, IEnumerable<string> rest)
    {
        foreach (var key in rest)
        {
            if (node is not YamlMappingNode map || RenderSnapshotReader.Child(map, key) is not { } child)
            {
                return false;
            }

            node = child;
        }

        return node is not null;
    }

    private static List<string> Segments(string field) => [.. field.TrimStart('.').Split('.')];

    private static string? Scalar(YamlMappingNode node, string key) => RenderSnapshotReader.Child(node, key) is YamlScalarNode s ? s.Value : null;

    private static string Display(List<object> path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var p in path)
        {
            if (p is int i)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{i}]");
            }
            else if (p is string s && s.AsSpan().IndexOfAny(".\"[]/") >= 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"[\"{s}\"]");
            }
            else
            {
                text.Append(text.Length == 0 ? "" : ".").Append(p);
            }
        }

        return text.ToString();
    }

    private static string? Text(YamlNode? node) => node switch
    {
        YamlScalarNode { Value: { } v } when v.Contains('\n', StringComparison.Ordinal) => $"({v.Split('\n').Length} lines)",
        YamlScalarNode { Value: { } v } => v.Length > 80 ? v[..77] + "..." : v,
        YamlMappingNode m => $"{{{m.Children.Count} key(s)}}",
        YamlSequenceNode l => $"[{l.Children.Count} item(s)]",
        _ => null,
    };
}
