using System.Text.Json.Nodes;

namespace MeshStack.Cli.Tests.Apply;

/// <summary>
/// docs/gitops.md's apply commands, run as written with the real <c>kubectl</c> (its ApplySet code) against a recording API
/// server per cluster, after two renders (issue 19): the second run deletes what the first rendered and the second no
/// longer does, and nothing else: not objects MeshStack never rendered, not cacerts, not namespaces, not the parent.
/// helmfile lines are not run (helmfile is not installed here); the server starts with Istio's CRDs as the base chart
/// would leave them. What the fake server cannot show (server-side-apply ownership, admission, garbage collection) is
/// listed on <see cref="FakeApiServer"/>.
/// </summary>
public class ApplyPruneKubectlTests
{
    private const string Echo = """
            - name: echo
              namespace: baz
              clusters: [cluster2]
              ports:
                - name: http
                  number: 9000
                  protocol: http
              consumers: [cluster1]
        """;

    [Fact]
    public void The_second_apply_prunes_what_the_second_render_dropped_and_keeps_everything_else()
    {
        using var run = new CliRun();
        using var cluster1 = new FakeApiServer();
        using var cluster2 = new FakeApiServer();
        var env = Environment(run, cluster1, cluster2);
        var userEntry = new JsonObject
        {
            ["apiVersion"] = "networking.istio.io/v1",
            ["kind"] = "ServiceEntry",
            ["metadata"] = new JsonObject { ["name"] = "users-own.example.com", ["namespace"] = "istio-system" },
            ["spec"] = new JsonObject { ["hosts"] = new JsonArray("users-own.example.com") },
        };
        cluster1.Seed("networking.istio.io", "serviceentries", "istio-system", userEntry);

        var dev = File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml"));
        run.Write("Pulumi.dev.yaml", dev.Replace("  meshstack:addressPool:", Echo + "\n  meshstack:addressPool:", StringComparison.Ordinal));
        Assert.Equal(0, run.Run("ca", "init", "--out", "ca").Exit);
        const string ca = "ca";
            var rendered = run.Run("render", "--out", "gitops", "--ca-dir", ca);
            Assert.True(rendered.Exit == 0, rendered.Err);
            var first = ApplyAsReadmeSays(run, env);
            Assert.Contains("Secret/istio-system/cacerts", cluster1.Objects());
            Assert.Contains("ServiceEntry/istio-system/echo.baz.global", cluster1.Objects());
            Assert.Contains("ServiceEntry/baz/echo.baz.global", cluster2.Objects());
            Assert.Contains("Deployment/foo/sleep", cluster1.Objects());
            Assert.DoesNotContain("pruned", first, StringComparison.Ordinal);
            var parent = cluster1.Get("meshstack.io", "applysets", null, "meshstack-mesh1")!;
            Assert.Equal("ServiceEntry.networking.istio.io", ((string)parent["metadata"]!["annotations"]!["applyset.kubernetes.io/contains-group-kinds"]!).Split(',').Single(k => k.StartsWith("ServiceEntry", StringComparison.Ordinal)));
            var before1 = cluster1.Objects();
            var before2 = cluster2.Objects();
            var members1 = Members(run, "cluster1");
            var members2 = Members(run, "cluster2");

            // Run 2: the echo service and the demo are gone, and the render has no --ca-dir.
            run.Write("Pulumi.dev.yaml", dev.Replace("meshstack:demo: true", "meshstack:demo: false", StringComparison.Ordinal));
            rendered = run.Run("render", "--out", "gitops");
            Assert.True(rendered.Exit == 0, rendered.Err);
            var second = ApplyAsReadmeSays(run, env);

            // Exactly the members of run 1 that run 2 no longer lists are deleted, on each cluster.
            var gone1 = members1.Except(Members(run, "cluster1")).ToList();
            var gone2 = members2.Except(Members(run, "cluster2")).ToList();
            Assert.Subset(gone1.ToHashSet(), new HashSet<string> { "Deployment/foo/sleep", "Service/foo/sleep", "ServiceAccount/foo/sleep", "ServiceEntry/istio-system/echo.baz.global" });
            Assert.Subset(gone2.ToHashSet(), new HashSet<string> { "Deployment/bar/httpbin-v1", "Service/bar/httpbin", "ServiceAccount/bar/httpbin", "ServiceEntry/baz/echo.baz.global", "Deployment/baz/echo-v1" });
            Assert.Equal(before1.Except(gone1).Order(StringComparer.Ordinal), cluster1.Objects());
            Assert.Equal(before2.Except(gone2).Order(StringComparer.Ordinal), cluster2.Objects());
            Assert.Equal(gone1.Count + gone2.Count, second.Split('\n').Count(l => l.EndsWith(" pruned", StringComparison.Ordinal)));
            Assert.Contains("deployment.apps/sleep pruned", second, StringComparison.Ordinal);
            // Never pruned: what MeshStack did not render, key material, namespaces, the parent.
            Assert.Contains("ServiceEntry/istio-system/users-own.example.com", cluster1.Objects());
            Assert.Contains("Secret/istio-system/cacerts", cluster2.Objects());
            Assert.Contains("Namespace/-/foo", cluster1.Objects());
            Assert.Contains("ApplySet/-/meshstack-mesh1", cluster1.Objects());
            Assert.Null(cluster1.Get("networking.istio.io", "serviceentries", "istio-system", "users-own.example.com")!["metadata"]!["labels"]);

            // Run 3: the same render again deletes nothing.
            Assert.DoesNotContain("pruned", ApplyAsReadmeSays(run, env), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remove-service")]
    [InlineData("versions-removed")]
    [InlineData("discovery-endpoints-to-global")]
    [InlineData("dns-hosts-to-proxy")]
    [InlineData("demo-off")]
    public void The_real_kubectl_leaves_what_the_catalogues_model_says(string row)
    {
        var (text1, text2) = ChangeCatalogue.Texts(Repo.Root, row);
        using var run = new CliRun();
        using var cluster1 = new FakeApiServer();
        using var cluster2 = new FakeApiServer();
        var env = Environment(run, cluster1, cluster2);
        var model = new ApplyModel();
        foreach (var (context, server) in new[] { ("kind-cluster1", cluster1), ("kind-cluster2", cluster2) })
        {
            model.Seed(context, "ServiceEntry/istio-system/users-own.example.com", "ConfigMap/kube-system/coredns");
            server.Seed("networking.istio.io", "serviceentries", "istio-system", new JsonObject
            {
                ["apiVersion"] = "networking.istio.io/v1", ["kind"] = "ServiceEntry",
                ["metadata"] = new JsonObject { ["name"] = "users-own.example.com", ["namespace"] = "istio-system" },
            });
            server.Seed("", "configmaps", "kube-system", new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject { ["name"] = "coredns", ["namespace"] = "kube-system" },
                ["data"] = new JsonObject { ["Corefile"] = ".:53 {\n    forward . /etc/resolv.conf\n}\n" },
            });
        }

        foreach (var text in new[] { text1, text2 })
        {
            run.Write("Pulumi.dev.yaml", text);
            var rendered = run.Run("render", "--out", "gitops");
            Assert.True(rendered.Exit == 0, rendered.Err);
            ApplyAsReadmeSays(run, env);
            model.Apply(Path.Combine(run.Directory, "gitops"));
            Assert.Equal(model.Live("kind-cluster1").Order(StringComparer.Ordinal), cluster1.Objects().Where(o => !o.StartsWith("ApplySet/", StringComparison.Ordinal)));
            Assert.Equal(model.Live("kind-cluster2").Order(StringComparer.Ordinal), cluster2.Objects().Where(o => !o.StartsWith("ApplySet/", StringComparison.Ordinal)));
        }
    }

    // Every kubectl line of docs/gitops.md's block, as a shell runs it; a folder the render did not write (01-cacerts without
    // --ca-dir) is skipped, as a user applying what exists would.
    internal static string ApplyAsReadmeSays(CliRun run, Dictionary<string, string> env)
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "docs", "gitops.md"));
        var start = readme.IndexOf("# Apply the rendered output", StringComparison.Ordinal);
        var block = readme[readme.IndexOf("```bash", start, StringComparison.Ordinal)..];
        block = block[..block.IndexOf("\n```", 7, StringComparison.Ordinal)];
        var output = new System.Text.StringBuilder();
        foreach (var line in block.Split('\n').Where(l => l.Contains("kubectl ", StringComparison.Ordinal) && !l.Contains(" exec ", StringComparison.Ordinal)))
        {
            var folder = line.Split(' ').Last();
            if (line.Contains(" -k ", StringComparison.Ordinal) && !Directory.Exists(Path.Combine(run.Directory, folder)))
            {
                continue;
            }

            var (exit, stdout, stderr) = ExternalTool.Run("sh", "docs/gitops.md's commands are shell lines", run.Directory, TimeSpan.FromSeconds(120), ["-c", line], env);
            Assert.True(exit == 0, $"{line}\n{stdout}\n{stderr}");
            output.Append(stdout);
        }

        return output.ToString();
    }

    private static List<string> Members(CliRun run, string cluster) =>
        [.. File.ReadAllText(Path.Combine(run.Directory, "gitops", cluster, "99-prune", "members.yaml")).Split("---\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split('\n'))
            .Select(l => $"{Field(l, "kind: ")}/{Field(l, "  namespace: ")}/{Field(l, "  name: ")}")];

    private static string Field(string[] lines, string prefix) => lines.Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];

    internal static Dictionary<string, string> Environment(CliRun run, FakeApiServer cluster1, FakeApiServer cluster2)
    {
        var home = Path.Combine(run.Directory, ".home");
        Directory.CreateDirectory(home);
        var kubeconfig = Path.Combine(home, "kubeconfig");
        File.WriteAllText(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c1
              cluster: {"{"} server: "{cluster1.Url}" {"}"}
            - name: c2
              cluster: {"{"} server: "{cluster2.Url}" {"}"}
            users:
            - name: u
              user: {"{"} token: fake {"}"}
            contexts:
            - name: kind-cluster1
              context: {"{"} cluster: c1, user: u {"}"}
            - name: kind-cluster2
              context: {"{"} cluster: c2, user: u {"}"}
            current-context: kind-cluster1
            """);
        return new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["HOME"] = home, ["KUBECACHEDIR"] = Path.Combine(home, "cache") };
    }
}
