namespace MeshStack.Cli.Tests.Pki;

/// <summary><c>meshstack ca init</c> (issue 4): the layout render reads, private keys, and chains openssl accepts.</summary>
public class CaInitTests
{
    private static string Stack(string rootAlgorithm, string intermediateAlgorithm) => StackBuilder.Empty()
        .With("rootCa", $"{{ generate: {{ commonName: Corp Root, organization: Corp, algorithm: {rootAlgorithm}, validityDays: 3650 }} }}")
        .With("intermediateCa", $"{{ validityDays: 30, renewBeforeDays: 7, algorithm: {intermediateAlgorithm} }}")
        .Cluster("east", null).Cluster("west", null).Cluster("north", null)
        .Build();

    private static string Init(CliRun run, string stack = "Pulumi.dev.yaml")
    {
        if (stack == "Pulumi.dev.yaml")
        {
            run.CopyFromRepo(stack);
        }

        var (exit, _, stderr) = run.Run("ca", "init", stack, "--out", "ca");
        Assert.True(exit == 0, stderr);
        return Path.Combine(run.Directory, "ca");
    }

    [Fact]
    public void Writes_the_root_and_per_cluster_files_with_owner_only_keys()
    {
        using var run = new CliRun();
        var ca = Init(run);
        Assert.Equal(["cluster1", "cluster2", "root-cert.pem", "root-key.pem", "trust.json"], Directory.EnumerateFileSystemEntries(ca).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var cluster in new[] { "cluster1", "cluster2" })
        {
            var dir = Path.Combine(ca, cluster);
            Assert.Equal(["ca-cert.pem", "ca-key.pem", "cert-chain.pem", "root-cert.pem"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "ca-cert.pem")) + File.ReadAllText(Path.Combine(ca, "root-cert.pem")), File.ReadAllText(Path.Combine(dir, "cert-chain.pem")));
            Assert.Equal(File.ReadAllText(Path.Combine(ca, "root-cert.pem")), File.ReadAllText(Path.Combine(dir, "root-cert.pem")));
            Assert.StartsWith("-----BEGIN EC PRIVATE KEY-----", File.ReadAllText(Path.Combine(dir, "ca-key.pem")), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "ca-key.pem")));
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(ca, "root-key.pem")));
        }
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("rsa-3072", "rsa-2048")]
    [InlineData("rsa-2048", "ecdsa-p384")]
    [InlineData("ecdsa-p384", "rsa-2048")]
    public void Openssl_verifies_a_workload_leaf_of_every_cluster_through_its_chain_to_the_root(string? rootAlgorithm, string? intermediateAlgorithm)
    {
        using var run = new CliRun();
        var ca = rootAlgorithm is null ? Init(run) : Init(run, run.Write("Pulumi.alg.yaml", Stack(rootAlgorithm, intermediateAlgorithm!)));
        var clusters = Directory.GetDirectories(ca).Select(Path.GetFileName).ToList();
        Assert.Equal(rootAlgorithm is null ? 2 : 3, clusters.Count);
        if (intermediateAlgorithm?.StartsWith("rsa", StringComparison.Ordinal) == true)
        {
            Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", File.ReadAllText(Path.Combine(ca, "east", "ca-key.pem")), StringComparison.Ordinal);
        }

        foreach (var cluster in clusters)
        {
            using var intermediate = Workloads.Intermediate(ca, cluster!);
            using var leaf = Workloads.Issue(intermediate, "spiffe://cluster.local/ns/foo/sa/sleep");
            File.WriteAllText(Path.Combine(run.Directory, "leaf.pem"), leaf.ExportCertificatePem());
            var (exit, stdout, stderr) = Openssl.Run(run.Directory, "verify", "-CAfile", Path.Combine(ca, "root-cert.pem"), "-untrusted", Path.Combine(ca, cluster!, "cert-chain.pem"), "leaf.pem");
            Assert.True(exit == 0, $"{cluster}: {stdout}{stderr}");
            Assert.Equal("leaf.pem: OK", stdout.Trim());
        }
    }

    [Fact]
    public void Openssl_rejects_a_leaf_whose_intermediate_is_not_under_the_root()
    {
        using var run = new CliRun();
        var ca = Init(run);
        Assert.Equal(0, run.Run("ca", "init", "--out", "other").Exit);
        using var foreign = Workloads.Intermediate(Path.Combine(run.Directory, "other"), "cluster1");
        using var leaf = Workloads.Issue(foreign, "spiffe://cluster.local/ns/foo/sa/sleep");
        File.WriteAllText(Path.Combine(run.Directory, "leaf.pem"), leaf.ExportCertificatePem());
        var (exit, stdout, stderr) = Openssl.Run(run.Directory, "verify", "-CAfile", Path.Combine(ca, "root-cert.pem"), "-untrusted", Path.Combine(run.Directory, "other", "cluster1", "ca-cert.pem"), "leaf.pem");
        Assert.NotEqual(0, exit);
        Assert.Contains("unable to get local issuer certificate", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Openssl_reads_the_root_and_each_intermediate_as_CAs_with_the_profile_usages()
    {
        using var run = new CliRun();
        var ca = Init(run);
        var root = Openssl.Run(run.Directory, "x509", "-in", Path.Combine(ca, "root-cert.pem"), "-noout", "-text").Out;
        Assert.Contains("CA:TRUE", root, StringComparison.Ordinal);
        Assert.Contains("Certificate Sign, CRL Sign", root, StringComparison.Ordinal);
        Assert.Contains("Subject: O = Example, CN = Example Mesh Root CA", root, StringComparison.Ordinal);
        foreach (var cluster in new[] { "cluster1", "cluster2" })
        {
            var (exit, text, stderr) = Openssl.Run(run.Directory, "x509", "-in", Path.Combine(ca, cluster, "ca-cert.pem"), "-noout", "-text");
            Assert.True(exit == 0, stderr);
            Assert.Contains("X509v3 Basic Constraints: critical\n                CA:TRUE, pathlen:0", text, StringComparison.Ordinal);
            Assert.Contains("X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment, Certificate Sign, CRL Sign", text, StringComparison.Ordinal);
            Assert.Contains($"Subject: L = {cluster}, O = Example, CN = Intermediate CA {cluster}", text, StringComparison.Ordinal);
            Assert.Contains("Issuer: O = Example, CN = Example Mesh Root CA", text, StringComparison.Ordinal);
            Assert.Equal(0, Openssl.Run(run.Directory, "pkey", "-in", Path.Combine(ca, cluster, "ca-key.pem"), "-noout").Exit);
        }
    }

    [Fact]
    public void Running_again_keeps_every_file_and_force_re_issues_only_the_intermediates_never_the_root()
    {
        // Issue 20: --force used to mint a new root over the existing one, which the deployed clusters do not trust.
        using var run = new CliRun();
        var ca = Init(run);
        var root = File.ReadAllBytes(Path.Combine(ca, "root-cert.pem"));
        var rootKey = File.ReadAllBytes(Path.Combine(ca, "root-key.pem"));
        var before = File.ReadAllText(Path.Combine(ca, "cluster1", "ca-key.pem"));
        var (exit, stdout, stderr) = run.Run("ca", "init", "Pulumi.dev.yaml", "--out", "ca");
        Assert.True(exit == 0, stderr);
        Assert.Contains("kept every root; 0 intermediate CA(s) issued, 2 kept", stdout, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(ca, "cluster1", "ca-key.pem")));

        Assert.Equal(0, run.Run("ca", "init", "Pulumi.dev.yaml", "--out", "ca", "--force").Exit);
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(ca, "cluster1", "ca-key.pem")));
        Assert.Equal(root, File.ReadAllBytes(Path.Combine(ca, "root-cert.pem")));
        Assert.Equal(rootKey, File.ReadAllBytes(Path.Combine(ca, "root-key.pem")));
        Assert.Equal(0, Openssl.Run(run.Directory, "verify", "-CAfile", "ca/root-cert.pem", "ca/cluster1/ca-cert.pem").Exit);
    }

    [Fact]
    public void Reusing_a_root_re_issues_intermediates_under_the_same_root()
    {
        using var run = new CliRun();
        var ca = Init(run);
        var root = File.ReadAllText(Path.Combine(ca, "root-cert.pem"));
        var (exit, stdout, stderr) = run.Run("ca", "init", "--out", "renewed", "--root-cert", "ca/root-cert.pem", "--root-key", "ca/root-key.pem");
        Assert.True(exit == 0, stderr);
        Assert.Contains("reused; its key was not copied", stdout, StringComparison.Ordinal);
        Assert.Equal(root, File.ReadAllText(Path.Combine(run.Directory, "renewed", "root-cert.pem")));
        Assert.False(File.Exists(Path.Combine(run.Directory, "renewed", "root-key.pem")));
        Assert.Equal(0, Openssl.Run(run.Directory, "verify", "-CAfile", "ca/root-cert.pem", "renewed/cluster2/ca-cert.pem").Exit);
    }

    [Fact]
    public void An_imported_root_with_a_secret_key_needs_root_key_and_chains_to_that_root()
    {
        using var run = new CliRun();
        run.CopyFromRepo("Pulumi.dev.yaml");
        Assert.Equal(0, run.Run("ca", "init", "--out", "org").Exit);
        var certPem = File.ReadAllText(Path.Combine(run.Directory, "org", "root-cert.pem"));
        run.Write("Pulumi.imp.yaml", $"""
            config:
              meshstack:rootCa:
                import:
                  certPem: |
            {string.Join("\n", certPem.Trim().Split('\n').Select(l => "        " + l))}
                  keyPem:
                    secure: v1:AAAAAAAAAAAAAAAAAAAAAAAA
              meshstack:clusters: [{"{"} name: cluster1 {"}"}]
            """);

        var (exit, _, stderr) = run.Run("ca", "init", "Pulumi.imp.yaml", "--out", "ca");
        Assert.Equal(2, exit);
        Assert.Contains("pass --root-key FILE", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = run.Run("ca", "init", "Pulumi.imp.yaml", "--out", "ca", "--root-key", "org/cluster2/ca-key.pem");
        Assert.Equal(1, exit);
        Assert.Contains("the root key is not the key of", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "ca")));

        (exit, _, stderr) = run.Run("ca", "init", "Pulumi.imp.yaml", "--out", "ca", "--root-key", "org/root-key.pem");
        Assert.True(exit == 0, stderr);
        Assert.False(File.Exists(Path.Combine(run.Directory, "ca", "root-key.pem")));
        Assert.Equal(["cluster1"], Directory.GetDirectories(Path.Combine(run.Directory, "ca")).Select(Path.GetFileName));
        var verify = Openssl.Run(run.Directory, "verify", "-CAfile", "org/root-cert.pem", "ca/cluster1/ca-cert.pem");
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
    }
}
