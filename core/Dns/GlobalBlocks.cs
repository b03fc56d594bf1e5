using System.Text;
using MeshStack.Core.Model;

namespace MeshStack.Core.Dns;

/// <summary>
/// The <c>global:53</c> server block MeshStack adds to a cluster's Corefile, per DNS mode and CoreDNS version,
/// using only plugins that version has (as the Istio guide's "Setup DNS" step does, plus a marker comment).
/// </summary>
public static class GlobalBlocks
{
    /// <summary>The comment that marks the block as MeshStack's: merges replace it, destroy removes it.</summary>
    public const string Marker = "# managed by meshstack: replaced on update, removed on destroy";

    /// <summary>
    /// Stands for the istiocoredns ClusterIP inside a block until deploy time (upper case like the
    /// placeholders of the upstream coredns.yaml.sed, and a plain word so the block still parses).
    /// </summary>
    public const string IstioCoreDnsToken = "ISTIOCOREDNS_CLUSTER_IP";

    /// <summary>The first release whose default build has <c>forward</c> as the guide's choice (the guide uses <c>proxy</c> before it).</summary>
    public static readonly CoreDnsVersion ForwardFrom = new(1, 4, 0);

    /// <summary>The first release with the <c>ready</c> plugin.</summary>
    public static readonly CoreDnsVersion ReadyFrom = new(1, 5, 0);

    /// <summary>
    /// The stub block for the legacy profile: <c>global</c> forwarded to istiocoredns with <c>proxy</c> before 1.4 and
    /// <c>forward</c> from 1.4, plus <c>ready</c> from 1.5. The ClusterIP is <see cref="IstioCoreDnsToken"/>.
    /// </summary>
    public static string Stub(CoreDnsVersion version)
    {
        var upstream = version < ForwardFrom ? "proxy" : "forward";
        var lines = new List<string> { "errors", "cache 30" };
        if (version >= ReadyFrom)
        {
            lines.Add("ready");
        }

        lines.Add($"{upstream} . {IstioCoreDnsToken}");
        return Block(lines);
    }

    /// <summary>
    /// The zone block for the <c>hosts</c> mode: every service's <c>VIP NAME.NS.global</c> inline, sorted by name.
    /// No <c>fallthrough</c>: MeshStack owns the whole <c>global</c> zone, so a name it did not plan is NXDOMAIN.
    /// An unknown version is treated as the oldest known one (no <c>ready</c>).
    /// </summary>
    public static string Hosts(CoreDnsVersion? version, IEnumerable<(string Host, string Address)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var lines = new List<string> { "errors" };
        if ((version ?? CoreDnsPlugins.Oldest) >= ReadyFrom)
        {
            lines.Add("ready");
        }

        lines.Add("hosts {");
        lines.AddRange(entries.OrderBy(e => e.Host, StringComparer.Ordinal).Select(e => $"    {e.Address} {e.Host}"));
        lines.Add("}");
        return Block(lines);
    }

    /// <summary>The plugins a block text uses, for checks against <see cref="CoreDnsPlugins"/>.</summary>
    public static IEnumerable<string> Plugins(string block) =>
        Corefile.Parse(block).Corefile?.Blocks.SelectMany(b => b.DirectiveNames) ?? [];

    private static string Block(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        text.Append("global:53 {\n");
        text.Append("    ").Append(Marker).Append('\n');
        foreach (var line in lines)
        {
            text.Append("    ").Append(line).Append('\n');
        }

        text.Append('}');
        return text.ToString();
    }
}
