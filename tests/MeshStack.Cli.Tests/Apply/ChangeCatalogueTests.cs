using System.Text.Json;

namespace MeshStack.Cli.Tests.Apply;

/// <summary>
/// The GitOps rows of the change catalogue (issue 19): each user change of <c>tests/Shared/Changes/</c> is rendered as
/// run 1, applied (modelled from the files alone, <see cref="ApplyModel"/>), rendered as run 2 and applied again. What the
/// second apply deletes and leaves is checked against the row's expectation, against two rules that hold for every row —
/// nothing live is deleted unless the change removed it (never what MeshStack did not render, never what run 2 still
/// renders), and nothing the change removed is left behind except what is never pruned (namespaces, cacerts, the CoreDNS
/// patch, a cluster no longer rendered) — and against what <c>plan --diff</c> said before run 2 was rendered.
/// </summary>
public class ChangeCatalogueTests
{
    // Objects a real cluster holds that MeshStack never rendered: a prune must never touch them.
    private static readonly string[] Foreign = ["ServiceEntry/istio-system/users-own.example.com", "ConfigMap/kube-system/coredns", "Namespace/-/bar", "Namespace/-/kube-system"];

    // Per row: render flags for each run, then what run 2's apply deletes (context → keys), what it leaves of what run 1
    // rendered and run 2 does not (context/key), the releases it uninstalls (context/namespace/name), and the codes
    // plan --diff flags.
    private static readonly Dictionary<string, Expected> Rows = new(StringComparer.Ordinal)
    {
        ["add-service"] = new(),
        ["remove-service"] = new()
        {
            Pruned = ["kind-cluster1/ServiceEntry/istio-system/echo.baz.global", "kind-cluster2/ServiceEntry/baz/echo.baz.global"],
            // The service's namespace (an adopting patch since issue 21) is never pruned: it holds the user's workloads.
            LeftBehind = ["kind-cluster2/Namespace/-/baz"],
            Dangers = ["MSH137"],
        },
        ["rename-service"] = new()
        {
            Pruned = ["kind-cluster1/ServiceEntry/istio-system/echo.baz.global", "kind-cluster2/ServiceEntry/baz/echo.baz.global"],
        },
        ["rename-namespace"] = new()
        {
            Pruned = ["kind-cluster1/ServiceEntry/istio-system/httpbin.bar.global", "kind-cluster2/ServiceEntry/bar/httpbin.bar.global"],
            LeftBehind = ["kind-cluster2/Namespace/-/bar"],
            Dangers = ["MSH137"],
        },
        ["add-cluster"] = new(),
        ["remove-cluster"] = new()
        {
            // cluster3 is no longer rendered: nothing is applied there (flagged); cluster1 stops calling echo.
            Pruned = ["kind-cluster1/ServiceEntry/istio-system/echo.baz.global"],
            LeftBehind =
            [
                "kind-cluster3/ConfigMap/kube-system/meshstack-owner",
                "kind-cluster3/CustomResourceDefinition/-/applysets.meshstack.io", "kind-cluster3/DestinationRule/istio-system/meshstack-global-mtls",
                "kind-cluster3/Gateway/istio-system/meshstack-global-gateway", "kind-cluster3/Namespace/-/baz", "kind-cluster3/Namespace/-/istio-system", "kind-cluster3/ServiceEntry/baz/echo.baz.global",
            ],
            LeftInstalled = ["kind-cluster3/istio-system/istio-base", "kind-cluster3/istio-system/istio-eastwestgateway", "kind-cluster3/istio-system/istiod"],
            Dangers = ["MSH137"],
        },
        ["rename-cluster"] = new(),
        ["istio-upgrade"] = new(),
        ["istio-downgrade"] = new() { Dangers = ["MSH139"] },
        ["discovery-global-to-endpoints"] = new()
        {
            Pruned =
            [
                "kind-cluster1/DestinationRule/istio-system/meshstack-global-mtls", "kind-cluster1/Gateway/istio-system/meshstack-global-gateway", "kind-cluster1/ServiceEntry/istio-system/httpbin.bar.global",
                "kind-cluster2/DestinationRule/istio-system/meshstack-global-mtls", "kind-cluster2/Gateway/istio-system/meshstack-global-gateway",
                "kind-cluster2/ServiceEntry/bar/httpbin.bar.global",
            ],
            LeftBehind = ["kind-cluster2/Namespace/-/bar"],
            Dangers = ["MSH137"],
        },
        ["discovery-endpoints-to-global"] = new()
        {
            Pruned =
            [
                "kind-cluster1/Gateway/istio-system/cross-network-gateway", "kind-cluster1/Secret/istio-system/istio-reader-service-account-istio-remote-secret-token",
                "kind-cluster1/Secret/istio-system/istio-remote-secret-cluster2",
                "kind-cluster2/Gateway/istio-system/cross-network-gateway", "kind-cluster2/Secret/istio-system/istio-reader-service-account-istio-remote-secret-token",
                "kind-cluster2/Secret/istio-system/istio-remote-secret-cluster1",
            ],
        },
        ["discovery-global-to-both"] = new(),
        ["dns-proxy-to-hosts"] = new(),
        ["dns-hosts-to-proxy"] = new()
        {
            // The patch of the cluster's own Corefile is never pruned: its marked global block stays (flagged).
            LeftBehind = ["kind-cluster1/ConfigMap/kube-system/coredns", "kind-cluster2/ConfigMap/kube-system/coredns"],
            Dangers = ["MSH137"],
        },
        ["gateway-address"] = new(),
        ["stack-mode-per-cluster"] = new(),
        ["stack-mode-federation"] = new(),
        ["egress-gateway-removed"] = new()
        {
            // No service routes through it, so there is no meshstack-egress-gateway object: only the release goes.
            Uninstalled = ["kind-cluster1/istio-system/istio-egressgateway"],
        },
        ["demo-off"] = new()
        {
            Pruned =
            [
                "kind-cluster1/Deployment/foo/sleep", "kind-cluster1/Service/foo/sleep", "kind-cluster1/ServiceAccount/foo/sleep",
                "kind-cluster2/Deployment/bar/httpbin-v1", "kind-cluster2/Service/bar/httpbin", "kind-cluster2/ServiceAccount/bar/httpbin",
            ],
            // Namespaces are never pruned: foo stays; bar is still rendered, as the adopting patch for the owner-side
            // ServiceEntry run 2 renders in it.
            LeftBehind = ["kind-cluster1/Namespace/-/foo"],
            Dangers = ["MSH137"],
        },
        ["address-pin-moves"] = new() { Dangers = ["MSH135"] },
        ["versions-added"] = new(),
        ["versions-removed"] = new()
        {
            Pruned =
            [
                "kind-cluster1/DestinationRule/istio-system/httpbin.bar.global", "kind-cluster1/VirtualService/istio-system/httpbin.bar.global",
                "kind-cluster2/DestinationRule/istio-system/httpbin.bar.global",
            ],
        },
        ["ca-dir-dropped"] = new() { Run1Flags = ["--ca-dir", "ca"], Kept = ["kind-cluster1/Secret/istio-system/cacerts", "kind-cluster2/Secret/istio-system/cacerts"] },
    };

    public static TheoryData<string> Names() => [.. ChangeCatalogue.Names(Repo.Root)];

    [Fact]
    public void Every_row_of_the_catalogue_has_a_GitOps_expectation()
    {
        Assert.Equal(ChangeCatalogue.Names(Repo.Root), Rows.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_change_deletes_what_it_removed_and_nothing_else(string row)
    {
        var expected = Rows[row];
        var (text1, text2) = ChangeCatalogue.Texts(Repo.Root, row);
        using var run = new CliRun();
        if (expected.Run1Flags.Contains("--ca-dir"))
        {
            run.Write("Pulumi.catalogue.yaml", text1);
            Assert.Equal(0, run.Run("ca", "init", "Pulumi.catalogue.yaml", "--out", "ca").Exit);
        }

        var model = new ApplyModel();
        foreach (var context in new[] { "kind-cluster1", "kind-cluster2", "kind-cluster3" })
        {
            model.Seed(context, Foreign);
        }

        run.Write("Pulumi.catalogue.yaml", text1);
        Render(run, expected.Run1Flags);
        model.Apply(Path.Combine(run.Directory, "gitops"));
        var live1 = model.Contexts.ToDictionary(c => c, model.Live, StringComparer.Ordinal);
        var installed1 = model.Contexts.ToDictionary(c => c, model.Installed, StringComparer.Ordinal);
        var rendered1 = ApplyModel.Rendered(Path.Combine(run.Directory, "gitops"));

        run.Write("Pulumi.catalogue.yaml", text2);
        var diff = run.Run(["plan", "Pulumi.catalogue.yaml", "--diff", "--out", "gitops", "--json", .. expected.Run2Flags]);
        Assert.True(diff.Exit == 0, diff.Err);
        Render(run, expected.Run2Flags);
        model.Apply(Path.Combine(run.Directory, "gitops"));
        var rendered2 = ApplyModel.Rendered(Path.Combine(run.Directory, "gitops"));
        var members2 = ApplyModel.Members(Path.Combine(run.Directory, "gitops"));

        var pruned = new List<string>();
        var leftBehind = new List<string>();
        foreach (var context in model.Contexts)
        {
            var live2 = model.Live(context);
            var now = rendered2.GetValueOrDefault(context, []);
            pruned.AddRange(live1.GetValueOrDefault(context, []).Except(live2).Select(k => $"{context}/{k}"));
            leftBehind.AddRange(rendered1.GetValueOrDefault(context, []).Except(now).Intersect(live2).Select(k => $"{context}/{k}"));

            // Nothing live is deleted unless the change removed it: never what MeshStack did not render, never what run 2
            // renders or keeps as a member without rendering it.
            Assert.All(Foreign, f => Assert.Contains(f, live2));
            Assert.Empty(now.Union(members2.GetValueOrDefault(context, [])).Except(live2));
        }

        var uninstalled = installed1.SelectMany(p => p.Value.Except(model.Installed(p.Key)).Select(r => $"{p.Key}/{r}")).ToList();
        var leftInstalled = installed1.Where(p => !rendered2.ContainsKey(p.Key)).SelectMany(p => p.Value.Select(r => $"{p.Key}/{r}")).ToList();
        // Nothing the change removed is left behind, except what is never pruned, or sits on a cluster no longer rendered.
        Assert.All(leftBehind, l => Assert.True(
            !rendered2.ContainsKey(l.Split('/')[0]) || l.Contains("/Namespace/", StringComparison.Ordinal) || l.EndsWith("/Secret/istio-system/cacerts", StringComparison.Ordinal) || l.EndsWith("/ConfigMap/kube-system/coredns", StringComparison.Ordinal),
            $"{row}: {l} is left behind"));
        // ... and no release run 2 dropped stays installed where run 2 is applied.
        foreach (var (context, desired) in ApplyModel.DesiredReleases(Path.Combine(run.Directory, "gitops")))
        {
            Assert.Equal(desired.Order(StringComparer.Ordinal), model.Installed(context).Order(StringComparer.Ordinal));
        }

        var kept = leftBehind.Where(l => expected.Kept.Contains(l)).ToList();
        Assert.Equal(expected.Pruned.Order(StringComparer.Ordinal), pruned.Order(StringComparer.Ordinal));
        Assert.Equal(expected.LeftBehind.Concat(expected.Kept).Order(StringComparer.Ordinal), leftBehind.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Uninstalled.Order(StringComparer.Ordinal), uninstalled.Order(StringComparer.Ordinal));
        Assert.Equal(expected.LeftInstalled.Order(StringComparer.Ordinal), leftInstalled.Order(StringComparer.Ordinal));

        // plan --diff said the same before run 2 was rendered.
        var json = JsonDocument.Parse(diff.Out).RootElement;
        var contexts = ContextsByCluster(text1, text2);
        var said = json.GetProperty("clusters").EnumerateArray().SelectMany(c => c.GetProperty("objects").EnumerateArray().Select(o => (
            Change: o.GetProperty("change").GetString(),
            Key: $"{contexts[c.GetProperty("cluster").GetString()!]}/{o.GetProperty("kind").GetString()}/{(o.TryGetProperty("namespace", out var ns) ? ns.GetString() : "-")}/{o.GetProperty("name").GetString()}"))).ToList();
        Assert.Equal(pruned.Order(StringComparer.Ordinal), said.Where(s => s.Change == "deleted").Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(expected.LeftBehind.Order(StringComparer.Ordinal), said.Where(s => s.Change == "leftBehind").Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Kept.Order(StringComparer.Ordinal), said.Where(s => s.Change == "kept").Select(s => s.Key).Order(StringComparer.Ordinal));
        var saidReleases = json.GetProperty("clusters").EnumerateArray().SelectMany(c => c.GetProperty("releases").EnumerateArray().Select(r => (
            Change: r.GetProperty("change").GetString(),
            Key: $"{contexts[c.GetProperty("cluster").GetString()!]}/{r.GetProperty("namespace").GetString()}/{r.GetProperty("name").GetString()}"))).ToList();
        Assert.Equal(uninstalled.Order(StringComparer.Ordinal), saidReleases.Where(s => s.Change == "uninstalled").Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Dangers, json.GetProperty("dangers").EnumerateArray().Select(d => d.GetProperty("code").GetString()!).Distinct().Order(StringComparer.Ordinal));
    }

    private static void Render(CliRun run, string[] flags)
    {
        var (exit, _, stderr) = run.Run(["render", "Pulumi.catalogue.yaml", "--out", "gitops", .. flags]);
        Assert.True(exit == 0, stderr);
    }

    // The kube context of every cluster of either run: clusters[].context, as the helmfile names it.
    private static Dictionary<string, string> ContextsByCluster(string text1, string text2)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in new[] { text1, text2 })
        {
            string? name = null;
            foreach (var line in text.Split('\n').Select(l => l.Trim()))
            {
                if (line.StartsWith("- name: ", StringComparison.Ordinal))
                {
                    name = line["- name: ".Length..];
                }
                else if (line.StartsWith("context: ", StringComparison.Ordinal) && name is not null)
                {
                    result[name] = line["context: ".Length..];
                }
            }
        }

        return result;
    }

    private sealed record Expected
    {
        public string[] Run1Flags { get; init; } = [];

        public string[] Run2Flags { get; init; } = [];

        public string[] Pruned { get; init; } = [];

        public string[] LeftBehind { get; init; } = [];

        public string[] Kept { get; init; } = [];

        public string[] Uninstalled { get; init; } = [];

        public string[] LeftInstalled { get; init; } = [];

        public string[] Dangers { get; init; } = [];
    }
}
