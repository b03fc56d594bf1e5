namespace MeshStack.Core.Validation.Istio;

/// <summary>VirtualService (VS-01 to VS-21); the unreachable-rule analysis (VS-19) is in <see cref="UnreachableRules"/>.</summary>
internal static class VirtualServiceRules
{
    private const string MeshGateway = "mesh";

    public static void Check(Findings f, Node spec, IstioObjectMeta meta)
    {
        var hosts = spec["hosts"].Items;
        var gateways = spec["gateways"].Items;
        var http = spec["http"].Items;
        var tls = spec["tls"].Items;
        var tcp = spec["tcp"].Items;
        if (hosts.IsEmpty)
        {
            if (!gateways.IsEmpty)
            {
                f.Error("VS-01", "spec.gateways", "delegate virtual service must have no gateways specified");
            }

            if (!tls.IsEmpty)
            {
                f.Error("VS-01", "spec.tls", "delegate virtual service must have no tls route specified");
            }

            if (!tcp.IsEmpty)
            {
                f.Error("VS-01", "spec.tcp", "delegate virtual service must have no tcp route specified");
            }
        }

        var appliesToGateway = false;
        if (!gateways.IsEmpty)
        {
            GatewayNames(f, spec["gateways"], "spec.gateways");
            appliesToGateway = !gateways.Any(g => g.Text == MeshGateway);
        }

        var appliesToMesh = !appliesToGateway;
        if (!appliesToGateway)
        {
            for (var i = 0; i < http.Length; i++)
            {
                foreach (var match in http[i]["match"].Items)
                {
                    foreach (var (key, _) in match["headers"].Entries.Concat(match["withoutHeaders"].Entries).Where(e => HeaderRules.IsJwtClaim(e.Key)))
                    {
                        f.Error("VS-08", $"spec.http[{i}].match", $"JWT claim based routing (key: {key}) is only supported for gateway, found no gateways");
                    }
                }
            }
        }

        var sni = tls.Any(t => t["match"].Items.Any(m => m["sniHosts"].Count > 0));
        var allHostsValid = true;
        for (var i = 0; i < hosts.Length; i++)
        {
            if (hosts[i].IsUnknown)
            {
                allHostsValid = false;
                continue;
            }

            var host = hosts[i].Text;
            var error = appliesToGateway ? GatewayBoundDomain(sni, host) : HostRules.WildcardDomain(host);
            if (error is not null)
            {
                if (!HostRules.IsIp(host))
                {
                    f.Error("VS-03", $"spec.hosts[{i}]", error);
                    allHostsValid = false;
                }
            }
            else if (appliesToMesh && host == "*")
            {
                f.Error("VS-04", $"spec.hosts[{i}]", "wildcard host * is not allowed for virtual services bound to the mesh gateway");
                allHostsValid = false;
            }
        }

        if (allHostsValid)
        {
            for (var i = 0; i < hosts.Length; i++)
            {
                for (var j = i + 1; j < hosts.Length; j++)
                {
                    if (HostRules.Overlaps(hosts[i].Text, hosts[j].Text))
                    {
                        f.Error("VS-05", "spec.hosts", $"duplicate hosts in virtual service: {hosts[i].Text} & {hosts[j].Text}");
                    }
                }
            }
        }

        if (http.IsEmpty && tcp.IsEmpty && tls.IsEmpty)
        {
            f.Error("VS-02", "spec", "http, tcp or tls must be provided in virtual service");
        }

        for (var i = 0; i < http.Length; i++)
        {
            HttpRouteRules.Check(f, http[i], $"spec.http[{i}]", delegateService: hosts.IsEmpty);
        }

        for (var i = 0; i < tls.Length; i++)
        {
            TlsRoute(f, tls[i], $"spec.tls[{i}]", hosts, appliesToGateway);
        }

        for (var i = 0; i < tcp.Length; i++)
        {
            TcpRoute(f, tcp[i], $"spec.tcp[{i}]");
        }

        ExportToRules.Check(f, "VS-21", "spec.exportTo", spec["exportTo"], meta.Namespace, isServiceEntry: false, isDestinationRuleWithSelector: false);
        UnreachableRules.Check(f, http, "spec.http", isHttp: true);
        UnreachableRules.Check(f, tcp, "spec.tcp", isHttp: false);
        UnreachableRules.Check(f, tls, "spec.tls", isHttp: false);
    }

    /// <summary>VS-06/VS-07: <c>ns/name</c> with DNS-1123 labels, or one FQDN-style name (dotted names warn).</summary>
    public static void GatewayNames(Findings f, Node gateways, string at)
    {
        var items = gateways.Items;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].IsUnknown)
            {
                continue;
            }

            var name = items[i].Text;
            var here = $"{at}[{i}]";
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                if (name.Contains('.', StringComparison.Ordinal))
                {
                    var parts = name.Split('.');
                    f.Warn("VS-07", here, $"using legacy gatewayName format \"{name}\"; prefer the <namespace>/<name> format: \"{parts[1]}/{parts[0]}\"");
                }

                if (HostRules.Fqdn(name) is { } error)
                {
                    f.Error("VS-06", here, error);
                }

                // istiod stops at the first name without a namespace.
                return;
            }

            var ns = name[..slash];
            var gateway = name[(slash + 1)..];
            if (ns.Length == 0 || gateway.Length == 0)
            {
                f.Error("VS-06", here, "config namespace and gateway name cannot be empty");
            }

            if (!HostRules.IsDns1123Label(ns))
            {
                f.Error("VS-06", here, $"invalid value for namespace: \"{ns}\"");
            }

            if (!HostRules.IsDns1123Label(gateway))
            {
                f.Error("VS-06", here, $"invalid value for gateway name: \"{gateway}\"");
            }
        }
    }

    /// <summary>VS-03 for gateway-bound objects: also accepts <c>outbound_.PORT_._.HOST</c> SNI names.</summary>
    private static string? GatewayBoundDomain(bool sni, string domain)
    {
        if (HostRules.Preconditions(domain) is { } pre)
        {
            return pre;
        }

        if (sni && domain.StartsWith("outbound_", StringComparison.Ordinal))
        {
            var parts = domain.Split('_');
            if (parts.Length < 4)
            {
                return $"domain name {domain} invalid, should follow 'outbound_.<PORT>_._.<HOSTNAME>' format";
            }

            var port = parts[1].Trim('.');
            var hostname = parts[3].Trim('.');
            if (parts[0] != "outbound")
            {
                return $"domain name \"{domain}\" invalid (label \"{parts[0]}\" invalid)";
            }

            if (!port.Any(char.IsAsciiDigit))
            {
                return $"domain name \"{domain}\" invalid (label \"{port}\" invalid)";
            }

            return hostname.Any(char.IsAsciiLetter) ? null : $"domain name \"{domain}\" invalid (label \"{hostname}\" invalid)";
        }

        return HostRules.WildcardDomain(domain);
    }

    /// <summary>VS-18: tls routes need matches with SNI hosts covered by the VirtualService hosts, and a route.</summary>
    private static void TlsRoute(Findings f, Node route, string at, IReadOnlyList<Node> hosts, bool appliesToGateway)
    {
        var matches = route["match"].Items;
        if (matches.IsEmpty)
        {
            f.Error("VS-18", $"{at}.match", "TLS route must have at least one match condition");
        }

        for (var i = 0; i < matches.Length; i++)
        {
            var here = $"{at}.match[{i}]";
            var sniHosts = matches[i]["sniHosts"].Items;
            if (sniHosts.IsEmpty)
            {
                f.Error("VS-18", $"{here}.sniHosts", "TLS match must have at least one SNI host");
            }

            foreach (var sniHost in sniHosts.Where(s => !s.IsUnknown))
            {
                SniHost(f, sniHost.Text, $"{here}.sniHosts", hosts, appliesToGateway);
            }

            L4Match(f, matches[i], here);
        }

        if (route["route"].Count == 0)
        {
            f.Error("VS-18", $"{at}.route", "TLS route is required");
        }

        RouteDestinationRules.Check(f, route["route"], $"{at}.route", http: false);
    }

    private static void SniHost(Findings f, string sniHost, string at, IReadOnlyList<Node> hosts, bool appliesToGateway)
    {
        var error = appliesToGateway ? GatewayBoundDomain(true, sniHost) : HostRules.WildcardDomain(sniHost);
        if (error is not null)
        {
            if (HostRules.IsIp(sniHost))
            {
                f.Warn("VS-18", at, $"using an IP address (\"{sniHost}\") goes against SNI spec and most clients do not support this");
            }
            else
            {
                f.Error("VS-18", at, error);
            }

            return;
        }

        if (!hosts.Any(h => h.IsUnknown || HostRules.SubsetOf(sniHost, h.Text)))
        {
            f.Error("VS-18", at, $"SNI host \"{sniHost}\" is not a compatible subset of any of the virtual service hosts: [{string.Join(", ", hosts.Select(h => h.Text))}]");
        }
    }

    private static void TcpRoute(Findings f, Node route, string at)
    {
        var matches = route["match"].Items;
        for (var i = 0; i < matches.Length; i++)
        {
            L4Match(f, matches[i], $"{at}.match[{i}]");
        }

        if (route["route"].Count == 0)
        {
            f.Error("VS-18", $"{at}.route", "TCP route is required");
        }

        RouteDestinationRules.Check(f, route["route"], $"{at}.route", http: false);
    }

    private static void L4Match(Findings f, Node match, string at)
    {
        foreach (var subnet in match["destinationSubnets"].Items.Where(s => !s.IsUnknown))
        {
            if (HostRules.IpSubnet(subnet.Text) is { } error)
            {
                f.Error("VS-18", $"{at}.destinationSubnets", error);
            }
        }

        if (match["port"].Number != 0 && HostRules.Port(match["port"].Number) is { } portError)
        {
            f.Error("VS-18", $"{at}.port", portError);
        }

        foreach (var error in HostRules.LabelMap(match["sourceLabels"]))
        {
            f.Error("VS-18", $"{at}.sourceLabels", error);
        }

        GatewayNames(f, match["gateways"], $"{at}.gateways");
    }
}
