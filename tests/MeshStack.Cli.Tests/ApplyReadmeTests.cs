using System.Text.RegularExpressions;

namespace MeshStack.Cli.Tests;

/// <summary>README's "Apply the rendered output" commands name every folder render writes, with its tool, in its order (issue 15).</summary>
public partial class ApplyReadmeTests
{
    [Fact]
    public void The_readme_applies_every_rendered_folder_of_the_dev_stack_with_its_tool_in_name_order()
    {
        var readme = File.ReadAllText(Path.Combine(CliRun.RepoRoot, "README.md"));
        var start = readme.IndexOf("## Apply the rendered output", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no section 'Apply the rendered output'");
        var block = readme[readme.IndexOf("```bash", start, StringComparison.Ordinal)..];
        block = block[..block.IndexOf("\n```", 7, StringComparison.Ordinal)];

        var printed = new List<(string Cluster, string Folder, string Tool)>();
        foreach (var line in block.Split('\n'))
        {
            if (Kustomize().Match(line) is { Success: true } k)
            {
                Assert.Equal("kind-" + k.Groups["cluster"].Value, k.Groups["context"].Value);
                printed.Add((k.Groups["cluster"].Value, k.Groups["folder"].Value, "kustomize"));
            }
            else if (Helmfile().Match(line) is { Success: true } h)
            {
                printed.Add((h.Groups["cluster"].Value, h.Groups["folder"].Value, "helmfile"));
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
        Assert.Contains("kubectl --context kind-cluster1 -n foo exec deploy/sleep -c sleep -- curl -sS httpbin.bar.global:8000/headers", block, StringComparison.Ordinal);
        Assert.True(block.LastIndexOf("curl", StringComparison.Ordinal) > block.LastIndexOf("-k gitops/", StringComparison.Ordinal), "the check comes after everything is applied");
    }

    [GeneratedRegex(@"^kubectl --context (?<context>\S+) apply --server-side --field-manager=meshstack -k gitops/(?<cluster>[^/\s]+)/(?<folder>[^/\s]+)$")]
    private static partial Regex Kustomize();

    [GeneratedRegex(@"^helmfile --file gitops/(?<cluster>[^/\s]+)/(?<folder>[^/\s]+)/helmfile\.yaml sync$")]
    private static partial Regex Helmfile();
}
