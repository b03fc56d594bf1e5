using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Istio;

/// <summary>Configuration rules of the Istio install (MSH062-MSH065); MSH060 (version range per profile) sits in the spec validator.</summary>
internal static class IstioChecks
{
    /// <summary>MSH062: a legacy release in 1.6-1.8 whose upstream overlay MeshStack does not carry.</summary>
    public static void CheckVersion(NodeReader r, Profile profile, IstioVersion version, string path, SourcePosition? position)
    {
        if (profile != Profile.LegacyGateways || !version.IsMinorBetween(6, 8) || LegacyOverlays.For(version) is not null)
        {
            return;
        }

        var why = version.Minor == 8
            ? "Istio 1.8 ships a different file (it drops values.global.controlPlaneSecurityEnabled, which the 1.8 values API no longer has) and MeshStack has no verified copy of it, so it will not substitute the 1.7 one"
            : "MeshStack has no verified copy of that release's file";
        r.Report(Codes.LegacyOverlayUnavailable.At(path,
            $"'{version}': the legacy-gateways profile applies the release's own values-istio-multicluster-gateways.yaml, carried for {Covered()}; {why}. " +
            $"Use {IstioVersion.LegacyDefault} (the classic guide's last release), or the multi-primary profile for current Istio",
            position));
    }

    /// <summary>MSH063 when legacy-gateways lacks the release folder, MSH064 when multi-primary is given one it will not read.</summary>
    public static void CheckReleaseDir(NodeReader r, Profile profile, IstioVersion version, string? releaseDir, string path, SourcePosition? position)
    {
        var given = !string.IsNullOrWhiteSpace(releaseDir);
        if (profile == Profile.LegacyGateways && !given)
        {
            r.Report(Codes.IstioReleaseDirMissing.At(path,
                $"missing: the unpacked Istio {version} release folder; the legacy-gateways profile installs the Istio operator from its {IstioCharts.OperatorChartPath} chart. " +
                $"Get it with `curl -L https://istio.io/downloadIstio | ISTIO_VERSION={version} sh -` and set meshstack:istio: {{ version: {version}, releaseDir: ./istio-{version} }}",
                position));
        }
        else if (profile == Profile.MultiPrimary && given)
        {
            r.Report(Codes.IstioReleaseDirUnused.At(path,
                $"'{releaseDir}' is not read: the multi-primary profile installs the charts {IstioCharts.BaseChart}, {IstioCharts.IstiodChart} and {IstioCharts.GatewayChart} from {IstioCharts.Repository}; remove releaseDir",
                position));
        }
    }

    /// <summary>
    /// MSH065: legacy-gateways keeps the upstream ingress gateway Service, whose node ports Kubernetes assigns.
    /// MSH066: Istio 1.6-1.8's charts register their webhooks as admissionregistration.k8s.io/v1beta1 (and their
    /// PodDisruptionBudgets as policy/v1beta1), which Kubernetes 1.22 (1.25) no longer serves.
    /// MSH067: istiod 1.7 reads cacerts only when it starts (current istiod watches the secret), so a renewed
    /// intermediate takes effect only after a restart; the warning names the command per cluster.
    /// </summary>
    public static void CheckClusters(MeshSpec spec, IReadOnlyList<SpecReader.ReadCluster> clusters, NodeReader r)
    {
        if (spec.Profile != Profile.LegacyGateways)
        {
            return;
        }

        foreach (var c in clusters.Where(c => c.Spec.KubernetesVersion is { } v && v >= KubernetesVersion.FirstWithoutV1Beta1Webhooks))
        {
            r.Report(Codes.KubernetesTooNew.At(ConfigPath.Child(c.Path, "kubernetesVersion"),
                $"'{c.Spec.KubernetesVersion}': Istio {spec.IstioVersion}'s charts use admissionregistration.k8s.io/v1beta1 (removed in Kubernetes 1.22) and policy/v1beta1 (removed in 1.25), " +
                "so they install only on Kubernetes 1.21 or older; use the multi-primary profile (Istio 1.20 or later) on this cluster"));
        }

        var restarts = string.Join("; ", clusters.Select(c => $"kubectl{(c.Spec.Connection.Context is { } ctx ? $" --context {ctx}" : "")} -n istio-system rollout restart deployment/istiod"));
        r.Report(Codes.IstiodRestartAfterRenewal.At("meshstack:intermediateCa",
            $"istiod {spec.IstioVersion} reads istio-system/cacerts only when it starts, so after 'pulumi up' or 'meshstack render' renews an intermediate (within renewBeforeDays of expiry) restart it in each cluster: {restarts}"));

        foreach (var c in clusters.Where(c => c.Spec.Gateway.NodePort is not null))
        {
            r.Report(Codes.LegacyGatewayNodePort.At(ConfigPath.Child(ConfigPath.Child(c.Path, "gateway"), "nodePort"),
                $"the legacy-gateways profile keeps the release's own istio-ingressgateway Service, so MeshStack cannot choose its node port: {c.Spec.Gateway.NodePort} must be the one " +
                "Kubernetes assigned to port 15443, as the classic guide reads it: kubectl -n istio-system get svc istio-ingressgateway -o jsonpath='{.spec.ports[?(@.port==15443)].nodePort}'"));
        }
    }

    /// <summary>The covered releases, adjacent ranges joined: "1.6.1-1.6.14 and 1.7.0-1.7.8".</summary>
    private static string Covered()
    {
        var ranges = new List<(IstioVersion From, IstioVersion To)>();
        foreach (var o in LegacyOverlays.All)
        {
            if (ranges.Count > 0 && ranges[^1].To with { Patch = ranges[^1].To.Patch + 1 } == o.From)
            {
                ranges[^1] = (ranges[^1].From, o.To);
            }
            else
            {
                ranges.Add((o.From, o.To));
            }
        }

        return string.Join(" and ", ranges.Select(x => $"{x.From}-{x.To}"));
    }
}
