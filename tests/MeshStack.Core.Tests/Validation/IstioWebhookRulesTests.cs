using MeshStack.Core.Plan;
using MeshStack.Core.Validation.Istio;

namespace MeshStack.Core.Tests.Validation;

/// <summary>Object-level rules the upstream table tests do not exercise (G-02, G-04, G-05) and deploy-time values.</summary>
public class IstioWebhookRulesTests
{
    private static MapValue Manifest(string kind, MapValue spec, MapValue? metadata = null, (string Key, Value Value)? extra = null)
    {
        var manifest = Value.Map(
            ("apiVersion", "networking.istio.io/v1"),
            ("kind", kind),
            ("metadata", metadata ?? Value.Map(("name", "x"), ("namespace", "istio-system"))),
            ("spec", spec));
        return extra is { } e ? manifest.With(e.Key, e.Value) : manifest;
    }

    private static readonly MapValue GoodGateway = Value.Map(("servers", Value.List(Value.Map(
        ("port", Value.Map(("number", 15443), ("name", "tls"), ("protocol", "TLS"))),
        ("tls", Value.Map(("mode", "AUTO_PASSTHROUGH"))),
        ("hosts", Value.List("*.global"))))));

    [Fact]
    public void A_good_gateway_has_no_findings()
    {
        Assert.Empty(IstioWebhookRules.Validate(Manifest("Gateway", GoodGateway)));
    }

    [Fact]
    public void An_unknown_top_level_key_is_rejected_by_G02()
    {
        var finding = Assert.Single(IstioWebhookRules.Validate(Manifest("Gateway", GoodGateway, extra: ("data", Value.Map(("a", "b"))))));
        Assert.Equal(("G-02", "data"), (finding.RuleId, finding.Path));
    }

    [Theory]
    [InlineData("istio.io/dry-run", "G-04")]
    [InlineData("internal.istio.io/parents", "G-05")]
    [InlineData("internal.istio.io/webhook-always-reject", "G-05")]
    public void Forbidden_annotations_are_rejected(string annotation, string rule)
    {
        var metadata = Value.Map(("name", "x"), ("namespace", "istio-system"), ("annotations", Value.Map((annotation, "true"))));
        var finding = Assert.Single(IstioWebhookRules.Validate(Manifest("Gateway", GoodGateway, metadata)));
        Assert.True(finding.IsError);
        Assert.Equal(rule, finding.RuleId);
    }

    [Fact]
    public void Objects_outside_the_networking_group_are_not_checked()
    {
        var configMap = Value.Map(("apiVersion", "v1"), ("kind", "ConfigMap"), ("metadata", Value.Map(("name", "Not A Label"))), ("oops", "x"));
        Assert.False(IstioWebhookRules.Applies(configMap));
        Assert.Empty(IstioWebhookRules.Validate(configMap));
    }

    [Fact]
    public void Deploy_time_values_in_hosts_weights_and_addresses_are_skipped_not_rejected()
    {
        var gatewayAddress = new Deferred(new GatewayAddressOf("c2"));
        var virtualService = Value.Map(
            ("hosts", Value.List(new Template(["svc.", new GatewayAddressOf("c2")]))),
            ("http", Value.List(Value.Map(("route", Value.List(
                Value.Map(("destination", Value.Map(("host", gatewayAddress))), ("weight", gatewayAddress)),
                Value.Map(("destination", Value.Map(("host", "b.ns.global"))), ("weight", 0))))))));
        var serviceEntry = Value.Map(
            ("hosts", Value.List("a.ns.global")),
            ("addresses", Value.List(gatewayAddress)),
            ("ports", Value.List(Value.Map(("name", "tcp"), ("number", 5432), ("protocol", "TCP")))),
            ("resolution", "STATIC"),
            ("endpoints", Value.List(Value.Map(("address", gatewayAddress), ("ports", Value.Map(("tcp", gatewayAddress)))))));

        Assert.Empty(IstioWebhookRules.Validate(Manifest("VirtualService", virtualService)));
        Assert.Empty(IstioWebhookRules.Validate(Manifest("ServiceEntry", serviceEntry)));
    }

    [Fact]
    public void A_known_bad_value_next_to_a_deferred_one_is_still_rejected()
    {
        var serviceEntry = Value.Map(
            ("hosts", Value.List("a.ns.global")),
            ("ports", Value.List(Value.Map(("name", "tcp"), ("number", 5432), ("protocol", "TCP")))),
            ("resolution", "STATIC"),
            ("endpoints", Value.List(
                Value.Map(("address", new Deferred(new GatewayAddressOf("c2")))),
                Value.Map(("address", "gw.example.com")))));

        var finding = Assert.Single(IstioWebhookRules.Validate(Manifest("ServiceEntry", serviceEntry)));
        Assert.Equal(("SE-20", "spec.endpoints[1].address"), (finding.RuleId, finding.Path));
    }
}
