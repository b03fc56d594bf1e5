using YamlDotNet.RepresentationModel;

namespace MeshStack.Cli.Tests.Pki;

/// <summary><c>meshstack render --ca-dir</c> (issue 4): the cacerts Secret holds the four PEMs; without it no key material is written.</summary>
public class CaRenderTests
{
    [Fact]
    public void Render_with_ca_dir_puts_the_four_PEMs_of_each_cluster_in_its_cacerts_Secret()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("ca", "init", "--out", "ca").Exit);
        var (exit, stdout, stderr) = run.Run("render", "--ca-dir", "ca", "--out", "out");
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("Skipped", stdout, StringComparison.Ordinal);
        foreach (var cluster in new[] { "cluster1", "cluster2" })
        {
            var secret = FindSecret(Path.Combine(run.Directory, "out", cluster), "cacerts");
            Assert.Equal("istio-system", ((YamlScalarNode)((YamlMappingNode)secret["metadata"])["namespace"]).Value);
            var data = (YamlMappingNode)secret["stringData"];
            Assert.Equal(["ca-cert.pem", "ca-key.pem", "root-cert.pem", "cert-chain.pem"], data.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
            foreach (var file in new[] { "ca-cert.pem", "ca-key.pem", "root-cert.pem", "cert-chain.pem" })
            {
                Assert.Equal(File.ReadAllText(Path.Combine(run.Directory, "ca", cluster, file)), ((YamlScalarNode)data[file]).Value);
            }
        }
    }

    [Fact]
    public void Render_without_ca_dir_writes_no_key_material_anywhere()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("ca", "init", "--out", "ca").Exit);
        var (exit, stdout, stderr) = run.Run("render", "--out", "out");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Skipped 2 cacerts Secret(s)", stdout, StringComparison.Ordinal);
        var everything = string.Concat(Directory.GetFiles(Path.Combine(run.Directory, "out"), "*", SearchOption.AllDirectories).Select(File.ReadAllText)) + stdout + stderr;
        Assert.DoesNotContain("PRIVATE KEY", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN CERTIFICATE", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("kind: Secret", everything, StringComparison.Ordinal);
        foreach (var key in Directory.GetFiles(Path.Combine(run.Directory, "ca"), "*key.pem", SearchOption.AllDirectories))
        {
            var body = File.ReadAllLines(key)[1];
            Assert.DoesNotContain(body, everything, StringComparison.Ordinal);
        }
    }

    internal static YamlMappingNode FindSecret(string dir, string name)
    {
        foreach (var file in Directory.GetFiles(dir, "*.yaml", SearchOption.AllDirectories))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            foreach (var doc in stream.Documents)
            {
                if (doc.RootNode is YamlMappingNode map && map.Children.TryGetValue("kind", out var kind) && ((YamlScalarNode)kind).Value == "Secret" &&
                    ((YamlScalarNode)((YamlMappingNode)map["metadata"])["name"]).Value == name)
                {
                    return map;
                }
            }
        }

        throw new InvalidOperationException($"no Secret '{name}' under {dir}");
    }
}
