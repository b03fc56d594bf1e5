namespace MeshStack.Core.Validation.Istio;

/// <summary>
/// A DestinationRule traffic policy (DR-05 to DR-13, DR-16): presence, tunnel/proxyProtocol, outlier detection,
/// connection pool, load balancer (locality settings included), client TLS and port-level settings.
/// </summary>
internal static class TrafficPolicyRules
{
    public static void Check(Findings f, Node policy, string at, string ns)
    {
        if (!policy.IsMessage)
        {
            return;
        }

        string[] fields = ["outlierDetection", "connectionPool", "loadBalancer", "tls", "portLevelSettings", "tunnel", "proxyProtocol", "retryBudget"];
        if (!fields.Any(k => policy[k].IsSet && (k != "portLevelSettings" || policy[k].Count > 0)))
        {
            f.Error("DR-05", at, "traffic policy must have at least one field");
            return;
        }

        if (policy["tunnel"].IsMessage && policy["proxyProtocol"].IsMessage)
        {
            f.Error("DR-06", at, "tunnel and proxyProtocol must not be set together");
            return;
        }

        OutlierDetection(f, policy["outlierDetection"], $"{at}.outlierDetection");
        ConnectionPool(f, policy["connectionPool"], $"{at}.connectionPool");
        LoadBalancer(f, policy["loadBalancer"], policy["outlierDetection"], $"{at}.loadBalancer");
        ClientTls(f, policy["tls"], $"{at}.tls", ns);
        var ports = policy["portLevelSettings"].Items;
        for (var i = 0; i < ports.Length; i++)
        {
            PortPolicy(f, ports[i], $"{at}.portLevelSettings[{i}]", ns);
        }

        Tunnel(f, policy["tunnel"], $"{at}.tunnel");
        var version = policy["proxyProtocol"]["version"];
        if (policy["proxyProtocol"].IsMessage && !version.IsUnknown && version.Text is not ("" or "V1" or "V2" or "0" or "1"))
        {
            f.Error("DR-05", $"{at}.proxyProtocol.version", $"proxy protocol version is invalid: {version.Text}");
        }
    }

    private static void PortPolicy(Findings f, Node port, string at, string ns)
    {
        if (!port["port"].IsMessage)
        {
            f.Error("DR-08", $"{at}.port", "portTrafficPolicy must have valid port");
        }

        if (!port["outlierDetection"].IsSet && !port["connectionPool"].IsSet && !port["loadBalancer"].IsSet && !port["tls"].IsSet)
        {
            f.Error("DR-08", at, "port traffic policy must have at least one field");
            return;
        }

        OutlierDetection(f, port["outlierDetection"], $"{at}.outlierDetection");
        ConnectionPool(f, port["connectionPool"], $"{at}.connectionPool");
        LoadBalancer(f, port["loadBalancer"], port["outlierDetection"], $"{at}.loadBalancer");
        ClientTls(f, port["tls"], $"{at}.tls", ns);
    }

    private static void OutlierDetection(Findings f, Node outlier, string at)
    {
        if (!outlier.IsMessage)
        {
            return;
        }

        Durations.Check(f, "DR-05", outlier["baseEjectionTime"], $"{at}.baseEjectionTime");
        if (outlier["consecutiveErrors"].Number != 0)
        {
            f.Warn("DR-05", $"{at}.consecutiveErrors", "outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead");
        }

        if (!outlier["splitExternalLocalOriginErrors"].Flag && outlier["consecutiveLocalOriginFailures"].Number > 0)
        {
            f.Error("DR-05", $"{at}.consecutiveLocalOriginFailures",
                "outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false");
        }

        Durations.Check(f, "DR-05", outlier["interval"], $"{at}.interval");
        foreach (var key in new[] { "maxEjectionPercent", "minHealthPercent" })
        {
            var value = outlier[key].Number;
            if (value is < 0 or > 100)
            {
                f.Error("DR-05", $"{at}.{key}", $"percentage {value} is not in range 0..100");
            }
        }
    }

    private static void ConnectionPool(Findings f, Node pool, string at)
    {
        if (!pool.IsMessage)
        {
            return;
        }

        var http = pool["http"];
        var tcp = pool["tcp"];
        if (!http.IsMessage && !tcp.IsMessage)
        {
            f.Error("DR-07", at, "connection pool must have at least one field");
            return;
        }

        foreach (var key in new[] { "http1MaxPendingRequests", "http2MaxRequests", "maxRequestsPerConnection", "maxRetries", "maxConcurrentStreams" })
        {
            if (http[key].Number < 0)
            {
                f.Error("DR-07", $"{at}.http.{key}", $"{key} must be non-negative");
            }
        }

        Durations.Check(f, "DR-07", http["idleTimeout"], $"{at}.http.idleTimeout");
        if (http["h2UpgradePolicy"].Text == "UPGRADE" && http["useClientProtocol"].Flag)
        {
            f.Error("DR-07", $"{at}.http", "use client protocol must not be true when H2UpgradePolicy is UPGRADE");
        }

        if (tcp["maxConnections"].Number < 0)
        {
            f.Error("DR-07", $"{at}.tcp.maxConnections", "max connections must be non-negative");
        }

        Durations.Check(f, "DR-07", tcp["connectTimeout"], $"{at}.tcp.connectTimeout");
        Durations.Check(f, "DR-07", tcp["maxConnectionDuration"], $"{at}.tcp.maxConnectionDuration");
        if (tcp["idleTimeout"].IsSet && Durations.Parse(tcp["idleTimeout"].Text) is not 0)
        {
            Durations.Check(f, "DR-07", tcp["idleTimeout"], $"{at}.tcp.idleTimeout");
        }

        Durations.Check(f, "DR-07", tcp["tcpKeepalive"]["time"], $"{at}.tcp.tcpKeepalive.time");
        Durations.Check(f, "DR-07", tcp["tcpKeepalive"]["interval"], $"{at}.tcp.tcpKeepalive.interval");
    }

    private static void LoadBalancer(Findings f, Node lb, Node outlier, string at)
    {
        if (!lb.IsMessage)
        {
            return;
        }

        var hash = lb["consistentHash"];
        var cookie = hash["httpCookie"];
        if (cookie.IsMessage && !cookie["name"].HasText && !cookie["name"].IsUnknown)
        {
            f.Error("DR-05", $"{at}.consistentHash.httpCookie.name", "name required for HttpCookie");
        }

        if (hash["minimumRingSize"].Number != 0)
        {
            f.Warn("DR-05", $"{at}.consistentHash.minimumRingSize", "consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead");
            if (hash["maglev"].IsMessage || hash["ringHash"].IsMessage)
            {
                f.Error("DR-05", $"{at}.consistentHash", "only one of MinimumRingSize or Maglev/Ringhash can be specified");
            }
        }

        if (hash["maglev"].IsMessage)
        {
            var size = hash["maglev"]["tableSize"].Number;
            if (size == 0 || size >= 5000011 || !IsPrime(size))
            {
                f.Error("DR-05", $"{at}.consistentHash.maglev.tableSize", "tableSize must be set to a prime number less than 5000011 for maglev");
            }
        }

        LocalityRules.Check(f, lb["localityLbSetting"], outlier, $"{at}.localityLbSetting");
        var warmup = lb["warmup"];
        if (warmup.IsMessage)
        {
            if (!warmup["duration"].IsSet)
            {
                f.Error("DR-05", $"{at}.warmup.duration", "duration is required");
            }

            Durations.Check(f, "DR-05", warmup["duration"], $"{at}.warmup.duration");
        }
    }

    /// <summary>DR-09 to DR-13.</summary>
    private static void ClientTls(Findings f, Node tls, string at, string ns)
    {
        if (!tls.IsMessage)
        {
            return;
        }

        var mode = tls["mode"].Text;
        var credentialName = tls["credentialName"].Text;
        const string ConfigMapPrefix = "configmap://";
        if (credentialName.StartsWith(ConfigMapPrefix, StringComparison.Ordinal))
        {
            var rest = credentialName[ConfigMapPrefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var credentialNs = slash < 0 ? ns : rest[..slash];
            if (credentialNs != ns || ns.Length == 0)
            {
                f.Error("DR-12", $"{at}.credentialName", $"invalid configmap:// credentialName: namespace must match the configuration namespace \"{ns}\"");
            }
        }

        var caCertificates = tls["caCertificates"].HasText;
        var subjectAltNames = tls["subjectAltNames"].IsSet;
        if (tls["insecureSkipVerify"].Flag)
        {
            if (mode == "SIMPLE" && (caCertificates || credentialName.Length > 0 || subjectAltNames))
            {
                f.Error("DR-09", at, "cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true");
            }

            if (mode == "MUTUAL" && (caCertificates || subjectAltNames))
            {
                f.Error("DR-09", at, "cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true");
            }
        }

        if (mode is "SIMPLE" or "MUTUAL" && (credentialName.Length > 0 || tls["credentialName"].IsUnknown))
        {
            if (tls["clientCertificate"].HasText || caCertificates || tls["privateKey"].HasText || tls["caCrl"].HasText)
            {
                f.Error("DR-10", at, "cannot specify client certificates or CA certificate or CA CRL If credentialName is set");
            }

            return;
        }

        if (mode == "MUTUAL")
        {
            if (!tls["clientCertificate"].HasText && !tls["clientCertificate"].IsUnknown)
            {
                f.Error("DR-11", $"{at}.clientCertificate", "client certificate required for mutual tls");
            }

            if (!tls["privateKey"].HasText && !tls["privateKey"].IsUnknown)
            {
                f.Error("DR-11", $"{at}.privateKey", "private key required for mutual tls");
            }
        }
    }

    private static void Tunnel(Findings f, Node tunnel, string at)
    {
        if (!tunnel.IsMessage)
        {
            return;
        }

        if (tunnel["protocol"].Text is not ("" or "CONNECT" or "POST"))
        {
            f.Error("DR-05", $"{at}.protocol", "tunnel protocol must be \"CONNECT\" or \"POST\"");
        }

        var target = tunnel["targetHost"];
        if (!target.IsUnknown && HostRules.Fqdn(target.Text) is not null && !HostRules.IsIp(target.Text))
        {
            f.Error("DR-05", $"{at}.targetHost", "tunnel target host must be valid FQDN or IP address");
        }

        if (!tunnel["targetPort"].IsUnknown && HostRules.Port(tunnel["targetPort"].Number) is { } portError)
        {
            f.Error("DR-05", $"{at}.targetPort", $"tunnel target port is invalid: {portError}");
        }
    }

    private static bool IsPrime(long x)
    {
        if (x is > 0 and < 4)
        {
            return true;
        }

        if (x <= 0 || x % 2 == 0)
        {
            return false;
        }

        for (long factor = 3; factor * factor <= x; factor += 2)
        {
            if (x % factor == 0)
            {
                return false;
            }
        }

        return true;
    }
}
