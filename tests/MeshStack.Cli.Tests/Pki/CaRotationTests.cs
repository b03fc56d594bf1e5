using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Cli.Tests.Pki;

/// <summary>
/// Root rotation through the GitOps path (issue 20): <c>ca init</c> + <c>render --ca-dir</c> for one root → two trusted →
/// new signer → old removed, with root-cert.pem exactly the trusted roots at each step; then real mTLS handshakes and
/// <c>openssl verify</c> for every mixed state a rolling rotation passes through, and the one-step replacement that breaks.
/// </summary>
public class CaRotationTests
{
    private static readonly string[][] TrustedAt = [["Old Root"], ["Old Root", "New Root"], ["Old Root", "New Root"], ["New Root"]];

    private const string Sleep = "spiffe://cluster.local/ns/foo/sa/sleep";
    private const string Httpbin = "spiffe://cluster.local/ns/bar/sa/httpbin";

    // The stack at a phase of the rotation: its roots, then two clusters.
    private static StackBuilder Stack(int phase) => StackBuilder.Empty().WithLines(RootRotationStacks.Phases[phase])
        .Cluster("cluster1", "192.0.2.1")
        .Cluster("cluster2", "192.0.2.2");

    private static (int Exit, string Out, string Err) Step(CliRun run, int phase) => Step(run, Stack(phase));

    private static (int Exit, string Out, string Err) Step(CliRun run, StackBuilder stack)
    {
        run.Write("Pulumi.rot.yaml", stack.Build());
        return run.Run("ca", "init", "Pulumi.rot.yaml", "--out", "ca");
    }

    // The four steps taken legally, two days apart; after each, the test's own checks.
    private static void Rotate(CliRun run, Action<int> afterEachStep)
    {
        for (var phase = 0; phase < 4; phase++)
        {
            if (phase > 0)
            {
                DaysPass(run, 2);
            }

            var (exit, _, stderr) = Step(run, phase);
            Assert.True(exit == 0, $"phase {phase}: {stderr}");
            afterEachStep(phase);
        }
    }

    // Phase 1 written but never marked applied; two days later phase 2 is asked for and refused.
    private static (string PendingOut, string RefusedErr) NextStepOverAPendingOne(CliRun run)
    {
        Assert.Equal(0, Step(run, 0).Exit);
        var (exit, pending, _) = Step(run, 1);
        Assert.Equal(0, exit);
        DaysPass(run, 2);
        string stderr;
        (exit, _, stderr) = Step(run, 2);
        Assert.Equal(1, exit);
        return (pending, stderr);
    }

    // The operator's word that the step's render reached every cluster (the waits count from here).
    private static void Applied(CliRun run)
    {
        var (exit, stdout, stderr) = run.Run("ca", "applied", "ca");
        Assert.True(exit == 0, stderr);
        Assert.Contains("ca: ", stdout, StringComparison.Ordinal);
    }

    // What a day passing does to the folder's record: every recorded time moves back.
    private static void DaysPass(CliRun run, int days)
    {
        var path = Path.Combine(run.Directory, "ca", "trust.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        static void Shift(JsonObject o, string key, int d)
        {
            if (o[key] is { } v)
            {
                o[key] = DateTimeOffset.Parse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).AddDays(-d);
            }
        }

        Shift(node, "signerSince", days);
        if (node["pending"] is JsonObject pending)
        {
            Shift(pending, "since", days);
        }
        foreach (var (_, root) in node["roots"]!.AsObject())
        {
            Shift(root!.AsObject(), "trustedSince", days);
            Shift(root!.AsObject(), "notAfter", days);
        }

        File.WriteAllText(path, node.ToJsonString());
    }

    private static void Snapshot(CliRun run, string name)
    {
        var target = Path.Combine(run.Directory, name);
        foreach (var file in Directory.GetFiles(Path.Combine(run.Directory, "ca"), "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Path.Combine(run.Directory, "ca"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }

    private static List<string> Subjects(string pemFile) =>
        Core.Pki.Pem.Certificates(File.ReadAllText(pemFile), out _)!.Value.Select(c => c.GetNameInfo(X509NameType.SimpleName, false)).ToList();

    /// <summary>Runs the four steps legally (a day apart) and keeps a copy of the folder after each as p0..p3.</summary>
    private static CliRun Rotated()
    {
        var run = new CliRun();
        Rotate(run, phase =>
        {
            Applied(run);
            Snapshot(run, $"p{phase}");
        });
        return run;
    }

    [Fact]
    public void Ca_init_and_render_go_through_the_rotation_with_root_cert_pem_exactly_the_trusted_roots()
    {
        using var run = new CliRun();
        var oldRoot = (byte[]?)null;
        Rotate(run, phase =>
        {
            oldRoot ??= File.ReadAllBytes(Path.Combine(run.Directory, "ca", "root-cert.pem"));
            // The first root's file is never rewritten, even after it is no longer trusted.
            Assert.Equal(oldRoot, File.ReadAllBytes(Path.Combine(run.Directory, "ca", "root-cert.pem")));
            var (exit, _, stderr) = run.Run("render", "Pulumi.rot.yaml", "--ca-dir", "ca", "--out", "out");
            Assert.True(exit == 0, $"phase {phase}: {stderr}");
            foreach (var cluster in new[] { "cluster1", "cluster2" })
            {
                var folder = Path.Combine(run.Directory, "ca", cluster);
                Assert.Equal(TrustedAt[phase], Subjects(Path.Combine(folder, "root-cert.pem")));
                var data = (YamlMappingNode)CaRenderTests.FindSecret(Path.Combine(run.Directory, "out", cluster), "cacerts")["stringData"];
                Assert.Equal(File.ReadAllText(Path.Combine(folder, "root-cert.pem")), ((YamlScalarNode)data["root-cert.pem"]).Value);
                var signer = phase < 2 ? "Old Root" : "New Root";
                Assert.Equal([$"Intermediate CA {cluster}", signer], Subjects(Path.Combine(folder, "cert-chain.pem")));
                var verify = Openssl.Run(run.Directory, "verify", "-CAfile", Path.Combine(folder, "root-cert.pem"), Path.Combine(folder, "ca-cert.pem"));
                Assert.True(verify.Exit == 0, $"phase {phase} {cluster}: {verify.Out}{verify.Err}");
                var onlySigner = Path.Combine(run.Directory, $"signer-{phase}.pem");
                File.WriteAllText(onlySigner, File.ReadAllText(Path.Combine(folder, "cert-chain.pem")).Split("-----END CERTIFICATE-----\n")[1] + "-----END CERTIFICATE-----\n");
                Assert.Equal(0, Openssl.Run(run.Directory, "verify", "-CAfile", onlySigner, Path.Combine(folder, "ca-cert.pem")).Exit);
            }

            var check = run.Run("ca", "check", "ca", "Pulumi.rot.yaml");
            Assert.True(check.Exit == 0, $"phase {phase}: {check.Out}{check.Err}");
            Applied(run);
        });
    }

    [Fact]
    public void Adding_a_cluster_mints_only_its_intermediate_and_keeps_the_root_byte_for_byte()
    {
        using var run = new CliRun();
        Assert.Equal(0, Step(run, 0).Exit);
        var root = File.ReadAllBytes(Path.Combine(run.Directory, "ca", "root-cert.pem"));
        var key = File.ReadAllBytes(Path.Combine(run.Directory, "ca", "root-key.pem"));
        var cluster1 = File.ReadAllBytes(Path.Combine(run.Directory, "ca", "cluster1", "ca-key.pem"));

        var (exit, stdout, stderr) = Step(run, Stack(0).Cluster("cluster3", "192.0.2.3"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("1 intermediate CA(s) issued, 2 kept", stdout, StringComparison.Ordinal);
        Assert.Equal(root, File.ReadAllBytes(Path.Combine(run.Directory, "ca", "root-cert.pem")));
        Assert.Equal(key, File.ReadAllBytes(Path.Combine(run.Directory, "ca", "root-key.pem")));
        Assert.Equal(cluster1, File.ReadAllBytes(Path.Combine(run.Directory, "ca", "cluster1", "ca-key.pem")));
        Assert.Equal(0, Openssl.Run(run.Directory, "verify", "-CAfile", "ca/root-cert.pem", "ca/cluster3/ca-cert.pem").Exit);
    }

    [Fact]
    public void A_skipped_phase_and_an_early_retire_are_refused_by_ca_init_with_their_codes()
    {
        using var run = new CliRun();
        Assert.Equal(0, Step(run, 0).Exit);
        var (exit, _, stderr) = Step(run, 3);
        Assert.Equal(1, exit);
        Assert.Contains("error MSH083", stderr, StringComparison.Ordinal);
        Assert.Contains("First add 'next' to meshstack:rootCas keeping meshstack:signingRoot: ca", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "ca", "roots")));

        Assert.Equal(0, Step(run, 1).Exit);
        Applied(run);
        (exit, _, stderr) = Step(run, 2);
        Assert.Equal(1, exit);
        Assert.Contains("error MSH096", stderr, StringComparison.Ordinal);

        DaysPass(run, 2);
        Assert.Equal(0, Step(run, 2).Exit);
        Applied(run);
        (exit, _, stderr) = Step(run, 3);
        Assert.Equal(1, exit);
        Assert.Contains("error MSH084", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_written_but_never_marked_applied_holds_the_next_step_however_long_ago_it_was_written()
    {
        using var run = new CliRun();
        var (pending, stderr) = NextStepOverAPendingOne(run);
        Assert.Contains("This rotation step is pending: once it is applied to every cluster, run meshstack ca applied ca", pending, StringComparison.Ordinal);

        // 25 h with nothing applied used to pass MSH096: phases 1 and 2 would then reach the clusters in one apply.
        Assert.Contains("error MSH219", stderr, StringComparison.Ordinal);
        Assert.Contains("is not marked applied, so this step could reach the clusters in the same apply and skip a phase", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("MSH096", stderr, StringComparison.Ordinal);

        // Marked applied now: the wait counts from now, not from when ca init wrote the step.
        Applied(run);
        int exit;
        (exit, _, stderr) = Step(run, 2);
        Assert.Equal(1, exit);
        Assert.Contains("error MSH096", stderr, StringComparison.Ordinal);
        DaysPass(run, 2);
        Assert.Equal(0, Step(run, 2).Exit);

        // A change that takes no rotation step (a new cluster's intermediate) needs no acknowledgement.
        Assert.Equal(0, Step(run, Stack(2).Cluster("cluster3", "192.0.2.3")).Exit);
        Applied(run);  // the switch to 'next' above
        var (_, nothing, _) = run.Run("ca", "applied", "ca");
        Assert.Contains("ca: no rotation step is pending", nothing, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pending_step_that_was_never_applied_can_be_abandoned_by_putting_the_previous_roots_back()
    {
        using var run = new CliRun();
        var (_, stderr) = NextStepOverAPendingOne(run);
        Assert.Contains("to abandon the pending step instead, put back roots ca signed by 'ca'", stderr, StringComparison.Ordinal);

        // Back to phase 0: nothing of phase 1 reached a cluster, so this is no step and leaves nothing pending.
        int exit;
        (exit, _, stderr) = Step(run, 0);
        Assert.True(exit == 0, stderr);
        Assert.Equal(["Old Root"], Subjects(Path.Combine(run.Directory, "ca", "cluster1", "root-cert.pem")));
        var (_, stdout, _) = run.Run("ca", "applied", "ca");
        Assert.Contains("ca: no rotation step is pending", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_phase_and_every_mixed_state_of_the_rolling_rotation_completes_mTLS_both_ways()
    {
        using var run = Rotated();
        var failures = new List<string>();
        for (var k = 0; k < 3; k++)
        {
            // During step k -> k+1 each workload holds a leaf of either phase and a bundle of either phase.
            foreach (var (client, server) in Pairs(run, k, k + 1))
            {
                var (ok, detail) = await MutualTls.Connect(server.Side, client.Side);
                if (!ok)
                {
                    failures.Add($"step {k}->{k + 1}: client {client.Name} -> server {server.Name}: {detail}");
                }
            }

            foreach (var w in States(run, k, k + 1, "cluster1", Sleep))
            {
                foreach (var peer in States(run, k, k + 1, "cluster2", Httpbin))
                {
                    // openssl verify, with the bundle as CA file: the peer's leaf through its intermediate.
                    var verify = OpensslVerify(run, w.BundleFile, peer);
                    if (verify is not null)
                    {
                        failures.Add($"step {k}->{k + 1}: openssl with {w.Name}'s bundle on {peer.Name}: {verify}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_old_one_step_replacement_leaves_workloads_that_cannot_complete_mTLS()
    {
        using var run = Rotated();

        // p0 straight to p3 is what editing rootCa.generate did: a new root, new intermediates and new bundles in one update.
        var broken = new List<string>();
        foreach (var p in Pairs(run, 0, 3))
        {
            if (!(await MutualTls.Connect(p.Server.Side, p.Client.Side)).Ok)
            {
                broken.Add($"{p.Client.Name} -> {p.Server.Name}");
            }
        }

        Assert.Contains("cluster1 leaf p3 bundle p3 -> cluster2 leaf p0 bundle p0", broken);
        Assert.Contains("cluster1 leaf p0 bundle p0 -> cluster2 leaf p3 bundle p3", broken);
        Assert.DoesNotContain("cluster1 leaf p3 bundle p3 -> cluster2 leaf p3 bundle p3", broken);
        var oldLeaf = States(run, 0, 3, "cluster2", Httpbin).First(s => s.Name.EndsWith("leaf p0 bundle p0", StringComparison.Ordinal));
        Assert.NotNull(OpensslVerify(run, Path.Combine(run.Directory, "p3", "cluster1", "root-cert.pem"), oldLeaf));
    }

    private sealed record State(string Name, MutualTls.Side Side, string BundleFile, string LeafFile, string ChainFile);

    private static IEnumerable<State> States(CliRun run, int from, int to, string cluster, string identity)
    {
        foreach (var leafPhase in new[] { from, to }.Distinct())
        {
            var dir = Path.Combine(run.Directory, $"p{leafPhase}", cluster);
            var intermediate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dir, "ca-cert.pem")), File.ReadAllText(Path.Combine(dir, "ca-key.pem")));
            var leaf = Workloads.Issue(intermediate, identity);
            var leafFile = Path.Combine(run.Directory, $"leaf-{cluster}-{leafPhase}-{Guid.NewGuid():N}.pem");
            File.WriteAllText(leafFile, leaf.ExportCertificatePem());
            foreach (var bundlePhase in new[] { from, to }.Distinct())
            {
                var bundleFile = Path.Combine(run.Directory, $"p{bundlePhase}", cluster, "root-cert.pem");
                var bundle = Core.Pki.Pem.Certificates(File.ReadAllText(bundleFile), out _)!.Value.ToList();
                yield return new State($"{cluster} leaf p{leafPhase} bundle p{bundlePhase}", new MutualTls.Side(leaf, intermediate, bundle, identity), bundleFile, leafFile, Path.Combine(dir, "ca-cert.pem"));
            }
        }
    }

    private static IEnumerable<(State Client, State Server)> Pairs(CliRun run, int from, int to)
    {
        var servers = States(run, from, to, "cluster2", Httpbin).ToList();
        return States(run, from, to, "cluster1", Sleep).ToList().SelectMany(c => servers.Select(s => (c, s)));
    }

    private static string? OpensslVerify(CliRun run, string bundleFile, State peer)
    {
        var (exit, stdout, stderr) = Openssl.Run(run.Directory, "verify", "-CAfile", bundleFile, "-untrusted", peer.ChainFile, peer.LeafFile);
        return exit == 0 ? null : (stdout + stderr).Trim();
    }
}
