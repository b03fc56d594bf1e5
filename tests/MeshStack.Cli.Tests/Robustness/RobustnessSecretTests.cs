namespace MeshStack.Cli.Tests.Robustness;

/// <summary>Nothing the CLI prints or writes without --ca-dir holds a key or a kubeconfig credential of the stack.</summary>
public class RobustnessSecretTests
{
    [Fact]
    public void No_command_prints_or_writes_key_material_or_kubeconfig_credentials()
    {
        var secrets = new RobustnessSecrets();
        using var run = new CliRun();
        run.Write("Pulumi.dev.yaml", secrets.Text);
        var emitted = new List<(string What, string Text)>();
        void Capture(string what, (int Exit, string Out, string Err) result, int expectedExit = 0)
        {
            Assert.True(result.Exit == expectedExit, $"{what}: exit {result.Exit}\n{result.Err}");
            emitted.Add(($"{what} stdout", result.Out));
            emitted.Add(($"{what} stderr", result.Err));
        }

        Capture("validate", run.Run("validate"));
        Capture("plan", run.Run("plan"));
        Capture("plan --json", run.Run("plan", "--json"));
        Capture("plan --format mermaid", run.Run("plan", "--format", "mermaid"));
        Capture("render", run.Run("render", "--out", "out", "--egress-gateway-ip", "cluster2=10.96.0.2"));
        Capture("ca init", run.Run("ca", "init", "--out", "ca"));
        Capture("ca check", run.Run("ca", "check", "ca"));

        // A broken variant of the same stack: diagnostics must not quote the credentials either.
        run.Write("Pulumi.broken.yaml", secrets.Text.Replace("name: cluster2", "name: Cluster_2", StringComparison.Ordinal)
            .Replace("kubeconfig: |", "kubeconfg: |", StringComparison.Ordinal));
        Capture("validate (broken)", run.Run("validate", "Pulumi.broken.yaml"), expectedExit: 1);
        Capture("render (broken)", run.Run("render", "Pulumi.broken.yaml", "--out", "out2"), expectedExit: 1);

        foreach (var file in Directory.GetFiles(Path.Combine(run.Directory, "out"), "*", SearchOption.AllDirectories))
        {
            emitted.Add((Path.GetRelativePath(run.Directory, file), File.ReadAllText(file)));
        }

        foreach (var file in Directory.GetFiles(run.Directory, "meshstack.*.lock.json"))
        {
            emitted.Add((Path.GetFileName(file), File.ReadAllText(file)));
        }

        Assert.Contains(emitted, e => e.What.StartsWith("out", StringComparison.Ordinal) && e.Text.Contains("ServiceEntry", StringComparison.Ordinal));
        Assert.Contains(emitted, e => e.What == "meshstack.dev.lock.json");
        var leaks = emitted.SelectMany(e => secrets.Leaks(e.Text).Select(l => $"{e.What}: {l}")).ToList();
        Assert.Empty(leaks);
        Assert.Contains(secrets.KeyBody[..40], secrets.KeyPem.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
