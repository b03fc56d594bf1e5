using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Dns;

/// <summary>Reads a cluster's <c>dns</c> setting and checks it against the profile and the CoreDNS version.</summary>
internal static class DnsModes
{
    /// <summary>The words users write, for docs and did-you-mean.</summary>
    public static readonly string[] Words = ["proxy", "hosts", "kube-dns", "coredns-<version>"];

    /// <summary>Reads <c>dns</c> (and <c>coreDnsVersion</c>) of the cluster at <paramref name="clusterPath"/>.</summary>
    public static DnsSpec Read(NodeReader r, ConfigNode? dnsNode, ConfigNode? versionNode, string clusterPath, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(r);
        var path = ConfigPath.Child(clusterPath, "dns");
        var versionPath = ConfigPath.Child(clusterPath, "coreDnsVersion");
        var text = r.String(dnsNode, path);
        var versionText = r.String(versionNode, versionPath);
        CoreDnsVersion? version = null;
        if (versionText is not null)
        {
            if (CoreDnsVersion.TryParse(versionText, out var v))
            {
                version = v;
            }
            else
            {
                r.Report(DiagnosticBuilder.UnknownCoreDnsVersion(versionPath, versionText, versionNode!.Position));
            }
        }

        var fallback = profile == Profile.LegacyGateways ? new DnsSpec(DnsMode.CoreDns, CoreDnsPlugins.LegacyDefault) : new DnsSpec(DnsMode.Proxy, version);
        if (text is null)
        {
            return fallback with { CoreDnsVersion = version ?? fallback.CoreDnsVersion };
        }

        DnsSpec spec;
        if (text.StartsWith("coredns-", StringComparison.Ordinal) || text == "coredns")
        {
            var suffix = text.Length > "coredns-".Length ? text["coredns-".Length..] : null;
            if (suffix is not null)
            {
                if (!CoreDnsVersion.TryParse(suffix, out var v))
                {
                    r.Report(DiagnosticBuilder.UnknownCoreDnsVersion(path, text, suffix, dnsNode!.Position));
                    return fallback;
                }

                version = v;
            }

            if (version is null)
            {
                r.Report(DiagnosticBuilder.UnknownCoreDnsVersion(path, dnsNode!.Position));
                return fallback;
            }

            spec = new DnsSpec(DnsMode.CoreDns, version);
        }
        else
        {
            DnsMode? mode = text switch
            {
                "proxy" => DnsMode.Proxy,
                "hosts" => DnsMode.Hosts,
                "kube-dns" => DnsMode.KubeDns,
                _ => null,
            };
            if (mode is null)
            {
                r.Report(DiagnosticBuilder.InvalidValue(path, text, Words, dnsNode!.Position));
                return fallback;
            }

            spec = new DnsSpec(mode.Value, version);
        }

        Check(r, spec, path, profile, dnsNode!.Position);
        return spec;
    }

    private static void Check(NodeReader r, DnsSpec spec, string path, Profile profile, SourcePosition? position)
    {
        if (spec.CoreDnsVersion is { } v && !CoreDnsPlugins.IsKnown(v))
        {
            r.Report(DiagnosticBuilder.UnknownCoreDnsVersion(path, v, position));
            return;
        }

        switch (spec.Mode)
        {
            case DnsMode.KubeDns or DnsMode.CoreDns when profile == Profile.MultiPrimary:
                r.Report(DiagnosticBuilder.UnsupportedDnsMode(path, Profile.MultiPrimary, position));
                break;
            case DnsMode.Proxy when profile == Profile.LegacyGateways:
                r.Report(DiagnosticBuilder.UnsupportedDnsMode(path, Profile.LegacyGateways, position));
                break;
            default:
                break;
        }
    }
}
