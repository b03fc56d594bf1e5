namespace MeshStack.Cli.Tests.Pki;

/// <summary><c>meshstack ca check</c> (issue 4): sound folders pass, each kind of damage is found.</summary>
public class CaCheckTests
{
    private static CliRun InitDev()
    {
        var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("ca", "init", "--out", "ca").Exit);
        return run;
    }

    [Fact]
    public void A_fresh_folder_is_sound()
    {
        using var run = InitDev();
        var (exit, stdout, stderr) = run.Run("ca", "check", "ca");
        Assert.True(exit == 0, stderr);
        Assert.Contains("cluster1: ok: chain verifies to 'CN=Example Mesh Root CA, O=Example'", stdout, StringComparison.Ordinal);
        Assert.Contains("cluster2: ok:", stdout, StringComparison.Ordinal);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void A_swapped_key_is_found()
    {
        using var run = InitDev();
        File.Copy(Path.Combine(run.Directory, "ca", "cluster2", "ca-key.pem"), Path.Combine(run.Directory, "ca", "cluster1", "ca-key.pem"), overwrite: true);
        var (exit, _, stderr) = run.Run("ca", "check", "ca");
        Assert.Equal(1, exit);
        Assert.Contains($"{Path.Combine("ca", "cluster1", "ca-key.pem")}: error: is not the key of 'CN=Intermediate CA cluster1, O=Example, L=cluster1'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_intermediate_from_another_root_is_found()
    {
        using var run = InitDev();
        Assert.Equal(0, run.Run("ca", "init", "--out", "other").Exit);
        foreach (var f in new[] { "ca-cert.pem", "ca-key.pem", "cert-chain.pem", "root-cert.pem" })
        {
            File.Copy(Path.Combine(run.Directory, "other", "cluster2", f), Path.Combine(run.Directory, "ca", "cluster2", f), overwrite: true);
        }

        var (exit, stdout, stderr) = run.Run("ca", "check", "ca");
        Assert.Equal(1, exit);
        Assert.Contains("cluster1: ok:", stdout, StringComparison.Ordinal);
        Assert.Contains("does not verify to the shared root", stderr, StringComparison.Ordinal);
        Assert.Contains("not exactly the trusted roots (ca)", stderr, StringComparison.Ordinal);
        Assert.Contains("must hold the intermediate then the root", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_intermediate_inside_the_renewal_window_is_found()
    {
        using var run = new CliRun();
        static string Stack(string intermediateCa) => StackBuilder.Empty().With("intermediateCa", intermediateCa).Cluster("c1", null).Build();
        run.Write("Pulumi.short.yaml", Stack("{ validityDays: 10, renewBeforeDays: 2 }"));
        run.Write("Pulumi.long.yaml", Stack("{ validityDays: 60, renewBeforeDays: 30 }"));
        Assert.Equal(0, run.Run("ca", "init", "Pulumi.short.yaml", "--out", "ca").Exit);
        Assert.Equal(0, run.Run("ca", "check", "ca", "Pulumi.short.yaml").Exit);
        var (exit, _, stderr) = run.Run("ca", "check", "ca", "Pulumi.long.yaml");
        Assert.Equal(1, exit);
        Assert.Contains("inside the renewal window (30 days, meshstack:intermediateCa.renewBeforeDays)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_readable_by_others_and_a_missing_cluster_are_reported()
    {
        using var run = InitDev();
        Directory.Delete(Path.Combine(run.Directory, "ca", "cluster2"), recursive: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(run.Directory, "ca", "cluster1", "ca-key.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        }

        var (exit, _, stderr) = run.Run("ca", "check", "ca");
        Assert.Equal(1, exit);
        Assert.Contains("no CA files for cluster 'cluster2'", stderr, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Contains("warning: can be read by group or others; chmod 600 it", stderr, StringComparison.Ordinal);
        }
    }
}
