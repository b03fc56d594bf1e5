using System.Text.Json;
using MeshStack.Core.Changes;

namespace MeshStack.Cli;

/// <summary>
/// Prints a <see cref="ChangeSet"/> (<c>plan --diff</c>): per cluster one line per object and release, the changed fields
/// beneath (a Secret's only by key: "changed (secret)"), then the address moves and a count. The dangers are printed as
/// warnings (MSH132-MSH139) on stderr by the command.
/// </summary>
internal static class ChangeSetOutput
{
    public static void WriteText(TextWriter w, ChangeSet changes, string against)
    {
        w.WriteLine(changes.ComparedWithRender
            ? $"Changes against the render in {against} ({(changes.Engine == ChangeEngine.GitOps ? "GitOps: kubectl apply, ApplySet prune, helmfile sync" : "Pulumi: pulumi-kubernetes 4.32 replacement rules")}):"
            : "No previous render to compare with (pass --out DIR, the folder 'render --out' wrote): only the lock file's addresses were compared.");
        foreach (var cluster in changes.Clusters)
        {
            w.WriteLine(cluster.Kind switch
            {
                ClusterChangeKind.Added => $"{cluster.Cluster} (new cluster)",
                ClusterChangeKind.Removed => $"{cluster.Cluster} (no longer rendered)",
                ClusterChangeKind.Renamed => $"{cluster.Cluster} (was {cluster.PreviousName}; same kube context)",
                _ => cluster.Cluster,
            });
            foreach (var o in cluster.Objects)
            {
                w.WriteLine($"  {Sign(o.Kind)} {o.Ref}{Describe(o, changes.Engine)}");
                if (o.Kind is ObjectChangeKind.Changed or ObjectChangeKind.Replaced)
                {
                    if (o.Secret)
                    {
                        w.WriteLine($"      changed (secret): {string.Join(", ", o.Fields.Select(f => f.Path))}");
                    }
                    else
                    {
                        foreach (var f in o.Fields.Take(12))
                        {
                            w.WriteLine($"      {f.Path}: {f.Before ?? "(none)"} → {f.After ?? "(none)"}");
                        }

                        if (o.Fields.Length > 12)
                        {
                            w.WriteLine($"      … and {o.Fields.Length - 12} more field(s)");
                        }
                    }
                }
            }

            foreach (var r in cluster.Releases)
            {
                w.WriteLine(r.Kind switch
                {
                    ReleaseChangeKind.Installed => $"  + release {r.Namespace}/{r.Name} ({r.Chart} {r.VersionAfter})",
                    ReleaseChangeKind.Uninstalled => $"  - release {r.Namespace}/{r.Name} ({r.Chart} {r.VersionBefore}): uninstalled",
                    ReleaseChangeKind.LeftInstalled => $"  ? release {r.Namespace}/{r.Name} ({r.Chart} {r.VersionBefore}): left installed",
                    _ => $"  ~ release {r.Namespace}/{r.Name} ({r.Chart}{(r.VersionBefore == r.VersionAfter ? $" {r.VersionAfter}" : $" {r.VersionBefore} → {r.VersionAfter}")})",
                });
                foreach (var v in r.Values.Take(12))
                {
                    w.WriteLine($"      values {v.Path}: {v.Before ?? "(none)"} → {v.After ?? "(none)"}");
                }
            }
        }

        if (changes.AddressMoves.Length > 0)
        {
            w.WriteLine("addresses");
            foreach (var m in changes.AddressMoves)
            {
                w.WriteLine($"  ~ {m.Service}: {m.Before} → {m.After}");
            }
        }

        var all = changes.Clusters.SelectMany(c => c.Objects).ToList();
        w.WriteLine(changes.IsEmpty
            ? "No changes."
            : $"{Count(all, ObjectChangeKind.Added)} added, {Count(all, ObjectChangeKind.Changed)} changed, {Count(all, ObjectChangeKind.Replaced)} replaced, " +
              $"{Count(all, ObjectChangeKind.Deleted)} deleted, {Count(all, ObjectChangeKind.Kept)} kept unrendered, {Count(all, ObjectChangeKind.LeftBehind)} left behind; " +
              $"{changes.Clusters.Sum(c => c.Releases.Length)} release change(s), {changes.AddressMoves.Length} address move(s), {changes.Dangers.Length} flagged.");
    }

    public static string Json(ChangeSet changes)
    {
        using var output = new MemoryStream();
        using var j = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        j.WriteStartObject();
        j.WriteString("engine", changes.Engine == ChangeEngine.GitOps ? "gitops" : "pulumi");
        j.WriteBoolean("comparedWithRender", changes.ComparedWithRender);
        j.WriteStartArray("clusters");
        foreach (var c in changes.Clusters)
        {
            j.WriteStartObject();
            j.WriteString("cluster", c.Cluster);
            j.WriteString("change", Camel(c.Kind.ToString()));
            if (c.PreviousName is { } was)
            {
                j.WriteString("previousName", was);
            }

            j.WriteStartArray("objects");
            foreach (var o in c.Objects)
            {
                j.WriteStartObject();
                j.WriteString("change", Camel(o.Kind.ToString()));
                j.WriteString("group", o.Ref.Group);
                j.WriteString("kind", o.Ref.Kind);
                if (o.Ref.Namespace is { } ns)
                {
                    j.WriteString("namespace", ns);
                }

                j.WriteString("name", o.Ref.Name);
                if (o.Secret)
                {
                    j.WriteBoolean("secret", true);
                }

                if (o.Note is { } note)
                {
                    j.WriteString("note", note);
                }

                if (!o.ForcedBy.IsEmpty)
                {
                    j.WriteStartArray("forcedBy");
                    o.ForcedBy.ToList().ForEach(j.WriteStringValue);
                    j.WriteEndArray();
                }

                if (!o.Fields.IsEmpty)
                {
                    WriteFields(j, "fields", o.Fields);
                }

                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteStartArray("releases");
            foreach (var r in c.Releases)
            {
                j.WriteStartObject();
                j.WriteString("change", Camel(r.Kind.ToString()));
                j.WriteString("namespace", r.Namespace);
                j.WriteString("name", r.Name);
                j.WriteString("chart", r.Chart);
                if (r.VersionBefore is { } v1)
                {
                    j.WriteString("versionBefore", v1);
                }

                if (r.VersionAfter is { } v2)
                {
                    j.WriteString("versionAfter", v2);
                }

                if (!r.Values.IsEmpty)
                {
                    WriteFields(j, "values", r.Values);
                }

                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("addressMoves");
        foreach (var m in changes.AddressMoves)
        {
            j.WriteStartObject();
            j.WriteString("service", m.Service);
            j.WriteString("before", m.Before);
            j.WriteString("after", m.After);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("dangers");
        foreach (var d in changes.Dangers)
        {
            j.WriteStartObject();
            j.WriteString("code", d.Code);
            j.WriteString("path", d.Path);
            j.WriteString("message", d.Message);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteEndObject();
        j.Flush();
        return System.Text.Encoding.UTF8.GetString(output.ToArray()) + "\n";
    }

    // Secret fields carry no values (FieldChange.Before/After are null for them), so nothing secret can be written.
    private static void WriteFields(Utf8JsonWriter j, string name, IEnumerable<FieldChange> fields)
    {
        j.WriteStartArray(name);
        foreach (var f in fields)
        {
            j.WriteStartObject();
            j.WriteString("path", f.Path);
            if (f.Before is { } b)
            {
                j.WriteString("before", b);
            }

            if (f.After is { } a)
            {
                j.WriteString("after", a);
            }

            j.WriteEndObject();
        }

        j.WriteEndArray();
    }

    private static int Count(List<ObjectChange> all, ObjectChangeKind kind) => all.Count(o => o.Kind == kind);

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];

    private static string Sign(ObjectChangeKind kind) => kind switch
    {
        ObjectChangeKind.Added => "+",
        ObjectChangeKind.Changed => "~",
        ObjectChangeKind.Replaced => "!",
        ObjectChangeKind.Deleted => "-",
        ObjectChangeKind.Kept => "=",
        _ => "?",
    };

    private static string Describe(ObjectChange o, ChangeEngine engine) => o.Kind switch
    {
        ObjectChangeKind.Replaced when engine == ChangeEngine.GitOps => $": replaced: {string.Join(", ", o.ForcedBy)} cannot change in place; the apply is refused until the object is deleted",
        ObjectChangeKind.Replaced => $": replaced ({string.Join(", ", o.ForcedBy)}): deleted, then created again",
        ObjectChangeKind.Deleted when engine == ChangeEngine.GitOps => " (pruned)",
        ObjectChangeKind.Deleted => " (deleted)",
        ObjectChangeKind.Kept => $": kept: {o.Note}",
        ObjectChangeKind.LeftBehind => $": left behind: {o.Note}",
        _ => "",
    };
}
