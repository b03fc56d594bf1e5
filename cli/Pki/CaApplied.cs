using MeshStack.Core.Deployment;

namespace MeshStack.Cli.Pki;

/// <summary>
/// <c>meshstack ca applied DIR</c>: the operator's word that the folder's pending rotation step reached every cluster
/// (rendered, applied, and on istiod 1.7 istiod and the workloads restarted). The step's waits count from now, and
/// <c>ca init</c> takes the next step only after this (core: <see cref="AppliedTrust"/>, MSH219).
/// </summary>
internal static class CaApplied
{
    public static int Run(CliContext context, string name)
    {
        var path = context.Resolve(name);
        if (!Directory.Exists(path))
        {
            throw new UsageException($"'{name}' is not a folder; create one with meshstack ca init --out {name}");
        }

        var folder = new CaFolder(path);
        var (trust, pendingStep) = CaInit.ReadTrust(folder, name);
        if (trust is null || !File.Exists(folder.File(CaFolder.TrustFile)))
        {
            throw new UsageException($"'{name}' has no {CaFolder.TrustFile}: it was not written by meshstack ca init");
        }

        if (pendingStep is not { Since: var pending })
        {
            context.Out.WriteLine($"{name}: no rotation step is pending (roots {string.Join(", ", trust.Roots.Keys)} signed by '{trust.Signer}').");
            return ExitCodes.Ok;
        }

        var now = DateTimeOffset.UtcNow;
        folder.EnsureWritable(name);
        CaInit.WriteTrust(folder, AppliedTrust.Applied(trust, pending, now), pendingStep: null);
        context.Out.WriteLine($"{name}: the rotation step written on {CaInspector.Time(pending)} (roots {string.Join(", ", trust.Roots.Keys)} signed by '{trust.Signer}') is recorded as applied on {CaInspector.Time(now)}; " +
            "the next step waits a workload certificate lifetime from now.");
        return ExitCodes.Ok;
    }
}
