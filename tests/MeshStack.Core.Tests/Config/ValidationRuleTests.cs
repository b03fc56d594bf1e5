using MeshStack.Core.Tests.Support;

namespace MeshStack.Core.Tests.Config;

/// <summary>One row per validation rule: a stack broken in one place must give exactly that code at that path.</summary>
public class ValidationRuleTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        // name, stack text, expected code, expected path
        { "unknown top-level key", Stacks.TwoClusters(extra: "  meshstack:adressPool: 240.0.0.0/16"), "MSH002", "meshstack:adressPool" },
        { "unknown cluster key", Stacks.TwoClusters(clusterExtra: "      contxt: kind-x"), "MSH002", "meshstack:clusters[0].contxt" },
        { "wrong type for clusters", "config:\n  meshstack:clusters: cluster1\n", "MSH003", "meshstack:clusters" },
        { "wrong type for a port number", Stacks.TwoClusters(services: Svc(ports: "[{ name: http, number: eighty }]")), "MSH003", "meshstack:services[0].ports[0].number" },
        { "missing clusters", "config:\n  meshstack:meshId: m\n", "MSH016", "meshstack:clusters" },
        { "duplicate key", Stacks.TwoClusters(extra: "  meshstack:meshId: again"), "MSH005", "meshstack:meshId" },
        { "cluster name not a DNS label", Stacks.TwoClusters().Replace("name: cluster1", "name: Cluster_1", StringComparison.Ordinal), "MSH010", "meshstack:clusters[0].name" },
        { "service name not a DNS label", Stacks.TwoClusters(services: Svc(name: "http.bin")), "MSH010", "meshstack:services[0].name" },
        { "duplicate cluster name", Stacks.TwoClusters().Replace("name: cluster2", "name: cluster1", StringComparison.Ordinal), "MSH011", "meshstack:clusters[1].name" },
        { "duplicate service", Stacks.TwoClusters(services: Svc() + "\n" + Svc()), "MSH012", "meshstack:services[1].name" },
        { "unknown home cluster", Stacks.TwoClusters(services: Svc(clusters: "[cluster9]")), "MSH013", "meshstack:services[0].clusters" },
        { "unknown consumer", Stacks.TwoClusters(services: Svc(consumers: "[cluster7]")), "MSH014", "meshstack:services[0].consumers" },
        { "consumer is home", Stacks.TwoClusters(services: Svc(consumers: "[cluster2]")), "MSH015", "meshstack:services[0].consumers" },
        { "no home cluster", Stacks.TwoClusters(services: Svc(clusters: "[]")), "MSH017", "meshstack:services[0].clusters" },
        { "no ports", Stacks.TwoClusters(services: Svc(ports: "[]")), "MSH020", "meshstack:services[0].ports" },
        { "port out of range", Stacks.TwoClusters(services: Svc(ports: "[{ name: http, number: 0 }]")), "MSH021", "meshstack:services[0].ports[0].number" },
        { "duplicate port name", Stacks.TwoClusters(services: Svc(ports: "[{ name: a, number: 1 }, { name: a, number: 2 }]")), "MSH022", "meshstack:services[0].ports[1].name" },
        { "duplicate port number", Stacks.TwoClusters(services: Svc(ports: "[{ name: a, number: 1 }, { name: b, number: 1 }]")), "MSH022", "meshstack:services[0].ports[1].number" },
        { "unknown protocol", Stacks.TwoClusters(services: Svc(ports: "[{ name: a, number: 1, protocol: htp }]")), "MSH023", "meshstack:services[0].ports[0].protocol" },
        { "pool not a CIDR", Stacks.TwoClusters(extra: "  meshstack:addressPool: 240.0.0.0"), "MSH030", "meshstack:addressPool" },
        { "pool with host bits", Stacks.TwoClusters(extra: "  meshstack:addressPool: 240.0.0.1/16"), "MSH030", "meshstack:addressPool" },
        { "pool overlaps multicast", Stacks.TwoClusters(extra: "  meshstack:addressPool: 224.0.0.0/24"), "MSH031", "meshstack:addressPool" },
        { "pool overlaps Istio auto-allocation", Stacks.TwoClusters(extra: "  meshstack:addressPool: 240.0.0.0/4"), "MSH031", "meshstack:addressPool" },
        { "pool overlaps loopback", Stacks.TwoClusters(extra: "  meshstack:addressPool: 127.0.0.0/30"), "MSH031", "meshstack:addressPool" },
        { "pool too small", Stacks.TwoClusters(services: Svc("a") + "\n" + Svc("b") + "\n" + Svc("c"), extra: "  meshstack:addressPool: 240.0.0.0/30"), "MSH032", "meshstack:addressPool" },
        { "pinned address not IPv4", Stacks.TwoClusters(services: Svc(address: "240.0.0.300")), "MSH033", "meshstack:services[0].address" },
        { "pinned address outside pool", Stacks.TwoClusters(services: Svc(address: "241.0.0.1")), "MSH034", "meshstack:services[0].address" },
        { "pinned address multicast", Stacks.TwoClusters(services: Svc(address: "224.0.0.5")), "MSH035", "meshstack:services[0].address" },
        { "pinned address loopback", Stacks.TwoClusters(services: Svc(address: "127.0.0.1")), "MSH035", "meshstack:services[0].address" },
        { "pinned address in Istio auto range", Stacks.TwoClusters(services: Svc(address: "240.240.0.1"), extra: "  meshstack:addressPool: 240.0.0.0/8"), "MSH031", "meshstack:addressPool" },
        { "two services pinned to one address", Stacks.TwoClusters(services: Svc("a", address: "240.0.0.9") + "\n" + Svc("b", address: "240.0.0.9")), "MSH036", "meshstack:services[1].address" },
        { "gateway address neither IP nor host", Stacks.TwoClusters().Replace("address: 192.0.2.2", "address: not_a_host!", StringComparison.Ordinal), "MSH040", "meshstack:clusters[1].gateway.address" },
        { "nodePort out of range", Stacks.TwoClusters().Replace("address: 192.0.2.2", "address: 192.0.2.2, nodePort: 443", StringComparison.Ordinal), "MSH041", "meshstack:clusters[1].gateway.nodePort" },
        { "egress without egress gateway", Stacks.TwoClusters(services: Svc("a", clusters: "[cluster1]", route: "egress")), "MSH042", "meshstack:services[0].route" },
        { "duplicate version", Stacks.TwoClusters(services: Svc(versions: "[v1, v1]")), "MSH043", "meshstack:services[0].versions[1]" },
        { "weights not summing to 100", Stacks.TwoClusters(services: Svc(versions: "[v1, v2]", weights: "{ v1: 50, v2: 20 }")), "MSH045", "meshstack:services[0].weights" },
        { "dns mode unknown", Stacks.TwoClusters(clusterExtra: "      dns: bind9"), "MSH006", "meshstack:clusters[0].dns" },
        { "dns stub mode in multi-primary", Stacks.TwoClusters(clusterExtra: "      dns: kube-dns"), "MSH050", "meshstack:clusters[0].dns" },
        { "coredns version malformed", Stacks.TwoClusters(clusterExtra: "      dns: coredns-x.y"), "MSH051", "meshstack:clusters[0].dns" },
        { "legacy profile with current istio", Stacks.TwoClusters(extra: "  meshstack:profile: legacy-gateways\n  meshstack:istio: { version: 1.30.3 }"), "MSH060", "meshstack:istio.version" },
        { "multi-primary with old istio", Stacks.TwoClusters(extra: "  meshstack:istio: { version: 1.7.8 }"), "MSH060", "meshstack:istio.version" },
        { "two clusters on one context", Stacks.TwoClusters().Replace("address: 192.0.2.1 }", "address: 192.0.2.1 }\n      context: kind-one", StringComparison.Ordinal).Replace("address: 192.0.2.2 }", "address: 192.0.2.2 }\n      context: kind-one", StringComparison.Ordinal), "MSH061", "meshstack:clusters[1].context" },
        { "unknown profile", Stacks.TwoClusters(extra: "  meshstack:profile: single"), "MSH006", "meshstack:profile" },
        { "root CA both generate and import", Stacks.TwoClusters(extra: "  meshstack:rootCa: { generate: {}, import: { certPem: x, keyPem: y } }"), "MSH070", "meshstack:rootCa" },
        { "renewal window longer than validity", Stacks.TwoClusters(extra: "  meshstack:intermediateCa: { validityDays: 30, renewBeforeDays: 30 }"), "MSH078", "meshstack:intermediateCa.renewBeforeDays" },
        { "unknown algorithm", Stacks.TwoClusters(extra: "  meshstack:intermediateCa: { algorithm: dsa-1024 }"), "MSH006", "meshstack:intermediateCa.algorithm" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_broken_stack_reports_the_rule_code_at_the_config_path(string name, string stack, string code, string path)
    {
        var result = CompilationHelper.Compile(stack);
        Assert.False(result.Succeeded, $"{name}: expected a failure");
        Assert.Null(result.Plan);
        Assert.True(result.Diagnostics.Any(d => d.Code == code && d.Path == path),
            $"{name}: expected {code} at {path}, got:\n{string.Join("\n", result.Diagnostics)}");
    }

    [Fact]
    public void All_problems_are_reported_at_once()
    {
        var result = CompilationHelper.Compile(Stacks.TwoClusters(services: Svc(ports: "[{ name: A, number: 0 }]", address: "10.0.0.1", clusters: "[nowhere]")));
        var codes = result.Diagnostics.Select(d => d.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "MSH010", "MSH021", "MSH034", "MSH013" }, codes);
    }

    [Fact]
    public void Messages_quote_the_bad_value_and_offer_a_hint()
    {
        var result = CompilationHelper.Compile(Stacks.TwoClusters(extra: "  meshstack:adressPool: 240.0.0.0/16"));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("unknown key 'meshstack:adressPool', did you mean 'addressPool'?", d.Message);
        Assert.NotNull(d.Position);
    }

    [Fact]
    public void The_valid_base_stack_is_valid()
    {
        var result = CompilationHelper.Compile(Stacks.TwoClusters());
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    private static string Svc(string name = "httpbin", string clusters = "[cluster2]", string ports = "[{ name: http1, number: 8000, protocol: http }]",
        string? consumers = null, string? address = null, string? route = null, string? versions = null, string? weights = null)
    {
        var lines = new List<string>
        {
            $"    - name: {name}",
            "      namespace: bar",
            $"      clusters: {clusters}",
            $"      ports: {ports}",
        };
        if (consumers is not null)
        {
            lines.Add($"      consumers: {consumers}");
        }

        if (address is not null)
        {
            lines.Add($"      address: {address}");
        }

        if (route is not null)
        {
            lines.Add($"      route: {route}");
        }

        if (versions is not null)
        {
            lines.Add($"      versions: {versions}");
        }

        if (weights is not null)
        {
            lines.Add($"      weights: {weights}");
        }

        return string.Join("\n", lines);
    }
}
