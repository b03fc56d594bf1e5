using System.Text.RegularExpressions;

namespace MeshStack.Cli.Tests.Apply;

/// <summary>docs/gitops.md's "Apply the rendered output" commands name every folder render writes, with its tool, in its order (issue 15).</summary>
public partial class ApplyReadmeTests
{
    [Fact]
    public void The_gitops_guide_applies_every_rendered_folder_of_the_dev_stack_with_its_tool_in_name_order()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "docs", "gitops.md"));
        var start = readme.IndexOf("# Apply the rendered output", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/gitops.md has no section 'Apply the rendered output'");
        var block = readme[readme.IndexOf("```bash", start, StringComparison.Ordinal)..];
        block = block[..block.IndexOf("\n```", 7, StringComparison.Ordinal)];

        var printed = new List<(string Cluster, string Folder, string Tool)>();
        var parents = new List<(string Cluster, string ApplySet)>();
        string? created = null;
        foreach (var line in block.Split('\n'))
        {
            if (Kustomize().Match(line) is { Success: true } k)
            {
                Assert.Equal("kind-" + k.Groups["cluster"].Value, k.Groups["context"].Value);
                Assert.NotEqual("99-prune", k.Groups["folder"].Value);
                printed.Add((k.Groups["cluster"].Value, k.Groups["folder"].Value, "kustomize"));
            }
            else if (Helmfile().Match(line) is { Success: true } h)
            {
                printed.Add((h.Groups["cluster"].Value, h.Groups["folder"].Value, "helmfile"));
            }
            else if (CreateParent().Match(line) is { Success: true } c)
            {
                Assert.Equal("kind-" + c.Groups["cluster"].Value, c.Groups["context"].Value);
                Assert.Equal(c.Groups["context"].Value, c.Groups["context2"].Value);
                Assert.Equal(c.Groups["cluster"].Value, c.Groups["cluster2"].Value);
                created = c.Groups["cluster"].Value;
            }
            else if (Prune().Match(line) is { Success: true } p)
            {
                // The parent must exist before the prune (kubectl never creates a custom-resource parent itself).
                Assert.Equal(p.Groups["cluster"].Value, created);
                Assert.Equal("kind-" + p.Groups["cluster"].Value, p.Groups["context"].Value);
                printed.Add((p.Groups["cluster"].Value, "99-prune", "kustomize"));
                parents.Add((p.Groups["cluster"].Value, p.Groups["applyset"].Value));
                created = null;
            }
            else
            {
                Assert.DoesNotMatch(@"^(KUBECTL_APPLYSET=\S+ )?kubectl .* -k ", line);
            }
        }

        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Contains("meshstack ca init --out ../mesh-ca", block, StringComparison.Ordinal);
        Assert.Contains("meshstack render --out gitops --ca-dir ../mesh-ca", block, StringComparison.Ordinal);
        Assert.Equal(0, run.Run("ca", "init", "--out", "ca").Exit);
        var (exit, _, stderr) = run.Run("render", "--out", "gitops", "--ca-dir", "ca");
        Assert.True(exit == 0, stderr);

        var written = new List<(string Cluster, string Folder, string Tool)>();
        foreach (var cluster in printed.Select(p => p.Cluster).Distinct())
        {
            foreach (var folder in Directory.GetDirectories(Path.Combine(run.Directory, "gitops", cluster)).Order(StringComparer.Ordinal))
            {
                var tool = File.Exists(Path.Combine(folder, "kustomization.yaml")) ? "kustomize"
                    : File.Exists(Path.Combine(folder, "helmfile.yaml")) ? "helmfile" : "none";
                written.Add((cluster, Path.GetFileName(folder), tool));
            }
        }

        Assert.Equal(["cluster1", "cluster2"], printed.Select(p => p.Cluster).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(written, printed);
        foreach (var (cluster, applySet) in parents)
        {
            // --applyset names the parent render wrote (RESOURCE.GROUP/NAME, kubectl ParseApplySetParentRef).
            var parent = File.ReadAllText(Path.Combine(run.Directory, "gitops", cluster, "99-prune", "applyset.yaml"));
            Assert.Equal("applysets.meshstack.io/" + Regex.Match(parent, @"(?m)^  name: (\S+)$").Groups[1].Value, applySet);
        }

        Assert.Contains("kubectl --context kind-cluster1 -n foo exec deploy/sleep -c sleep -- curl -sS httpbin.bar.global:8000/headers", block, StringComparison.Ordinal);
        Assert.True(block.LastIndexOf("curl", StringComparison.Ordinal) > block.LastIndexOf("-k gitops/", StringComparison.Ordinal), "the check comes after everything is applied");
    }

    [GeneratedRegex(@"^kubectl --context (?<context>\S+) apply --server-side --field-manager=meshstack -k gitops/(?<cluster>[^/\s]+)/(?<folder>[^/\s]+)$")]
    private static partial Regex Kustomize();

    [GeneratedRegex(@"^helmfile --file gitops/(?<cluster>[^/\s]+)/(?<folder>[^/\s]+)/helmfile\.yaml sync$")]
    private static partial Regex Helmfile();

    [GeneratedRegex(@"^kubectl --context (?<context>\S+) get -f gitops/(?<cluster>[^/\s]+)/99-prune/applyset\.yaml >/dev/null 2>&1 \|\| kubectl --context (?<context2>\S+) create -f gitops/(?<cluster2>[^/\s]+)/99-prune/applyset\.yaml$")]
    private static partial Regex CreateParent();

    // The membership apply: kubectl's ApplySet gate, its own field manager (never meshstack's), prune with the set.
    [GeneratedRegex(@"^KUBECTL_APPLYSET=true kubectl --context (?<context>\S+) apply --server-side --field-manager=meshstack-applyset --prune --applyset=(?<applyset>\S+) -k gitops/(?<cluster>[^/\s]+)/99-prune$")]
    private static partial Regex Prune();
}
