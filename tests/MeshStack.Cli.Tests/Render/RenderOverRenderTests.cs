using System.Text.Json;

namespace MeshStack.Cli.Tests.Render;

/// <summary>
/// A render over an earlier render (issue 19): it refuses another stack's folder, reads back the releases the earlier one
/// installed so dropped ones are uninstalled, and <c>plan --diff</c> shows what it would change without writing.
/// </summary>
public class RenderOverRenderTests
{
    [Fact]
    public void Rendering_one_stack_into_another_stacks_folder_is_refused_unless_forced()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        run.CopyFromRepo("Pulumi.staging.yaml");
        Assert.Equal(0, run.Run("render", "--out", "gitops").Exit);
        var before = Files(run, "gitops");

        var (exit, _, stderr) = run.Run("render", "Pulumi.staging.yaml", "--out", "gitops", "--gateway-address", "us-east=203.0.113.7");
        Assert.Equal(2, exit);
        Assert.Contains("Pulumi.staging.yaml: error MSH129: --out: 'gitops' holds the render of stack 'dev', not of 'staging'", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was written", stderr, StringComparison.Ordinal);
        Assert.Equal(before, Files(run, "gitops"));

        var forced = run.Run("render", "Pulumi.staging.yaml", "--out", "gitops", "--gateway-address", "us-east=203.0.113.7", "--force");
        Assert.True(forced.Exit == 0, forced.Err);
        Assert.Contains("stack: staging", File.ReadAllText(Path.Combine(run.Directory, "gitops", ".meshstack-render")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "gitops", "cluster1")));
    }

    [Fact]
    public void A_render_from_before_the_marker_named_its_stack_is_replaced_as_before()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("render", "--out", "gitops").Exit);
        File.WriteAllText(Path.Combine(run.Directory, "gitops", ".meshstack-render"), "Written by meshstack render; the whole folder is replaced on the next render.\n");
        var (exit, _, stderr) = run.Run("render", "--out", "gitops");
        Assert.True(exit == 0, stderr);
        Assert.Contains("stack: dev", File.ReadAllText(Path.Combine(run.Directory, "gitops", ".meshstack-render")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_previous_helmfile_that_cannot_be_read_back_is_MSH130_and_force_renders_over_it()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("render", "--out", "gitops").Exit);
        File.WriteAllText(Path.Combine(run.Directory, "gitops", "cluster1", "02-charts", "helmfile.yaml"), "releases: [ {name: istiod\n");
        var (exit, _, stderr) = run.Run("render", "--out", "gitops");
        Assert.Equal(2, exit);
        Assert.Contains("error MSH130: --out gitops/cluster1/02-charts/helmfile.yaml:", stderr, StringComparison.Ordinal);
        Assert.Equal(0, run.Run("render", "--out", "gitops", "--force").Exit);
    }

    [Fact]
    public void A_release_dropped_from_the_stack_is_uninstalled_by_the_next_helmfile_sync()
    {
        using var run = new CliRun();
        var dev = File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml"));
        run.Write("Pulumi.dev.yaml", dev);
        Assert.Equal(0, run.Run("render", "--out", "gitops").Exit);
        run.Write("Pulumi.dev.yaml", dev.Replace("      egressGateway: true\n", "", StringComparison.Ordinal));
        Assert.Equal(0, run.Run("render", "--out", "gitops").Exit);
        var helmfile = File.ReadAllText(Path.Combine(run.Directory, "gitops", "cluster1", "02-charts", "helmfile.yaml"));
        Assert.EndsWith("- name: istio-egressgateway\n  namespace: istio-system\n  chart: istio-release/gateway\n  installed: false\n", helmfile, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run.Directory, "gitops", "cluster1", "02-charts", "istio-egressgateway.values.yaml")));
    }

    [Fact]
    public void Plan_diff_names_what_a_render_would_change_and_writes_nothing()
    {
        using var run = new CliRun();
        var dev = File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml"));
        run.Write("Pulumi.dev.yaml", dev);
        Assert.Equal(0, run.Run("render", "--out", "gitops").Exit);
        var before = Files(run, "gitops");
        Assert.Contains("No changes.", run.Run("plan", "--diff", "--out", "gitops").Out, StringComparison.Ordinal);

        run.Write("Pulumi.dev.yaml", dev.Replace("address: 172.18.255.2", "address: 172.18.255.9", StringComparison.Ordinal).Replace("      egressGateway: true\n", "", StringComparison.Ordinal));
        var (exit, stdout, stderr) = run.Run("plan", "--diff", "--out", "gitops");
        Assert.True(exit == 0, stderr);
        Assert.Contains("""
            cluster1
              ~ ServiceEntry istio-system/httpbin.bar.global
                  spec.endpoints[0].address: 172.18.255.2 → 172.18.255.9
              - release istio-system/istio-egressgateway (istio-release/gateway 1.30.3): uninstalled
            """.ReplaceLineEndings("\n"), stdout, StringComparison.Ordinal);
        Assert.Equal(before, Files(run, "gitops"));

        var json = JsonDocument.Parse(run.Run("plan", "--diff", "--out", "gitops", "--json").Out).RootElement;
        Assert.Equal("gitops", json.GetProperty("engine").GetString());
        var cluster1 = json.GetProperty("clusters").EnumerateArray().Single(c => c.GetProperty("cluster").GetString() == "cluster1");
        Assert.Equal("uninstalled", cluster1.GetProperty("releases")[0].GetProperty("change").GetString());
        Assert.Equal("172.18.255.9", cluster1.GetProperty("objects")[0].GetProperty("fields")[0].GetProperty("after").GetString());
    }

    [Fact]
    public void Plan_diff_never_prints_key_material_and_flags_a_new_root()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("ca", "init", "--out", "ca").Exit);
        Assert.Equal(0, run.Run("render", "--out", "gitops", "--ca-dir", "ca").Exit);
        Directory.Delete(Path.Combine(run.Directory, "ca"), recursive: true);
        Assert.Equal(0, run.Run("ca", "init", "--out", "ca").Exit);
        var secrets = Directory.GetFiles(Path.Combine(run.Directory, "ca"), "*.pem", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(run.Directory, "gitops"), "resources.yaml", SearchOption.AllDirectories).Where(f => f.Contains("01-cacerts", StringComparison.Ordinal)))
            .SelectMany(f => File.ReadAllLines(f))
            .Select(l => l.Trim())
            .Where(l => l.Length > 40 && !l.StartsWith("-----", StringComparison.Ordinal))
            .Select(l => l.Contains(": ", StringComparison.Ordinal) ? l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..] : l)
            .Select(l => l[..40])
            .ToList();
        Assert.NotEmpty(secrets);

        foreach (var args in new[] { new[] { "plan", "--diff", "--out", "gitops", "--ca-dir", "ca" }, ["plan", "--diff", "--out", "gitops", "--ca-dir", "ca", "--json"] })
        {
            var (exit, stdout, stderr) = run.Run(args);
            Assert.True(exit == 0, stderr);
            Assert.All(secrets, s => Assert.DoesNotContain(s, stdout + stderr, StringComparison.Ordinal));
            Assert.Contains("warning MSH134: cluster1/Secret/istio-system/cacerts:", stderr, StringComparison.Ordinal);
            if (!args.Contains("--json"))
            {
                Assert.Contains("changed (secret): stringData[\"ca-cert.pem\"], stringData[\"ca-key.pem\"], stringData[\"root-cert.pem\"], stringData[\"cert-chain.pem\"]", stdout, StringComparison.Ordinal);
            }
        }

        // Without --ca-dir cacerts is not rendered: the live one is kept, not compared and not pruned.
        var kept = run.Run("plan", "--diff", "--out", "gitops");
        Assert.Contains("= Secret istio-system/cacerts: kept: not rendered (no --ca-dir)", kept.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_flags_are_refused_without_diff()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        var (exit, _, stderr) = run.Run("plan", "--out", "gitops");
        Assert.Equal(2, exit);
        Assert.Contains("read only with --diff", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_from_standard_input_reads_the_lock_file_it_is_given_and_warns_without_one()
    {
        using var run = new CliRun();
        var dev = File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml")).Replace("      address: 240.0.0.2            # pinned, as in the guide\n", "", StringComparison.Ordinal);
        run.Write("meshstack.dev.lock.json", """{ "addresses": { "httpbin.bar": "240.0.0.9" } }""");

        var given = run.RunWithInput(dev, "plan", "-", "--lock-file", "meshstack.dev.lock.json", "--json");
        Assert.True(given.Exit == 0, given.Err);
        Assert.Contains("240.0.0.9", given.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("MSH131", given.Err, StringComparison.Ordinal);

        var without = run.RunWithInput(dev, "plan", "-");
        Assert.Equal(0, without.Exit);
        Assert.DoesNotContain("240.0.0.9", without.Out, StringComparison.Ordinal);
        Assert.Contains("<stdin>: warning MSH131: --lock-file:", without.Err, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Files(CliRun run, string folder)
    {
        var root = Path.Combine(run.Directory, folder);
        return Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText, StringComparer.Ordinal);
    }
}
