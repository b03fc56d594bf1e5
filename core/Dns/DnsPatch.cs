using System.Collections.Immutable;

namespace MeshStack.Core.Dns;

/// <summary>
/// How the DNS ConfigMap patches are applied and destroyed. The patch is a server-side apply of one data key by the
/// field manager <c>meshstack</c>. Deleting such a patch would make the API server drop the key it owns, and a
/// <c>coredns</c> ConfigMap without <c>Corefile</c> stops cluster DNS. So the patch is retained on delete: destroy
/// leaves MeshStack's marked <c>global</c> block in place, which only affects <c>*.global</c> names.
/// <see cref="Restore"/> computes the original text without that block; running it on destroy (a before-delete hook
/// or a CLI step) is not wired yet.
/// </summary>
public static class DnsPatch
{
    /// <summary>The server-side apply field manager of every DNS patch.</summary>
    public const string FieldManager = "meshstack";

    /// <summary>Pulumi's annotation that names the field manager of a Patch resource.</summary>
    public const string FieldManagerAnnotation = "pulumi.com/patchFieldManager";

    /// <summary>Pulumi's annotation that takes over fields another manager owns (kubeadm or kubectl owns <c>Corefile</c>).</summary>
    public const string ForceAnnotation = "pulumi.com/patchForce";

    /// <summary>MeshStack's annotation telling the component what to do on delete.</summary>
    public const string OnDeleteAnnotation = "meshstack.io/on-delete";

    /// <summary>Its value: write back the live value without MeshStack's part, then leave the field in place (retainOnDelete).</summary>
    public const string RestoreAndRetain = "restore-and-retain";

    /// <summary>The annotations every DNS patch carries.</summary>
    public static ImmutableArray<KeyValuePair<string, string>> Annotations { get; } =
    [
        KeyValuePair.Create(FieldManagerAnnotation, FieldManager),
        KeyValuePair.Create(ForceAnnotation, "true"),
        KeyValuePair.Create(OnDeleteAnnotation, RestoreAndRetain),
    ];

    /// <summary>
    /// What destroy writes back into the data key <paramref name="dataKey"/> (<c>Corefile</c> or <c>stubDomains</c>),
    /// given its live value. A succeeded result with null text (only for <c>stubDomains</c>) means the key is dropped:
    /// kube-dns then has no stub domains. A failure means the live value is left exactly as it is.
    /// </summary>
    public static DataRestore Restore(string dataKey, string? live)
    {
        switch (dataKey)
        {
            case "Corefile" when live is null:
                return new DataRestore(false, null, "the ConfigMap has no Corefile; nothing to restore");
            case "Corefile":
                var corefile = CorefileMerger.RemoveGlobalBlock(live);
                return new DataRestore(corefile.Succeeded, corefile.Text, corefile.Error);
            case "stubDomains":
                var stubs = StubDomains.Remove(live);
                return new DataRestore(stubs.Succeeded, stubs.Text, stubs.Error);
            default:
                return new DataRestore(false, null, $"MeshStack does not patch the data key '{dataKey}'");
        }
    }
}

/// <summary>The value destroy writes back to a data key (null: drop the key), or why the live value stays as it is.</summary>
public sealed record DataRestore(bool Succeeded, string? Text, string? Error);
