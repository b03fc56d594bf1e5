using MeshStack.Core.Plan;

namespace MeshStack.Core.Diagnostics;

// MSH090-MSH093: deploy-time values, istiod's verdict on the plan, and per-cluster stack names.
public static partial class DiagnosticBuilder
{
    /// <summary>MSH090: a deploy-time <paramref name="value"/> that an object or Helm values need, with the meshstack render flag that gives it.</summary>
    public static Diagnostic UnresolvedValue(string path, DeployValue value, bool helmValues)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hint = value switch
        {
            GatewayAddressOf g => $"pass --gateway-address {g.Cluster}=<LoadBalancer IP or host name>, or set gateway.address in the stack file",
            ResolutionFor r => $"pass --gateway-address for {r.RemoteClusters}",
            EgressEndpointFor e => $"pass --gateway-address for {e.RemoteClusters} and --egress-gateway-ip {e.Consumer}=<ClusterIP>",
            EgressGatewayIpOf e => $"pass --egress-gateway-ip {e.Cluster}=<ClusterIP of istio-egressgateway>",
            IstioCoreDnsIpOf d => $"pass --istiocoredns-ip {d.Cluster}=<ClusterIP of istiocoredns>",
            CaFileOf f => $"pass --ca-dir DIR, a folder written by 'meshstack ca init' that holds {f.Cluster}/{Pki.CaFiles.FileName(f.File)}",
            Dns.MergedCorefile m => $"pass --istiocoredns-ip {m.Cluster}=<ClusterIP of istiocoredns>",
            Dns.MergedStubDomains s => $"pass --istiocoredns-ip {s.Cluster}=<ClusterIP of istiocoredns>",
            _ => "this value is only known at deploy time",
        };
        return At(path, $"{value.Describe()} is needed to render {(helmValues ? "these Helm values" : "this object")}; {hint}");
    }

    /// <summary>MSH091: istiod's validation would reject a planned object.</summary>
    internal static Diagnostic RejectedByIstiod(string path, string kind, string name, string cluster, string rule, string finding) => At(path,
        $"istiod would reject {kind} '{name}' in cluster '{cluster}' (rule {rule}): {finding}. " +
        "Nothing is applied; change the config value that feeds this field, or report a MeshStack bug if the config looks right.");

    /// <summary>MSH092: istiod's validation would warn about a planned object.</summary>
    internal static Diagnostic IstiodWarning(string path, string kind, string name, string cluster, string rule, string finding) =>
        At(path, $"istiod would warn about {kind} '{name}' in cluster '{cluster}' (rule {rule}): {finding}");

    /// <summary>MSH093: a per-cluster stack whose name ends in no cluster's name.</summary>
    internal static Diagnostic StackNotACluster(string stack, IReadOnlyList<string> clusters) => At("meshstack:stackMode",
        $"stack '{stack}' names no cluster; with stackMode per-cluster name each stack after its cluster " +
        $"('<env>-<cluster>', e.g. '{(clusters.Count > 0 ? "prod-" + clusters[0] : "prod-cluster1")}'); clusters: {string.Join(", ", clusters)}");
}
