using MeshStack.Core.Addressing;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;
using MeshStack.Core.Render;

namespace MeshStack.Core.Tests.Catalogue;

/// <summary>Exact messages of a few codes per area, as the builder writes them (path, code and text).</summary>
public class DiagnosticBuilderMessageTests
{
    [Fact]
    public void The_document_area_quotes_the_key_and_the_known_keys()
    {
        var d = DiagnosticBuilder.UnknownKey("meshstack:clusters[0].nmae", "nmae", ", did you mean 'name'?", ["network", "name"], new SourcePosition(3, 5));
        Assert.Equal("f.yaml(3,5): error MSH002: meshstack:clusters[0].nmae: unknown key 'nmae', did you mean 'name'?; known keys: name, network", d.Format("f.yaml"));
        Assert.Equal("the file is empty; a stack file starts with 'config:'", DiagnosticBuilder.MalformedDocument("config", DocumentProblem.EmptyStackFile, null).Message);
        Assert.Equal("not valid YAML: the '{' opened here is never closed; close it with '}' and separate its items with commas", DiagnosticBuilder.MalformedDocument("", '{', null).Message);
        Assert.Equal("4000 services; at most 50 are supported", DiagnosticBuilder.TooLarge("meshstack:services", BoundedList.Services, 4000, 50, null).Message);
    }

    [Fact]
    public void The_names_and_ports_areas_name_the_duplicate()
    {
        Assert.Equal("config: error MSH012: meshstack:services[1].name: the service 'httpbin' in namespace 'bar' is declared twice",
            DiagnosticBuilder.DuplicateService("meshstack:services[1].name", "httpbin", "bar").ToString());
        Assert.Equal("the port number 8000 is used twice in this service", DiagnosticBuilder.DuplicatePort("p", 8000, null).Message);
        Assert.Equal("70000 is outside 1-65535", DiagnosticBuilder.PortOutOfRange("p", 70000, 1, 65535, null).Message);
    }

    [Fact]
    public void The_address_area_quotes_the_address_and_the_pool()
    {
        Assert.True(Cidr.TryParse("240.0.0.0/16", out var pool, out _));
        Assert.True(Ipv4.TryParse("10.0.0.1", out var address));
        var d = DiagnosticBuilder.AddressOutsidePool("meshstack:services[0].address", address, pool);
        Assert.Equal(("MSH034", "'10.0.0.1' is outside the address pool 240.0.0.0/16"), (d.Code, d.Message));
        Assert.Equal("the pool 240.0.0.0/16 has no free address left for 'bar/httpbin'; use a larger pool", DiagnosticBuilder.PoolTooSmall(pool, "bar/httpbin").Message);
    }

    [Fact]
    public void The_gateway_and_dns_areas_give_a_hint()
    {
        Assert.Equal("weights add up to 90; they must add up to 100", DiagnosticBuilder.InvalidWeights("w", 90, null).Message);
        Assert.Equal("'cordns' is not a DNS mode; use one of proxy, hosts, kube-dns, coredns-<version>",
            DiagnosticBuilder.InvalidValue("meshstack:clusters[0].dns", "cordns", ["proxy", "hosts", "kube-dns", "coredns-<version>"], null).Message);
        Assert.Equal("'coredns' needs the cluster's CoreDNS version: write coredns-1.8.0, or set coreDnsVersion", DiagnosticBuilder.UnknownCoreDnsVersion("d", null).Message);
    }

    [Fact]
    public void The_istio_and_certificate_areas_quote_versions_and_times()
    {
        Assert.Equal("'1.7.8': the legacy-gateways profile is the Istio 1.6-1.8 guide; use 1.7.8, or the multi-primary profile for current Istio",
            DiagnosticBuilder.UnsupportedIstioVersion(new IstioVersion(1, 7, 8), Profile.LegacyGateways).Message);
        var d = DiagnosticBuilder.ImportedRootExpired("meshstack:rootCa.import.certPem", "CN=root", new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(("MSH073", "'CN=root' expired on 2020-01-02 03:04:05Z (now is 2026-01-01 00:00:00Z); import a current root"), (d.Code, d.Message));
    }

    [Fact]
    public void The_roots_area_counts_hours_and_minutes()
    {
        Assert.Equal("the signing root 'ca' cannot be removed while it signs; switch meshstack:signingRoot first", DiagnosticBuilder.RotationPhaseSkipped("ca").Message);
        var refusal = DiagnosticBuilder.RootRetiredTooSoon("old", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(24), 24);
        Assert.StartsWith("'old' stopped signing on 2026-03-01 12:00Z; workload certificates it signed live until 2026-03-02 12:00Z", refusal.Message, StringComparison.Ordinal);
        var forced = DiagnosticBuilder.RootRetireForced(refusal);
        Assert.Equal(("MSH085", Severity.Warning, "meshstack:forceRootRetire"), (forced.Code, forced.Severity, forced.Path));
        Assert.StartsWith("'old' stopped signing on 2026-03-01 12:00Z; workload certificates", forced.Message, StringComparison.Ordinal);
        Assert.EndsWith("; going ahead because meshstack:forceRootRetire is true: remove the key after this update", forced.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_render_and_change_areas_name_the_flag_and_the_object()
    {
        var flag = new FlagArgument(DeployOption.GatewayAddress, "cluster9", "1.2.3.4", "cluster9=1.2.3.4");
        var d = DiagnosticBuilder.FlagRepeated(flag);
        Assert.Equal(("--gateway-address", "'cluster9=1.2.3.4': --gateway-address was already given for cluster9; give it once per cluster"), (d.Path, d.Message));
        Assert.Equal("release istio-base (istio/base) is uninstalled: its CRDs go, and every Istio object of the cluster with them",
            DiagnosticBuilder.ControlPlaneUninstalled("cluster1/HelmRelease/istio-system/istio-base", "istio-base", "istio/base").Message);
    }

    [Fact]
    public void The_tracer_area_frames_the_finding_with_the_path_hop_and_rule()
    {
        var d = DiagnosticBuilder.TraceDns("meshstack:services", "cluster1 → httpbin.bar.global:8000", "cluster1 DNS", TraceFinding.NoGlobalZoneLine("httpbin.bar.global"), "rule.go@1.30.3:10");
        Assert.Equal("config: error MSH180: meshstack:services: cluster1 → httpbin.bar.global:8000: cluster1 DNS: the CoreDNS global zone has no line for 'httpbin.bar.global' (models rule.go@1.30.3:10)", d.ToString());
        Assert.Equal("and 3 more path(s) that carry no traffic; run 'meshstack trace' for all of them", DiagnosticBuilder.TraceNoPods("meshstack:services", 3).Message);
    }

    [Fact]
    public void The_discovery_and_deployment_areas_name_the_cluster()
    {
        Assert.Equal("'https://127.0.0.1:6443' is also the apiServer of 'cluster1'; every cluster has its own API server, and istiod would read one cluster twice",
            DiagnosticBuilder.ApiServerTwice("meshstack:clusters[1].apiServer", "https://127.0.0.1:6443", "cluster1").Message);
        Assert.Equal("cluster 'cluster2' is reached as it was deployed: remove reconnect, or a later change of target would go unchecked",
            DiagnosticBuilder.ReconnectWithoutChange("meshstack:clusters[1].reconnect", "cluster2").Message);
        Assert.Equal("docs/diagnostics.md#msh213", DiagnosticBuilder.ReconnectWithoutChange("p", "c").HelpLink);
    }
}
