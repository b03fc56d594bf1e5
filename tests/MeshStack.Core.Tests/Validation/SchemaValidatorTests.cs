using MeshStack.Core.Plan;
using MeshStack.Core.Tests.Support;

namespace MeshStack.Core.Tests.Validation;

/// <summary>The schema harness must accept good objects and reject bad ones, or the plan tests built on it prove nothing.</summary>
public class SchemaValidatorTests
{
    private static MapValue ServiceEntry(Value? resolution = null, Value? number = null, bool withHosts = true, (string Key, Value Value)? extraSpecField = null)
    {
        var spec = Value.Map(
            ("hosts", withHosts ? Value.List("httpbin.bar.global") : null),
            ("location", "MESH_INTERNAL"),
            ("ports", Value.List(Value.Map(("name", "http1"), ("number", number ?? 8000), ("protocol", "http")))),
            ("resolution", resolution ?? "DNS"),
            ("addresses", Value.List("240.0.0.2")),
            ("endpoints", Value.List(Value.Map(("address", new Deferred(new GatewayAddressOf("cluster2"))), ("ports", Value.Map(("http1", 15443)))))));
        if (extraSpecField is { } extra)
        {
            spec = spec.With(extra.Key, extra.Value);
        }

        return KubeObjects.Object("c1", Stage.MeshConfig, Concern.Routing, "networking.istio.io/v1", "ServiceEntry", "istio-system", "httpbin.bar.global",
            Value.Map(("spec", spec))).Manifest;
    }

    [Fact]
    public void A_correct_service_entry_with_a_deferred_address_is_valid()
    {
        Assert.Empty(SchemaValidator.Default.Validate(ServiceEntry()));
    }

    [Fact]
    public void An_unknown_resolution_enum_value_is_rejected()
    {
        var errors = SchemaValidator.Default.Validate(ServiceEntry(resolution: "FOO"));
        Assert.Contains(errors, e => e.Contains("/spec/resolution", StringComparison.Ordinal));
    }

    [Fact]
    public void A_port_number_of_the_wrong_type_is_rejected()
    {
        var errors = SchemaValidator.Default.Validate(ServiceEntry(number: "eighty"));
        Assert.Contains(errors, e => e.Contains("/spec/ports/0/number", StringComparison.Ordinal));
    }

    [Fact]
    public void A_negative_port_number_is_rejected_by_the_schema_minimum()
    {
        // 1..65535 itself is a CEL rule (x-kubernetes-validations), which a JSON-schema validator does not run;
        // the istiod rules (SE-15) cover it.
        Assert.Contains(SchemaValidator.Default.Validate(ServiceEntry(number: -1)), e => e.Contains("/spec/ports/0/number", StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_entry_without_its_required_hosts_is_rejected()
    {
        var errors = SchemaValidator.Default.Validate(ServiceEntry(withHosts: false));
        Assert.Contains(errors, e => e.Contains("hosts", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_field_is_rejected_in_strict_mode_and_pruned_otherwise()
    {
        var manifest = ServiceEntry(extraSpecField: ("resolutoin", "DNS"));
        Assert.Contains(SchemaValidator.Default.Validate(manifest), e => e.Contains("resolutoin", StringComparison.Ordinal));
        Assert.Empty(new SchemaValidator(strict: false).Validate(manifest));
    }

    [Fact]
    public void A_service_entry_without_spec_is_rejected_because_its_crd_requires_spec()
    {
        var manifest = KubeObjects.Object("c1", Stage.MeshConfig, Concern.Routing, "networking.istio.io/v1", "ServiceEntry", "istio-system", "se", MapValue.Empty).Manifest;
        Assert.NotEmpty(SchemaValidator.Default.Validate(manifest));
    }

    [Fact]
    public void Core_v1_objects_are_checked_against_the_kubernetes_schemas()
    {
        var good = KubeObjects.Object("c1", Stage.Namespaces, Concern.Namespaces, "v1", "Namespace", null, "istio-system", MapValue.Empty,
            labels: [KeyValuePair.Create("topology.istio.io/network", "network1")]).Manifest;
        var badLabels = good.With("metadata", ((MapValue)good["metadata"]!).With("labels", Value.Map(("count", 3))));
        var badService = KubeObjects.Object("c1", Stage.Namespaces, Concern.Istio, "v1", "Service", "istio-system", "svc",
            Value.Map(("spec", Value.Map(("ports", Value.List(Value.Map(("port", "not-a-number")))))))).Manifest;

        Assert.Empty(SchemaValidator.Default.Validate(good));
        Assert.Contains(SchemaValidator.Default.Validate(badLabels), e => e.Contains("/metadata/labels/count", StringComparison.Ordinal));
        Assert.Contains(SchemaValidator.Default.Validate(badService), e => e.Contains("/spec/ports/0/port", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kind_without_a_reference_schema_is_reported_not_accepted()
    {
        var manifest = KubeObjects.Object("c1", Stage.Namespaces, Concern.Demo, "apps/v1", "Deployment", "foo", "sleep", MapValue.Empty).Manifest;
        Assert.False(SchemaValidator.Default.Covers("apps/v1", "Deployment"));
        Assert.Single(SchemaValidator.Default.Validate(manifest));
    }
}
