namespace MeshStack.Core.Istio;

/// <summary>
/// Where Istio comes from and what its installed pieces are called: the one place for chart repository,
/// chart names, release names and gateway labels. The version itself is <see cref="Model.IstioVersion.Current"/>.
/// </summary>
public static class IstioCharts
{
    /// <summary>
    /// Fields of the charts' objects that istiod rewrites after install, by (apiVersion, kind), as Pulumi property paths.
    /// istiod's validation controller sets every validating webhook's <c>caBundle</c> and turns its <c>failurePolicy</c>
    /// to Fail once ready (istio/istio 1.30.3 pkg/webhooks/validation/controller/controller.go,
    /// updateValidatingWebhookConfiguration); the injection webhook patcher sets the mutating webhooks' <c>caBundle</c>
    /// (pkg/webhooks/webhookpatch.go). The components give these paths to <c>ignoreChanges</c> on the chart objects, so a
    /// refresh that stores istiod's values leaves no diff (pulumi-kubernetes provider/pkg/provider/provider.go, Diff
    /// drops ignored paths, <c>[*]</c> included).
    /// </summary>
    public static IReadOnlyDictionary<(string ApiVersion, string Kind), IReadOnlyList<string>> FieldsIstiodOwns { get; } =
        new Dictionary<(string, string), IReadOnlyList<string>>
        {
            [("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration")] = ["webhooks[*].failurePolicy", "webhooks[*].clientConfig.caBundle"],
            [("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration")] = ["webhooks[*].clientConfig.caBundle"],
        };

    /// <summary>The official Istio Helm repository (charts base, istiod, gateway; Istio 1.8 and later).</summary>
    public const string Repository = "https://istio-release.storage.googleapis.com/charts";

    /// <summary>Chart with the CRDs and cluster-wide resources.</summary>
    public const string BaseChart = "base";

    /// <summary>Chart with the control plane.</summary>
    public const string IstiodChart = "istiod";

    /// <summary>Chart for every kind of gateway.</summary>
    public const string GatewayChart = "gateway";

    /// <summary>Release name of <see cref="BaseChart"/>, as Istio's Helm install guide names it.</summary>
    public const string BaseRelease = "istio-base";

    /// <summary>Release name of <see cref="IstiodChart"/>.</summary>
    public const string IstiodRelease = "istiod";

    /// <summary>Release name, Deployment name and Service name of the east-west gateway.</summary>
    public const string EastWestGateway = "istio-eastwestgateway";

    /// <summary>Release name, Deployment name and Service name of the egress gateway.</summary>
    public const string EgressGateway = "istio-egressgateway";

    /// <summary>The legacy profile's 15443 gateway: the 1.6/1.7 chart's ingress gateway (values.gateways key and Service name).</summary>
    public const string LegacyIngressGateway = "istio-ingressgateway";

    /// <summary>The <c>istio</c> label of the east-west gateway pods, which the <c>*.global</c> Gateway selects.</summary>
    public const string EastWestGatewayLabel = "eastwestgateway";

    /// <summary>The <c>istio</c> label of the egress gateway pods.</summary>
    public const string EgressGatewayLabel = "egressgateway";

    /// <summary>The in-cluster name of the egress gateway Service.</summary>
    public const string EgressGatewayHost = EgressGateway + "." + Plan.KubeObjects.IstioSystem + ".svc.cluster.local";

    // The legacy-gateways profile (Istio 1.6-1.8): the Istio operator from the user's release folder, then an IstioOperator.

    /// <summary>The operator chart inside an unpacked Istio 1.6-1.8 release folder (istio-1.7.8/…).</summary>
    public const string OperatorChartPath = "manifests/charts/istio-operator";

    /// <summary>Release name of the operator chart.</summary>
    public const string OperatorRelease = "istio-operator";

    /// <summary>The namespace the operator chart creates and runs the operator in (its own default).</summary>
    public const string OperatorNamespace = "istio-operator";

    /// <summary>Where Istio 1.6-1.8 release images are published (docker.io/istio/operator:1.7.8, …).</summary>
    public const string ReleaseHub = "docker.io/istio";

    /// <summary>apiVersion of IstioOperator.</summary>
    public const string OperatorApiVersion = "install.istio.io/v1alpha1";

    /// <summary>kind of IstioOperator.</summary>
    public const string OperatorKind = "IstioOperator";

    /// <summary>Name of the IstioOperator resource MeshStack applies.</summary>
    public const string OperatorResourceName = "meshstack";
}
