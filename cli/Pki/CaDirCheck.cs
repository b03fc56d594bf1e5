using MeshStack.Core.Pki;
using MeshStack.Core.Plan;

namespace MeshStack.Cli.Pki;

/// <summary>
/// <c>render --ca-dir DIR</c> checked before anything is resolved: a folder that is missing, a file, or not a folder
/// from <c>meshstack ca init</c> for these clusters is one usage error that names the folder, never "pass --ca-dir".
/// </summary>
internal static class CaDirCheck
{
    public static void Require(CliContext context, string caDir, FederationPlan plan)
    {
        var path = context.Resolve(caDir);
        if (File.Exists(path))
        {
            throw new UsageException($"--ca-dir '{caDir}' is a file; pass the folder written by 'meshstack ca init --out DIR'");
        }

        if (!Directory.Exists(path))
        {
            throw new UsageException($"--ca-dir '{caDir}' does not exist; create it with 'meshstack ca init --out {caDir}'");
        }

        var needed = plan.Clusters
            .Where(c => c.Objects.Any(o => o.IsSecret))
            .SelectMany(c => CaFiles.All.Select(f => Path.Combine(c.Cluster.Name, CaFiles.FileName(f))))
            .ToList();
        var missing = needed.Where(f => !File.Exists(Path.Combine(path, f))).ToList();
        if (missing.Count == needed.Count && missing.Count > 0)
        {
            throw new UsageException($"--ca-dir '{caDir}' is not a CA folder of this stack (no {missing[0]}, nor the other {missing.Count - 1} file(s) render needs); pass the folder written by 'meshstack ca init', or create one with 'meshstack ca init --out {caDir} --force'");
        }

        if (missing.Count > 0)
        {
            throw new UsageException($"--ca-dir '{caDir}' lacks {string.Join(", ", missing.Take(4))}{(missing.Count > 4 ? $" and {missing.Count - 4} more" : "")}; re-issue with 'meshstack ca init --out {caDir} --force' (check it with 'meshstack ca check {caDir}')");
        }
    }
}
