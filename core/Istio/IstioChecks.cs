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

        r.Report(DiagnosticBuilder.LegacyOverlayUnavailable(path, version, Covered(), position));
    }

    /// <summary>MSH063 when legacy-gateways lacks the release folder, MSH064 when multi-primary is given one it will not read.</summary>
    public static void CheckReleaseDir(NodeReader r, Profile profile, IstioVersion version, string? releaseDir, string path, SourcePosition? position)
    {
        var given = !string.IsNullOrWhiteSpace(releaseDir);
        if (profile == Profile.LegacyGateways && !given)
        {
            r.Report(DiagnosticBuilder.IstioReleaseDirMissing(path, version, position));
        }
        else if (profile == Profile.MultiPrimary && given)
        {
            r.Report(DiagnosticBuilder.IstioReleaseDirUnused(path, releaseDir, position));
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
            r.Report(DiagnosticBuilder.KubernetesTooNew(ConfigPath.Child(c.Path, "kubernetesVersion"), c.Spec.KubernetesVersion!, spec.IstioVersion));
        }

        r.Report(DiagnosticBuilder.IstiodRestartAfterRenewal(spec.IstioVersion, clusters.Select(c => c.Spec.Connection.Context)));

        foreach (var c in clusters.Where(c => c.Spec.Gateway.NodePort is not null))
        {
            r.Report(DiagnosticBuilder.LegacyGatewayNodePort(ConfigPath.Child(ConfigPath.Child(c.Path, "gateway"), "nodePort"), c.Spec.Gateway.NodePort!.Value));
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
