namespace MeshStack.Core.Validation.Istio;

/// <summary>ServiceEntry (SE-01 to SE-35). A deploy-time resolution skips the resolution-specific rules.</summary>
internal static class ServiceEntryRules
{
    private const string UnixPrefix = "unix://";

    public static void Check(Findings f, Node spec, IstioObjectMeta meta)
    {
        var selector = spec["workloadSelector"];
        if (selector.IsMessage && !SelectorLabels(f, selector))
        {
            return;
        }

        var hosts = spec["hosts"].Items;
        var addresses = spec["addresses"].Items;
        var ports = spec["ports"].Items;
        var endpoints = spec["endpoints"];
        var resolutionNode = spec["resolution"];
        var resolution = resolutionNode.IsUnknown ? null : (resolutionNode.HasText ? resolutionNode.Text : "NONE");

        if (selector.IsMessage && endpoints.IsSet)
        {
            f.Error("SE-31", "spec.endpoints", "only one of WorkloadSelector or Endpoints is allowed in Service Entry");
        }

        if (hosts.IsEmpty)
        {
            f.Error("SE-01", "spec.hosts", "service entry must have at least one host");
        }

        for (var i = 0; i < hosts.Length; i++)
        {
            if (hosts[i].IsUnknown)
            {
                continue;
            }

            var host = hosts[i].Text;
            if (host == "*")
            {
                f.Error("SE-02", $"spec.hosts[{i}]", $"invalid host {host}");
                continue;
            }

            if (HostRules.WildcardDomain(host) is { } error)
            {
                f.Error("SE-03", $"spec.hosts[{i}]", error);
            }

            if (resolution != "DYNAMIC_DNS" && HostRules.PartialWildcard(host) is { } partial)
            {
                f.Warn("SE-04", $"spec.hosts[{i}]", partial);
            }
        }

        var cidrFound = false;
        for (var i = 0; i < addresses.Length; i++)
        {
            if (addresses[i].IsUnknown)
            {
                continue;
            }

            cidrFound |= addresses[i].Text.Contains('/', StringComparison.Ordinal);
            if (HostRules.IpSubnet(addresses[i].Text) is { } error)
            {
                f.Error("SE-07", $"spec.addresses[{i}]", error);
            }
        }

        if (cidrFound && resolution is not null && resolution is not ("NONE" or "STATIC"))
        {
            f.Error("SE-08", "spec.addresses", "CIDR addresses are allowed only for NONE/STATIC resolution types");
        }

        var autoAllocation = resolution != "NONE" && addresses.IsEmpty &&
                             !(meta.Labels.TryGetValue("networking.istio.io/enable-autoallocate-ip", out var optOut) &&
                               optOut.Equals("false", StringComparison.OrdinalIgnoreCase));
        var portNames = new HashSet<string>(StringComparer.Ordinal);
        var portNumbers = new HashSet<long>();
        for (var i = 0; i < ports.Length; i++)
        {
            var port = ports[i];
            var at = $"spec.ports[{i}]";
            var name = port["name"];
            var number = port["number"];
            var protocol = port["protocol"];
            if (!name.IsUnknown && !portNames.Add(name.Text))
            {
                f.Error("SE-11", $"{at}.name", $"service entry port name \"{name.Text}\" already defined");
            }

            if (!number.IsUnknown && !portNumbers.Add(number.Number))
            {
                f.Error("SE-12", $"{at}.number", $"service entry port {number.Number} already defined");
            }

            if (port["targetPort"] is { IsUnknown: false, Number: not 0 } target && HostRules.Port(target.Number) is { } targetError)
            {
                f.Error("SE-16", $"{at}.targetPort", targetError);
            }

            if (addresses.IsEmpty && !autoAllocation && !protocol.IsUnknown && protocol.Text is "" or "TCP")
            {
                f.Warn("SE-10", at, "addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled");
            }

            if (!name.IsUnknown && HostRules.PortName(name.Text) is { } nameError)
            {
                f.Error("SE-13", $"{at}.name", nameError);
            }

            if (!protocol.IsUnknown && protocol.HasText && Protocols.Parse(protocol.Text) is null)
            {
                f.Error("SE-14", $"{at}.protocol", $"unsupported protocol: {protocol.Text}");
            }

            if (!number.IsUnknown && HostRules.Port(number.Number) is { } numberError)
            {
                f.Error("SE-15", $"{at}.number", numberError);
            }
        }

        var declared = ports.Where(p => !p["name"].IsUnknown).Select(p => p["name"].Text).ToHashSet(StringComparer.Ordinal);
        var anyUnknownPortName = ports.Any(p => p["name"].IsUnknown);
        switch (resolution)
        {
            case null:
                break;
            case "NONE":
                if (endpoints.Count != 0)
                {
                    f.Error("SE-17", "spec.endpoints", "no endpoints should be provided for resolution type none");
                }

                if (selector.IsMessage)
                {
                    f.Warn("SE-18", "spec.workloadSelector", "workloadSelector should not be set when resolution mode is NONE");
                }

                break;
            case "STATIC":
                var staticEndpoints = endpoints.Items;
                for (var i = 0; i < staticEndpoints.Length; i++)
                {
                    StaticEndpoint(f, staticEndpoints[i], $"spec.endpoints[{i}]", declared, anyUnknownPortName, ports.Length);
                }

                break;
            case "DNS" or "DNS_ROUND_ROBIN":
                DnsResolution(f, resolution, hosts, endpoints.Items, addresses, ports, declared, anyUnknownPortName);
                break;
            case "DYNAMIC_DNS":
                DynamicDns(f, spec, hosts, addresses, endpoints, ports, meta);
                break;
            default:
                f.Error("SE-35", "spec.resolution", $"unsupported resolution type {resolution}");
                break;
        }

        if (resolution is not (null or "NONE") && hosts.Length > 1)
        {
            foreach (var port in ports)
            {
                var protocol = port["protocol"];
                if (!protocol.IsUnknown && !Protocols.IsHttp(protocol.Text) && !Protocols.IsTls(protocol.Text))
                {
                    f.Error("SE-06", "spec.ports", "multiple hosts provided with non-HTTP, non-TLS ports");
                    break;
                }
            }
        }

        ExportToRules.Check(f, "SE-32", "spec.exportTo", spec["exportTo"], meta.Namespace, isServiceEntry: true, isDestinationRuleWithSelector: false);
    }

    /// <summary>SE-29/SE-30; false when the selector is invalid (istiod then stops at once).</summary>
    private static bool SelectorLabels(Findings f, Node selector)
    {
        var valid = true;
        foreach (var (key, value) in selector["labels"].Entries)
        {
            if (key.Length == 0)
            {
                f.Error("SE-29", "spec.workloadSelector.labels", $"empty key is not supported in selector: \"{key}={value.Text}\"");
                valid = false;
            }

            if (key.Contains('*', StringComparison.Ordinal) || value.Text.Contains('*', StringComparison.Ordinal))
            {
                f.Error("SE-29", "spec.workloadSelector.labels", $"wildcard is not supported in selector: \"{key}={value.Text}\"");
                valid = false;
            }
        }

        if (valid && selector["labels"].Count == 0)
        {
            f.Warn("SE-30", "spec.workloadSelector", "service entry: workload selector specified without labels, will be applied to all services in namespace");
        }

        return valid;
    }

    private static void StaticEndpoint(Findings f, Node endpoint, string at, HashSet<string> declared, bool anyUnknownPortName, int portCount)
    {
        var address = endpoint["address"];
        if (address.IsUnknown)
        {
            EndpointPorts(f, "SE-22", endpoint, at, declared, anyUnknownPortName);
            LabelRules(f, "SE-23", endpoint["labels"], $"{at}.labels");
            return;
        }

        var text = address.Text;
        if (text.Length == 0)
        {
            if (!endpoint["network"].HasText)
            {
                f.Error("SE-19", $"{at}.address", "address is required");
                return;
            }

            f.Warn("SE-19", $"{at}.address", $"address is unset with network \"{endpoint["network"].Text}\"");
        }

        var unix = text.StartsWith(UnixPrefix, StringComparison.Ordinal);
        if (unix)
        {
            if (UnixAddress(text[UnixPrefix.Length..]) is { } unixError)
            {
                f.Error("SE-21", $"{at}.address", unixError);
            }

            if (endpoint["ports"].Count != 0)
            {
                f.Error("SE-21", $"{at}.ports", $"unix endpoint {text} must not include ports");
            }
        }
        else if (text.Length != 0 && !HostRules.IsIp(text))
        {
            f.Error("SE-20", $"{at}.address", $"endpoint address \"{text}\" is not a valid IP address");
        }

        EndpointPorts(f, "SE-22", endpoint, at, declared, anyUnknownPortName);
        LabelRules(f, "SE-23", endpoint["labels"], $"{at}.labels");
        if (unix && portCount != 1)
        {
            f.Error("SE-21", at, "exactly 1 service port required for unix endpoints");
        }
    }

    private static void DnsResolution(
        Findings f, string resolution, IReadOnlyList<Node> hosts, IReadOnlyList<Node> endpoints, IReadOnlyList<Node> addresses,
        IReadOnlyList<Node> ports, HashSet<string> declared, bool anyUnknownPortName)
    {
        if (endpoints.Count == 0)
        {
            foreach (var host in hosts.Where(h => !h.IsUnknown))
            {
                if (HostRules.Fqdn(host.Text) is { } error)
                {
                    f.Error("SE-05", "spec.hosts", $"hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode {resolution}, {error}");
                    break;
                }
            }
        }

        if (resolution == "DNS_ROUND_ROBIN" && endpoints.Count > 1)
        {
            f.Error("SE-25", "spec.endpoints", $"there must only be 0 or 1 endpoint for resolution mode {resolution}");
        }

        for (var i = 0; i < endpoints.Count; i++)
        {
            var at = $"spec.endpoints[{i}]";
            var address = endpoints[i]["address"];
            if (!address.IsUnknown && !HostRules.IsIp(address.Text) && HostRules.Fqdn(address.Text) is not null)
            {
                f.Error("SE-26", $"{at}.address", $"endpoint address \"{address.Text}\" is not a valid FQDN or an IP address");
            }

            LabelRules(f, "SE-26", endpoints[i]["labels"], $"{at}.labels");
            EndpointPorts(f, "SE-26", endpoints[i], at, declared, anyUnknownPortName);
        }

        if (addresses.Count > 0 && hosts.Count > 1 && ports.Any(p => Protocols.IsTcp(p["protocol"].Text)))
        {
            f.Warn("SE-09", "spec.hosts", "service entry can not have more than one host specified simultaneously with address and tcp port");
        }
    }

    private static void DynamicDns(Findings f, Node spec, IReadOnlyList<Node> hosts, IReadOnlyList<Node> addresses, Node endpoints, IReadOnlyList<Node> ports, IstioObjectMeta meta)
    {
        const string Mode = "DYNAMIC_DNS";
        if (hosts.Count == 0)
        {
            f.Error("SE-27", "spec.hosts", $"at least one wildcard host must be provided for resolution type {Mode}");
        }

        foreach (var host in hosts.Where(h => !h.IsUnknown && !h.Text.StartsWith('*')))
        {
            f.Error("SE-27", "spec.hosts", $"host must be wildcarded for resolution mode {Mode} (found \"{host.Text}\")");
        }

        if (addresses.Count != 0)
        {
            f.Error("SE-27", "spec.addresses", $"addresses cannot be set for resolution type {Mode}");
        }

        if (endpoints.Count != 0)
        {
            f.Error("SE-27", "spec.endpoints", $"endpoints cannot be set for resolution type {Mode}");
        }

        foreach (var port in ports.Where(p => !p["protocol"].IsUnknown))
        {
            if (Protocols.Parse(port["protocol"].Text) is not ("HTTP" or "TLS" or "GRPC" or "HTTP2"))
            {
                f.Error("SE-27", "spec.ports", $"only HTTP, TLS, GRPC, and HTTP2 protocols are supported for resolution type {Mode}");
            }
        }

        var usesWaypoint = meta.Labels.TryGetValue("istio.io/use-waypoint", out var waypoint) && waypoint.Length > 0 &&
                           !waypoint.Equals("none", StringComparison.OrdinalIgnoreCase);
        if (spec["location"].Text == "MESH_INTERNAL" && usesWaypoint)
        {
            f.Error("SE-28", "spec.location", $"location MESH_INTERNAL with resolution type {Mode} is not supported when using waypoints");
        }
    }

    private static void EndpointPorts(Findings f, string rule, Node endpoint, string at, HashSet<string> declared, bool anyUnknownPortName)
    {
        foreach (var (name, port) in endpoint["ports"].Entries)
        {
            if (!anyUnknownPortName && !declared.Contains(name))
            {
                f.Error(rule, $"{at}.ports.{name}", $"endpoint port {(port.IsUnknown ? name : port.Text)} is not defined by the service entry");
            }

            if (HostRules.PortName(name) is { } nameError)
            {
                f.Error(rule, $"{at}.ports.{name}", nameError);
            }

            if (!port.IsUnknown && HostRules.Port(port.Number) is { } portError)
            {
                f.Error(rule, $"{at}.ports.{name}", portError);
            }
        }
    }

    internal static void LabelRules(Findings f, string rule, Node labels, string path)
    {
        foreach (var error in HostRules.LabelMap(labels))
        {
            f.Error(rule, path, error);
        }
    }

    /// <summary>An absolute socket path not ending in '/', or an abstract name starting with '@'.</summary>
    internal static string? UnixAddress(string path)
    {
        if (path.Length == 0)
        {
            return "unix address must not be empty";
        }

        if (path.StartsWith('@'))
        {
            return null;
        }

        return !path.StartsWith('/') || path.EndsWith('/') ? $"{path} is not an absolute path to a file" : null;
    }
}
