namespace MeshStack.Core.Validation.Istio;

/// <summary>Gateway: name, servers, hosts, ports and bind (GW-01 to GW-12).</summary>
internal static class GatewayRules
{
    private const string UnixPrefix = "unix://";
    private const string GatewaySemanticsAnnotation = "internal.istio.io/gateway-semantics";

    public static void Check(Findings f, Node spec, IstioObjectMeta meta)
    {
        var gatewaySemantics = meta.Annotations.TryGetValue(GatewaySemanticsAnnotation, out var semantics) && semantics == "gateway";
        if (!HostRules.IsDns1123Label(meta.Name) && !gatewaySemantics)
        {
            f.Error("GW-01", "metadata.name", $"invalid gateway name: \"{meta.Name}\"");
        }

        var servers = spec["servers"].Items;
        if (servers.IsEmpty)
        {
            f.Error("GW-02", "spec.servers", "gateway must have at least one server");
        }

        for (var i = 0; i < servers.Length; i++)
        {
            Server(f, servers[i], $"spec.servers[{i}]", gatewaySemantics);
        }

        var portNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < servers.Length; i++)
        {
            var port = servers[i]["port"];
            if (!port.IsMessage)
            {
                continue;
            }

            if (!port["name"].IsUnknown && !portNames.Add(port["name"].Text))
            {
                f.Error("GW-03", $"spec.servers[{i}].port.name", $"port names in servers must be unique: duplicate name {port["name"].Text}");
            }

            if (!Protocols.IsHttp(port["protocol"].Text) && servers[i]["tls"]["httpsRedirect"].Flag)
            {
                f.Warn("GW-04", $"spec.servers[{i}].tls.httpsRedirect", "tls.httpsRedirect should only be used with http servers");
            }
        }
    }

    /// <summary>One server (GW-05 to GW-12), as istiod's validateServer.</summary>
    public static void Server(Findings f, Node server, string at, bool gatewaySemantics)
    {
        var hosts = server["hosts"].Items;
        if (hosts.IsEmpty)
        {
            f.Error("GW-05", $"{at}.hosts", "server config must contain at least one host");
        }

        for (var i = 0; i < hosts.Length; i++)
        {
            if (!hosts[i].IsUnknown)
            {
                ServerHost(f, hosts[i].Text, $"{at}.hosts[{i}]", gatewaySemantics);
            }
        }

        var before = f.ErrorCount;
        ServerPort(f, server, at);
        var portValid = f.ErrorCount == before;
        ServerBind(f, server, at);
        var tls = server["tls"];
        ServerTlsRules.Check(f, tls, $"{at}.tls");

        if (!portValid)
        {
            return;
        }

        var protocol = server["port"]["protocol"].Text;
        if (Protocols.IsTls(protocol) && !tls.IsMessage)
        {
            f.Error("GW-11", $"{at}.tls", "server must have TLS settings for HTTPS/TLS protocols");
        }
        else if (!Protocols.IsTls(protocol) && tls.IsMessage)
        {
            if (Protocols.IsHttp(protocol))
            {
                var mode = tls["mode"].HasText ? tls["mode"].Text : "PASSTHROUGH";
                var passThrough = mode is "PASSTHROUGH" or "AUTO_PASSTHROUGH";
                if (!passThrough || tls["caCertificates"].HasText || tls["privateKey"].HasText || tls["serverCertificate"].HasText)
                {
                    f.Error("GW-12", $"{at}.tls", "server cannot have TLS settings for plain text HTTP ports");
                }
            }
            else
            {
                f.Error("GW-12", $"{at}.tls", "server cannot have TLS settings for non HTTPS/TLS ports");
            }
        }
    }

    /// <summary>GW-08/GW-09: the port of a server, read with its bind.</summary>
    public static void ServerPort(Findings f, Node server, string at)
    {
        var port = server["port"];
        if (!port.IsMessage)
        {
            f.Error("GW-08", $"{at}.port", "port is required");
            return;
        }

        var protocol = port["protocol"];
        if (!protocol.IsUnknown && Protocols.Parse(protocol.Text) is null)
        {
            f.Error("GW-08", $"{at}.port.protocol",
                $"invalid protocol \"{protocol.Text}\", supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP");
        }

        var number = port["number"];
        if (!number.IsUnknown && (number.Number > 0 || !server["bind"].Text.StartsWith(UnixPrefix, StringComparison.Ordinal)) &&
            HostRules.Port(number.Number) is { } error)
        {
            f.Error("GW-08", $"{at}.port.number", error);
        }

        if (port["targetPort"].Number > 0)
        {
            f.Error("GW-09", $"{at}.port.targetPort", "targetPort has no impact on Gateways");
        }

        if (!port["name"].IsUnknown && !port["name"].HasText)
        {
            f.Error("GW-08", $"{at}.port.name", "port name must be set");
        }
    }

    private static void ServerBind(Findings f, Node server, string at)
    {
        var bind = server["bind"];
        if (bind.IsUnknown)
        {
            return;
        }

        if (bind.Text.StartsWith(UnixPrefix, StringComparison.Ordinal))
        {
            if (ServiceEntryRules.UnixAddress(bind.Text[UnixPrefix.Length..]) is { } error)
            {
                f.Error("GW-10", $"{at}.bind", error);
            }

            if (server["port"].IsMessage && server["port"]["number"].Number != 0)
            {
                f.Error("GW-10", $"{at}.bind", $"port number must be 0 for unix domain socket: {server["port"]["number"].Number}");
            }
        }
        else if (bind.HasText && HostRules.IpAddress(bind.Text) is { } error)
        {
            f.Error("GW-10", $"{at}.bind", error);
        }
    }

    /// <summary>GW-06/GW-07: <c>ns/dnsName</c> or a bare dnsName; no short names, no partial wildcards; IPs allowed.</summary>
    private static void ServerHost(Findings f, string host, string at, bool gatewaySemantics)
    {
        var slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            HostnamePart(f, host, at);
            return;
        }

        var ns = host[..slash];
        var name = host[(slash + 1)..];
        if (ns.Length == 0 || name.Length == 0)
        {
            f.Error("GW-06", at, "config namespace and dnsName in host entry cannot be empty");
        }

        if (ns != "*" && ns != "." && (ns != "~" || !gatewaySemantics) && !HostRules.IsDns1123Label(ns))
        {
            f.Error("GW-06", at, $"invalid namespace value \"{ns}\" in gateway");
        }

        HostnamePart(f, name, at);
    }

    private static void HostnamePart(Findings f, string host, string at)
    {
        if (host != "*" && !host.Contains('.', StringComparison.Ordinal))
        {
            f.Error("GW-07", at, "short names (non FQDN) are not allowed");
        }

        if (HostRules.WildcardDomain(host) is { } error && !HostRules.IsIp(host))
        {
            f.Error("GW-07", at, error);
        }

        if (HostRules.PartialWildcard(host) is { } partial)
        {
            f.Error("GW-07", at, partial);
        }
    }
}
