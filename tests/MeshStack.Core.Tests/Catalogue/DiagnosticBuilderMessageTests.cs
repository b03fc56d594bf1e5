using MeshStack.Core.Addressing;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Core.Tests.Catalogue;

/// <summary>Exact messages of a few codes per area, as the builder writes them (path, code and text).</summary>
public class DiagnosticBuilderMessageTests
{
    [Fact]
    public void The_document_area_quotes_the_key_and_the_known_keys()
    {
        var d = DiagnosticBuilder.UnknownKey("meshstack:clusters[0].nmae", "nmae", "name", ["network", "name"], new SourcePosition(3, 5));
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

    [Theory]
    [InlineData(nameof(FlagValueProblem.NotAnAddress), "'cluster2=a b': 'a b' is neither an IP address nor a host name; pass --gateway-address cluster2=<LoadBalancer IP or host name>")]
    [InlineData(nameof(FlagValueProblem.NotAnIp), "'cluster2=a b': 'a b' is not an IP address (a ClusterIP); pass --gateway-address cluster2=<LoadBalancer IP or host name>")]
    public void A_flag_value_of_the_wrong_kind_quotes_it(string problem, string expected)
    {
        var flag = new FlagArgument(DeployOption.GatewayAddress, "cluster2", "a b", "cluster2=a b");
        Assert.Equal(expected, DiagnosticBuilder.InvalidFlagValue(flag, Enum.Parse<FlagValueProblem>(problem)).Message);
    }

    [Theory]
    [InlineData(nameof(FlagValueProblem.NotASecret), "the file is not one Secret (save it with kubectl -n istio-system get secret istio-reader-service-account-istio-remote-secret-token -o yaml)")]
    [InlineData(nameof(FlagValueProblem.NotATokenSecret), "the Secret is not of type kubernetes.io/service-account-token")]
    [InlineData(nameof(FlagValueProblem.TokenNotFilled), "the Secret has no data.token or data[\"ca.crt\"] yet (the token controller fills them once istio-reader-service-account exists)")]
    [InlineData(nameof(FlagValueProblem.NotAJwt), "data.token does not decode to a service-account token (a JWT)")]
    [InlineData(nameof(FlagValueProblem.NotBase64), "data.token or data[\"ca.crt\"] is not base64")]
    public void A_reader_token_file_that_cannot_be_used_says_what_is_wrong_and_never_its_content(string problem, string expected)
    {
        var flag = new FlagArgument(DeployOption.RemoteSecretToken, "cluster2", "token.yaml", "cluster2=token.yaml");
        Assert.Equal($"'cluster2=token.yaml': {expected}; pass --remote-secret-token cluster2=<file: kubectl -n istio-system get secret istio-reader-service-account-istio-remote-secret-token -o yaml>",
            DiagnosticBuilder.InvalidFlagValue(flag, Enum.Parse<FlagValueProblem>(problem)).Message);
    }

    [Theory]
    [InlineData(DeployOption.Corefile, "Corefile")]
    [InlineData(DeployOption.StubDomains, "stubDomains")]
    public void A_live_ConfigMap_without_the_key_names_the_key(DeployOption option, string key)
    {
        var flag = new FlagArgument(option, "cluster1", "cm.yaml", "cluster1=cm.yaml");
        Assert.Equal($"'cluster1=cm.yaml': the ConfigMap has no data.{key}; pass the ConfigMap (kubectl -n kube-system get configmap -o yaml) or the {key} text itself",
            DiagnosticBuilder.InvalidFlagValue(flag, FlagValueProblem.NoDataKey).Message);
    }

    [Theory]
    [InlineData(nameof(NotDeployTimeReason.NoRemoteSecrets), "global", "the stack uses discovery: global, which has no remote secrets (only endpoints and both do)")]
    [InlineData(nameof(NotDeployTimeReason.GatewayAddressSet), "192.0.2.1", "the gateway address of cluster1 is set in the stack file (192.0.2.1), only 'auto' gateways take it from this flag")]
    [InlineData(nameof(NotDeployTimeReason.NoEgressGateway), "", "cluster1 has no egress gateway (egressGateway: true)")]
    [InlineData(nameof(NotDeployTimeReason.NoIstioCoreDns), "proxy", "cluster1 uses dns: proxy, which has no istiocoredns (only coredns-<version> and kube-dns do)")]
    [InlineData(nameof(NotDeployTimeReason.CorefileUnchanged), "proxy", "MeshStack does not change the Corefile of cluster1 (dns: proxy)")]
    [InlineData(nameof(NotDeployTimeReason.NotKubeDns), "hosts", "cluster1 does not use kube-dns (dns: hosts)")]
    public void A_flag_a_cluster_does_not_take_says_which_setting_of_the_stack_decides(string reason, string setting, string expected)
    {
        var flag = new FlagArgument(DeployOption.GatewayAddress, "cluster1", "1.2.3.4", "cluster1=1.2.3.4");
        Assert.Equal($"'cluster1=1.2.3.4': {expected}; drop the flag", DiagnosticBuilder.FlagNotDeployTime(flag, Enum.Parse<NotDeployTimeReason>(reason), "cluster1", setting).Message);
    }

    [Theory]
    [InlineData(nameof(RenderNeed.AutoGatewayAddress), DeployOption.GatewayAddress, "its gateway.address is auto")]
    [InlineData(nameof(RenderNeed.EgressGateway), DeployOption.EgressGatewayIp, "egress routing goes through its egress gateway")]
    [InlineData(nameof(RenderNeed.EgressClusterIp), DeployOption.EgressGatewayIp, "egress routing to cluster2,cluster3 uses its egress gateway's ClusterIP when every remote gateway address is an IP")]
    [InlineData(nameof(RenderNeed.DnsForward), DeployOption.IstioCoreDnsIp, "its DNS forwards global to istiocoredns")]
    [InlineData(nameof(RenderNeed.CorefileForward), DeployOption.IstioCoreDnsIp, "its Corefile forwards global to istiocoredns")]
    [InlineData(nameof(RenderNeed.StubDomains), DeployOption.IstioCoreDnsIp, "its kube-dns stubDomains point global at istiocoredns")]
    [InlineData(nameof(RenderNeed.ReaderToken), DeployOption.RemoteSecretToken, "the other clusters' remote secrets for it carry its reader token (without it render skips them, MSH168)")]
    public void What_render_will_need_names_the_flag_and_what_for(string need, DeployOption option, string expected)
    {
        var d = DiagnosticBuilder.RenderNeedsFlag(option, "cluster1", Enum.Parse<RenderNeed>(need), "cluster2,cluster3");
        Assert.Equal((DeployFlags.Name(option), $"render needs {DeployFlags.Usage(option, "cluster1")}: {expected}"), (d.Path, d.Message));
    }

    [Theory]
    [InlineData(nameof(ValueKind.Mapping), "expected a mapping, found a list")]
    [InlineData(nameof(ValueKind.List), "expected a list, found a list")]
    [InlineData(nameof(ValueKind.Text), "expected text, found a list")]
    [InlineData(nameof(ValueKind.WholeNumber), "expected a whole number, found a list")]
    [InlineData(nameof(ValueKind.Boolean), "expected true or false, found a list")]
    public void A_value_of_the_wrong_kind_names_the_kind_the_key_takes(string kind, string expected) =>
        Assert.Equal(expected, DiagnosticBuilder.WrongType("p", Enum.Parse<ValueKind>(kind), "a list", null).Message);

    [Theory]
    [InlineData(nameof(RequiredValue.ClusterMapping), "a cluster mapping")]
    [InlineData(nameof(RequiredValue.ClusterName), "the cluster name")]
    [InlineData(nameof(RequiredValue.ServiceMapping), "a service mapping")]
    [InlineData(nameof(RequiredValue.ServiceName), "the service name")]
    [InlineData(nameof(RequiredValue.ServiceNamespace), "the service namespace")]
    [InlineData(nameof(RequiredValue.PortName), "the port name (a DNS-1123 label such as http1)")]
    [InlineData(nameof(RequiredValue.PortNumber), "the port number")]
    [InlineData(nameof(RequiredValue.RootName), "the root's name (a DNS-1123 label such as 'ca' or 'root-2027')")]
    [InlineData(nameof(RequiredValue.RootCertificate), "the root certificate (PEM)")]
    [InlineData(nameof(RequiredValue.RootKey), "the root key (PEM); keep it secret with `pulumi config set --secret`")]
    public void A_missing_key_says_what_it_holds(string what, string words)
    {
        var value = Enum.Parse<RequiredValue>(what);
        Assert.Equal($"missing: {words}", DiagnosticBuilder.MissingKey("p", value, null).Message);
        Assert.Equal($"{words} is empty; write a DNS-1123 label", DiagnosticBuilder.MissingKey("p", value, secret: false, null).Message);
        Assert.Equal($"{words} is a secret; write it in plain text", DiagnosticBuilder.MissingKey("p", value, secret: true, null).Message);
    }

    [Fact]
    public void A_did_you_mean_is_the_builders_own_words_around_the_closest_name()
    {
        Assert.Equal("'clustr1' is not a declared cluster, did you mean 'cluster1'?", DiagnosticBuilder.UnknownHomeCluster("p", "clustr1", "cluster1").Message);
        Assert.Equal("'clustr1' is not a declared cluster", DiagnosticBuilder.UnknownConsumer("p", "clustr1", null).Message);
        Assert.Equal("unknown key 'meshstack:adressPool', did you mean 'addressPool'?", DiagnosticBuilder.UnknownKey("meshstack:adressPool", "addressPool", null).Message);
        Assert.Equal("'tpc' is not an Istio protocol; use one of TCP, HTTP, did you mean 'TCP'?", DiagnosticBuilder.UnknownProtocol("p", "tpc", ["TCP", "HTTP"], "TCP", null).Message);
        Assert.Equal("'v3' is not a declared version of this service; declare it under versions or drop its weight", DiagnosticBuilder.InvalidWeights("p", "v3", null, null).Message);
        Assert.Equal("'ca3' is not one of the roots in meshstack:rootCas (ca1, ca2), did you mean 'ca2'?; a signer must be a trusted root", DiagnosticBuilder.UnknownSigningRoot("ca3", ["ca1", "ca2"], "ca2", null).Message);
        Assert.Equal("'autoo' is not one of: auto, none, did you mean 'auto'?", DiagnosticBuilder.InvalidValue("p", "autoo", ["auto", "none"], "auto", null).Message);
        Assert.Equal("cluster1", MeshStack.Core.Config.NodeReader.Closest("clustr1", ["cluster1", "cluster22"]));
        Assert.Null(MeshStack.Core.Config.NodeReader.Closest("zzz", ["cluster1"]));
    }

    [Fact]
    public void A_damaged_deployment_record_says_which_record_and_what_is_wrong()
    {
        Assert.Equal("the federation's previous state cannot be read (it is not a JSON object); MeshStack stops instead of allocating addresses afresh. Pass the state output of the last run unchanged",
            DiagnosticBuilder.DeploymentRecordDamaged(jsonError: null).Message);
        Assert.StartsWith("the federation's previous state cannot be read ('x' is an invalid start of a value.);", DiagnosticBuilder.DeploymentRecordDamaged("'x' is an invalid start of a value.").Message, StringComparison.Ordinal);
        const string Restore = ". MeshStack stops instead of guessing what is deployed; restore the output from the stack's history (pulumi stack history / pulumi stack export)";
        var version = DiagnosticBuilder.DeploymentRecordDamaged(9);
        Assert.Equal(("MSH209", "stack output deployment", "the stack's deployment record cannot be read: version 9 is not one this MeshStack reads (2); upgrade MeshStack" + Restore), (version.Code, version.Path, version.Message));
        Assert.Equal("the stack's deployment record cannot be read: it is not a MeshStack deployment record (KeyNotFoundException)" + Restore,
            DiagnosticBuilder.DeploymentRecordDamaged(new KeyNotFoundException()).Message);
    }

    [Fact]
    public void Render_and_trace_notices_word_the_values_the_cli_passes()
    {
        Assert.Equal("gateway address of cluster2 is needed to render this object; pass --gateway-address cluster2=<LoadBalancer IP or host name>, or set gateway.address in the stack file",
            DiagnosticBuilder.UnresolvedValue("cluster1/x", new GatewayAddressOf("cluster2"), helmValues: false).Message);
        Assert.Equal("istiocoredns ClusterIP of cluster1 is needed to render these Helm values; pass --istiocoredns-ip cluster1=<ClusterIP of istiocoredns>",
            DiagnosticBuilder.UnresolvedValue("cluster1/x", new IstioCoreDnsIpOf("cluster1"), helmValues: true).Message);
        Assert.Equal("no path matches --from cluster1 --version v1; run 'meshstack trace' without filters to list every path", DiagnosticBuilder.TraceFilterMatchesNothing("cluster1", null, "v1").Message);
        Assert.Equal("no path matches (the stack plans no route); run 'meshstack trace' without filters to list every path", DiagnosticBuilder.TraceFilterMatchesNothing(null, null, null).Message);
        Assert.StartsWith("cluster1: skipped the remote secret(s) of cluster2, cluster3: no reader token (no --remote-secret-token for it); istiod here will not discover their endpoints until the remote secrets are applied; cluster2: skipped",
            DiagnosticBuilder.RemoteSecretsSkipped([("cluster1", ["cluster2", "cluster3"]), ("cluster2", ["cluster1"])]).Message, StringComparison.Ordinal);
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
