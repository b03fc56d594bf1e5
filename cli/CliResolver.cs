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
    private string? ReadCaFile(CaFileOf file)
    {
        var path = Path.Combine(caDir!, file.Cluster, Core.Pki.CaFiles.FileName(file.File));
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
