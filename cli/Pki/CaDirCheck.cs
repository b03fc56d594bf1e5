using MeshStack.Core.Pki;
using MeshStack.Core.Plan;

namespace MeshStack.Cli.Pki;

/// <summary>
/// <c>render --ca-dir DIR</c> checked before anything is resolved: a folder that is missing, a file, or not a folder
/// from <c>meshstack ca init</c> for these clusters is one usage error that names the folder, never "pass --ca-dir".
/// </summary>
internal static class CaDirCheck
{
    public static void Require(CliContext context, string caDir, FederationPlan plan, string stackFile)
    {
        // Every hint names the stack file and the folder: ca init completes a folder and never replaces a root in it.
        var init = $"meshstack ca init {stackFile} --out {caDir}";
        var path = context.Resolve(caDir);
        if (File.Exists(path))
        {
            throw new UsageException($"--ca-dir '{caDir}' is a file; pass the folder written by 'meshstack ca init {stackFile} --out DIR'");
        }

        if (!Directory.Exists(path))
        {
            throw new UsageException($"--ca-dir '{caDir}' does not exist; create it with '{init}'");
        }

        var needed = plan.Clusters
            .Where(c => c.Objects.Any(o => o.IsSecret))
            .SelectMany(c => CaFiles.All.Select(f => Path.Combine(c.Cluster.Name, CaFiles.FileName(f))))
            .ToList();
        var missing = needed.Where(f => !File.Exists(Path.Combine(path, f))).ToList();
        if (missing.Count == needed.Count && missing.Count > 0)
        {
            throw new UsageException($"--ca-dir '{caDir}' is not a CA folder of this stack (no {missing[0]}, nor the other {missing.Count - 1} file(s) render needs); pass the folder 'meshstack ca init {stackFile}' wrote, or complete this one with '{init}' (it keeps any root already there)");
        }

        if (missing.Count > 0)
        {
            throw new UsageException($"--ca-dir '{caDir}' lacks {string.Join(", ", missing.Take(4))}{(missing.Count > 4 ? $" and {missing.Count - 4} more" : "")}; run '{init}': it mints only what is missing and keeps the root (check it with 'meshstack ca check {caDir} {stackFile}')");
        }
    }
}
