using YamlDotNet.RepresentationModel;

namespace MeshStack.Cli.Tests.Apply;

/// <summary>
/// What render writes is applied by standard tools as is (issue 15): every cluster folder holds numbered folders,
/// each a kustomization that <c>kubectl kustomize</c> builds to exactly its objects, or a helmfile whose <c>needs:</c>
/// encode the release order; the cacerts folder comes before the charts, and is 0600 and announced.
/// </summary>
public class ApplyLayoutTests
{
    public static TheoryData<string, string[]> Stacks() => new()
    {
        { "Pulumi.dev.yaml", [] },
        { "Pulumi.staging.yaml", ["--gateway-address", "us-east=203.0.113.7"] },
        { "hosts", [] },
        { "legacy", ["--istiocoredns-ip", "coredns13=10.96.0.13", "--istiocoredns-ip", "coredns14=10.96.0.14", "--istiocoredns-ip", "coredns17=10.96.0.17", "--istiocoredns-ip", "kubedns=10.96.0.10"] },
    };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_rendered_folder_is_a_kustomization_kubectl_builds_or_a_helmfile(string stack, string[] flags)
    {
        using var run = new CliRun();
        var file = Prepare(run, stack);
        // The staging root is imported and its key is a Pulumi secret: rendered without --ca-dir.
        var withCa = stack != "Pulumi.staging.yaml";
        if (withCa)
        {
            Assert.Equal(0, run.Run("ca", "init", file, "--out", "ca").Exit);
        }

        var (exit, _, stderr) = run.Run(["render", file, "--out", "out", .. withCa ? new[] { "--ca-dir", "ca" } : [], .. flags]);
        Assert.True(exit == 0, stderr);
        foreach (var cluster in Directory.GetDirectories(Path.Combine(run.Directory, "out")))
        {
            var steps = Directory.GetDirectories(cluster).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(steps, Directory.GetFileSystemEntries(cluster).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal(withCa ? ["00-namespaces", "01-cacerts", "02-charts"] : ["00-namespaces", "02-charts"], steps.Take(withCa ? 3 : 2));
            Assert.Equal("99-prune", steps[^1]);
            AssertMembers(cluster, steps);
            foreach (var step in steps)
            {
                var dir = Path.Combine(cluster, step!);
                if (step == "99-prune")
                {
                    var built = Kubectl.Run("kustomize", dir);
                    Assert.True(built.Exit == 0, $"kubectl kustomize {step}: {built.Err}");
                    Assert.Equal(Kinds(File.ReadAllText(Path.Combine(dir, "members.yaml"))), Kinds(built.Out));
                    Assert.Equal(["applyset.yaml", "kustomization.yaml", "members.yaml"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
                }
                else if (File.Exists(Path.Combine(dir, "kustomization.yaml")))
                {
                    var built = Kubectl.Run("kustomize", dir);
                    Assert.True(built.Exit == 0, $"kubectl kustomize {step}: {built.Err}");
                    Assert.Equal(Kinds(File.ReadAllText(Path.Combine(dir, "resources.yaml"))), Kinds(built.Out));
                    Assert.Equal(["kustomization.yaml", "resources.yaml"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
                }
                else
                {
                    AssertHelmfile(dir);
                }
            }
        }
    }

    [Fact]
    public void The_helmfile_orders_base_istiod_and_gateways_with_needs()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("render", "--out", "out").Exit);
        var releases = Releases(Path.Combine(run.Directory, "out", "cluster1", "02-charts"));
        Assert.Equal(["istio-base", "istiod", "istio-eastwestgateway", "istio-egressgateway"], releases.Select(r => Scalar(r, "name")));
        Assert.Equal(["kind-cluster1/istio-system/istio-base"], Needs(releases[1]));
        Assert.Equal(["kind-cluster1/istio-system/istiod"], Needs(releases[2]));
        Assert.Equal(["kind-cluster1/istio-system/istiod"], Needs(releases[3]));
        Assert.Empty(Needs(releases[0]));
        Assert.Equal("istio-release/istiod", Scalar(releases[1], "chart"));
        Assert.Equal("1.30.3", Scalar(releases[1], "version"));
    }

    [Fact]
    public void Without_ca_dir_no_cacerts_folder_is_written_no_release_claims_it_and_the_output_says_mTLS_will_fail()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        var (exit, _, stderr) = run.Run("render", "--out", "out");
        Assert.Equal(0, exit);
        Assert.Contains("warning MSH126: --ca-dir: no cacerts Secret was rendered for 2 cluster(s) (no --ca-dir): each istiod will sign workload certificates with its own self-signed CA, and cross-cluster mTLS will NOT work", stderr, StringComparison.Ordinal);
        Assert.Equal(["00-namespaces", "02-charts", "05-meshconfig", "06-workloads", "99-prune"],
            Directory.GetDirectories(Path.Combine(run.Directory, "out", "cluster1")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var everything = string.Concat(Directory.GetFiles(Path.Combine(run.Directory, "out"), "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain("cacerts", everything, StringComparison.Ordinal);
    }

    [Fact]
    public void With_ca_dir_the_cacerts_file_is_owner_only_and_the_output_warns_it_holds_keys()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("ca", "init", "--out", "ca").Exit);
        var (exit, _, stderr) = run.Run("render", "--out", "out", "--ca-dir", "ca");
        Assert.Equal(0, exit);
        Assert.Contains("warning MSH127: --ca-dir: <cluster>/01-cacerts/resources.yaml of 2 cluster(s) holds the intermediate CA's private key", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("MSH126", stderr, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var cluster in new[] { "cluster1", "cluster2" })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(run.Directory, "out", cluster, "01-cacerts", "resources.yaml")));
                Assert.NotEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(run.Directory, "out", cluster, "00-namespaces", "resources.yaml")));
            }
        }
    }

    internal static string Prepare(CliRun run, string stack)
    {
        if (stack is not ("legacy" or "hosts"))
        {
            return run.CopyFromRepo(stack);
        }

        return run.Write($"Pulumi.{stack}.yaml", File.ReadAllText(Path.Combine(Repo.Root, "tests", "MeshStack.Core.Tests", "Fixtures", $"dns-{stack}.yaml")));
    }

    // The ApplySet's members are exactly the objects a prune may delete: every object of the stage folders except
    // Namespaces, key material, patches of objects MeshStack does not own (no managed-by label) and the ApplySet's CRD.
    private static void AssertMembers(string cluster, List<string?> steps)
    {
        var objects = steps.Where(s => s != "99-prune" && File.Exists(Path.Combine(cluster, s!, "resources.yaml")))
            .SelectMany(s => Documents(File.ReadAllText(Path.Combine(cluster, s!, "resources.yaml"))))
            .Where(d => Scalar(d, "kind") is not ("Namespace" or "CustomResourceDefinition")
                        && !(Scalar(d, "kind") == "Secret" && Name(d) == "cacerts")
                        && ((YamlMappingNode)d["metadata"]).Children.TryGetValue("labels", out var l) && ((YamlMappingNode)l).Children.ContainsKey("app.kubernetes.io/managed-by"))
            .Select(d => $"{Scalar(d, "kind")}/{Name(d)}").Order(StringComparer.Ordinal).ToList();
        var members = Documents(File.ReadAllText(Path.Combine(cluster, "99-prune", "members.yaml")));
        Assert.Equal(objects, members.Select(d => $"{Scalar(d, "kind")}/{Name(d)}").Order(StringComparer.Ordinal));
        Assert.All(members, m => Assert.Equal(["apiVersion", "kind", "metadata"], m.Children.Keys.Select(k => ((YamlScalarNode)k).Value)));
        var parent = Documents(File.ReadAllText(Path.Combine(cluster, "99-prune", "applyset.yaml"))).Single();
        Assert.Equal("meshstack.io/v1", Scalar(parent, "apiVersion"));
        Assert.Equal("ApplySet", Scalar(parent, "kind"));
    }

    private static List<YamlMappingNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(yaml);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static string Name(YamlMappingNode d) => ((YamlScalarNode)((YamlMappingNode)d["metadata"])["name"]).Value!;

    private static void AssertHelmfile(string dir)
    {
        var releases = Releases(dir);
        Assert.NotEmpty(releases);
        var context = KubeContext(dir);
        Assert.NotNull(context);
        var names = releases.Select(r => $"{context}/{Scalar(r, "namespace")}/{Scalar(r, "name")}").ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (release, name) in releases.Zip(names))
        {
            Assert.All(Needs(release), n => Assert.Contains(n, seen));
            seen.Add(name);
            var values = ((YamlSequenceNode)release["values"]).Children.Select(v => ((YamlScalarNode)v).Value!).ToList();
            Assert.All(values, v => Assert.True(File.Exists(Path.Combine(dir, v)), $"{dir}: values file {v} is missing"));
        }

        Assert.Equal(
            releases.Select(r => Scalar(r, "name") + ".values.yaml").Append("helmfile.yaml").Order(StringComparer.Ordinal),
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    // helmfile's release ID starts with the kube context helmDefaults gives every release.
    private static string? KubeContext(string dir)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(dir, "helmfile.yaml"));
        stream.Load(reader);
        var defaults = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["helmDefaults"];
        return defaults.Children.TryGetValue("kubeContext", out var context) ? ((YamlScalarNode)context).Value : null;
    }

    private static List<YamlMappingNode> Releases(string dir)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(dir, "helmfile.yaml")))
        {
            stream.Load(reader);
        }

        Assert.Single(stream.Documents);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return ((YamlSequenceNode)root["releases"]).Children.Cast<YamlMappingNode>().ToList();
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static List<string> Needs(YamlMappingNode release) =>
        release.Children.TryGetValue("needs", out var needs) ? ((YamlSequenceNode)needs).Children.Select(n => ((YamlScalarNode)n).Value!).ToList() : [];

    private static List<string> Kinds(string yaml)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(yaml);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode)
            .Select(m => $"{((YamlScalarNode)m["kind"]).Value}/{((YamlScalarNode)((YamlMappingNode)m["metadata"])["name"]).Value}")
            .Order(StringComparer.Ordinal).ToList();
    }
}
