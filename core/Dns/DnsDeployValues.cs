using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Dns;

/// <summary>
/// The cluster's live Corefile merged with <paramref name="GlobalBlock"/> (<see cref="CorefileMerger.AddGlobalBlock"/>).
/// The block may hold <see cref="GlobalBlocks.IstioCoreDnsToken"/>, filled with <see cref="IstioCoreDnsIpOf"/> at deploy time.
/// <paramref name="Version"/> picks the assumed Corefile when the live one is not available (the CLI).
/// </summary>
public sealed record MergedCorefile(string Cluster, string GlobalBlock, CoreDnsVersion? Version) : DeployValue
{
    /// <summary>True when the block needs the istiocoredns ClusterIP.</summary>
    public bool NeedsIstioCoreDns => GlobalBlock.Contains(GlobalBlocks.IstioCoreDnsToken, StringComparison.Ordinal);

    /// <summary>The block with the istiocoredns ClusterIP filled in.</summary>
    public string BlockWith(string? istioCoreDnsIp) =>
        istioCoreDnsIp is null ? GlobalBlock : GlobalBlock.Replace(GlobalBlocks.IstioCoreDnsToken, istioCoreDnsIp, StringComparison.Ordinal);

    /// <summary>The value that writes a live Corefile back without MeshStack's block (a DNS mode that needs none any more).</summary>
    public static MergedCorefile Cleanup(string cluster, CoreDnsVersion? version) => new(cluster, "", version);

    /// <summary>True for <see cref="Cleanup"/>.</summary>
    public bool IsCleanup => GlobalBlock.Length == 0;

    /// <summary>Merges the block (filled in) into a live Corefile, or, for <see cref="Cleanup"/>, removes MeshStack's block.</summary>
    public CorefileMerge MergeInto(string liveCorefile, string? istioCoreDnsIp) => IsCleanup
        ? CorefileMerger.RemoveGlobalBlock(liveCorefile)
        : CorefileMerger.AddGlobalBlock(liveCorefile, BlockWith(istioCoreDnsIp));

    /// <inheritdoc />
    public override string Describe() => IsCleanup
        ? $"live Corefile of {Cluster} without MeshStack's global:53 block"
        : $"live Corefile of {Cluster} plus MeshStack's global:53 block";
}

/// <summary>The cluster's live kube-dns <c>stubDomains</c> with <c>global</c> → the istiocoredns ClusterIP (<see cref="StubDomains.Merge"/>).</summary>
public sealed record MergedStubDomains(string Cluster) : DeployValue
{
    /// <inheritdoc />
    public override string Describe() => $"live kube-dns stubDomains of {Cluster} plus global -> istiocoredns";
}
