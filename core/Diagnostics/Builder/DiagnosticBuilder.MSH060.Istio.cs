using MeshStack.Core.Istio;
using MeshStack.Core.Model;

namespace MeshStack.Core.Diagnostics;

// MSH060-MSH068: the Istio install.
public static partial class DiagnosticBuilder
{
    /// <summary>MSH060: an Istio version outside the <paramref name="profile"/>'s range.</summary>
    internal static Diagnostic UnsupportedIstioVersion(IstioVersion version, Profile profile) => At("meshstack:istio.version", profile == Profile.LegacyGateways
        ? $"'{version}': the legacy-gateways profile is the Istio 1.6-1.8 guide; use 1.7.8, or the multi-primary profile for current Istio"
        : $"'{version}': the multi-primary profile installs the current Helm charts (1.20 or later, default {IstioVersion.Current}); for Istio 1.6-1.8 use profile: legacy-gateways");

    /// <summary>MSH061: two clusters that connect alike; <paramref name="context"/> is null for the current context.</summary>
    internal static Diagnostic ClusterConnection(string path, string cluster, string other, string? context) =>
        At(path, $"cluster '{cluster}' connects like '{other}' (context '{context ?? "(current)"}'); both would deploy to the same Kubernetes cluster. Set a distinct context or kubeconfig");

    /// <summary>MSH062: a legacy release whose overlay MeshStack does not carry; <paramref name="covered"/> names the releases it does.</summary>
    internal static Diagnostic LegacyOverlayUnavailable(string path, IstioVersion version, string covered, SourcePosition? position)
    {
        var why = version.Minor == 8
            ? "Istio 1.8 ships a different file (it drops values.global.controlPlaneSecurityEnabled, which the 1.8 values API no longer has) and MeshStack has no verified copy of it, so it will not substitute the 1.7 one"
            : "MeshStack has no verified copy of that release's file";
        return At(path,
            $"'{version}': the legacy-gateways profile applies the release's own values-istio-multicluster-gateways.yaml, carried for {covered}; {why}. " +
            $"Use {IstioVersion.LegacyDefault} (the classic guide's last release), or the multi-primary profile for current Istio",
            position);
    }

    /// <summary>MSH063: the legacy-gateways profile without the unpacked release folder.</summary>
    internal static Diagnostic IstioReleaseDirMissing(string path, IstioVersion version, SourcePosition? position) => At(path,
        $"missing: the unpacked Istio {version} release folder; the legacy-gateways profile installs the Istio operator from its {IstioCharts.OperatorChartPath} chart. " +
        $"Get it with `curl -L https://istio.io/downloadIstio | ISTIO_VERSION={version} sh -` and set meshstack:istio: {{ version: {version}, releaseDir: ./istio-{version} }}",
        position);

    /// <summary>MSH064: a release folder the multi-primary profile does not read.</summary>
    internal static Diagnostic IstioReleaseDirUnused(string path, string? releaseDir, SourcePosition? position) => At(path,
        $"'{releaseDir}' is not read: the multi-primary profile installs the charts {IstioCharts.BaseChart}, {IstioCharts.IstiodChart} and {IstioCharts.GatewayChart} from {IstioCharts.Repository}; remove releaseDir",
        position);

    /// <summary>MSH065: a legacy gateway's nodePort, which must be the one Kubernetes assigned to 15443.</summary>
    internal static Diagnostic LegacyGatewayNodePort(string path, int nodePort) => At(path,
        $"the legacy-gateways profile keeps the release's own istio-ingressgateway Service, so MeshStack cannot choose its node port: {nodePort} must be the one " +
        "Kubernetes assigned to port 15443, as the classic guide reads it: kubectl -n istio-system get svc istio-ingressgateway -o jsonpath='{.spec.ports[?(@.port==15443)].nodePort}'");

    /// <summary>MSH066: a Kubernetes version the legacy Istio charts cannot install on.</summary>
    internal static Diagnostic KubernetesTooNew(string path, KubernetesVersion kubernetes, IstioVersion istio) => At(path,
        $"'{kubernetes}': Istio {istio}'s charts use admissionregistration.k8s.io/v1beta1 (removed in Kubernetes 1.22) and policy/v1beta1 (removed in 1.25), " +
        "so they install only on Kubernetes 1.21 or older; use the multi-primary profile (Istio 1.20 or later) on this cluster");

    /// <summary>MSH067: this istiod reads cacerts at start; <paramref name="contexts"/> are the clusters' contexts (null: the current one).</summary>
    internal static Diagnostic IstiodRestartAfterRenewal(IstioVersion version, IEnumerable<string?> contexts)
    {
        var restarts = string.Join("; ", contexts.Select(ctx => $"kubectl{(ctx is not null ? $" --context {ctx}" : "")} -n istio-system rollout restart deployment/istiod"));
        return At("meshstack:intermediateCa",
            $"istiod {version} reads istio-system/cacerts only when it starts, so after 'pulumi up' or 'meshstack render' renews an intermediate (within renewBeforeDays of expiry) restart it in each cluster: {restarts}");
    }

    /// <summary>MSH068: a Kubernetes version that is not MAJOR.MINOR.</summary>
    internal static Diagnostic InvalidKubernetesVersion(string path, string text, SourcePosition? position) =>
        At(path, $"'{text}' is not a Kubernetes version; write MAJOR.MINOR as 'kubectl version' shows the server, e.g. kubernetesVersion: \"1.21\"", position);
}
