using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Cli;

/// <summary>
/// Deploy-time values for <c>meshstack render</c>: gateway and service addresses from flags, the mesh ID from the lock
/// file, CA files from <c>--ca-dir</c>. What it cannot resolve is reported with the flag that supplies it.
/// </summary>
internal sealed class CliResolver : IDeployValueResolver
{
    private readonly TableResolver table;
    private readonly string? caDir;

    public CliResolver(IReadOnlyDictionary<DeployValue, string> values, string? caDir)
    {
        table = new TableResolver(values);
        this.caDir = caDir;
    }

    public string? Resolve(DeployValue value) => value switch
    {
        CaFileOf f when caDir is not null => ReadCaFile(f),
        _ => table.Resolve(value),
    };

    /// <summary>The flag a user passes to supply a value, for the "unresolved" hint.</summary>
    public static string HintFor(DeployValue value) => value switch
    {
        GatewayAddressOf g => $"pass --gateway-address {g.Cluster}=<LoadBalancer IP or host name>, or set gateway.address in the stack file",
        ResolutionFor r => $"pass --gateway-address for {r.RemoteClusters}",
        EgressEndpointFor e => $"pass --gateway-address for {e.RemoteClusters} and --egress-gateway-ip {e.Consumer}=<ClusterIP>",
        EgressGatewayIpOf e => $"pass --egress-gateway-ip {e.Cluster}=<ClusterIP of istio-egressgateway>",
        IstioCoreDnsIpOf d => $"pass --istiocoredns-ip {d.Cluster}=<ClusterIP of istiocoredns>",
        CaFileOf f => $"pass --ca-dir DIR, a folder written by 'meshstack ca init' that holds {f.Cluster}/{Core.Pki.CaFiles.FileName(f.File)}",
        Core.Dns.MergedCorefile m => $"pass --istiocoredns-ip {m.Cluster}=<ClusterIP of istiocoredns>",
        Core.Dns.MergedStubDomains s => $"pass --istiocoredns-ip {s.Cluster}=<ClusterIP of istiocoredns>",
        _ => "this value is only known at deploy time",
    };

    private string? ReadCaFile(CaFileOf file)
    {
        var path = Path.Combine(caDir!, file.Cluster, Core.Pki.CaFiles.FileName(file.File));
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
