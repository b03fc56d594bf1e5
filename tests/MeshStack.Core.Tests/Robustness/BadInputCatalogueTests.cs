using System.Diagnostics;
using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Tests.Robustness;

/// <summary>
/// The bad-input catalogue: every broken stack is rejected with its stable code at its config path, fast,
/// without an exception, and with no plan.
/// </summary>
public class BadInputCatalogueTests
{
    // Codes no stack file alone can produce, each proven elsewhere: they need live cluster state, real certificates, or the CLI.
    private static readonly HashSet<string> CoveredElsewhere = new(StringComparer.Ordinal)
    {
        "MSH052", "MSH053", // Corefile / stubDomains read from a live cluster (Dns tests)
        "MSH071", "MSH072", "MSH073", "MSH074", "MSH075", "MSH076", "MSH215", "MSH216", // need real certificates (Pki/ImportedRoot*Tests, SampleCertificateTests)
        "MSH083", "MSH084", "MSH087", "MSH094", "MSH096", // rotation steps against a previous deployment record, or a root's expiry (Deployment/RootRotationTests, Cli CaRotationTests)
        "MSH097",           // render --ca-dir into a Git work tree (Cli RenderCaDirRepositoryTests)
        "MSH219",           // a CA folder's pending rotation step (Cli CaRotationTests)
        "MSH090",           // deploy-time values the CLI resolves (Cli RenderCommandTests, RobustnessRenderTests)
        "MSH091",           // a plan istiod would reject: unreachable from valid config by design (Validation tests, fuzzing)
        "MSH093",           // needs a Pulumi stack name in per-cluster mode (Config/StackLayoutTests, PerClusterStackTests)
        "MSH120", "MSH121", "MSH122", "MSH123", // render's deploy-time flags, not the stack file (Cli DeployFlagTests: the flag catalogue)
        "MSH129", "MSH130", // the output folder of an earlier render, not the stack file (Cli RenderOverRenderTests)
        "MSH194",           // a trace filter: the CLI's flags, not the stack file (Cli TraceCommandTests)
        "MSH170",           // a plan without its remote secrets: MeshStack always plans them (Tracing/EndpointDiscoveryTraceTests)
        "MSH200", "MSH201", "MSH203", "MSH209", "MSH212", // need a deployment (the Pulumi program) or a previous deployment record (Deployment/DeploymentTransitionTests, RetargetTests)
        "MSH217", "MSH218", "MSH220", // other per-cluster stacks' deployment records (and Deployment/RootStackTests) (Deployment/ClusterStackRotationTests, components PerClusterStackTests)
        "MSH208", "MSH210", "MSH211", "MSH214", // need the stack's own or the root stack's outputs, or a provider option, or an unknown typed-args input (components: TypedArgsTests, SecondRunTests)
        "MSH140", "MSH180", "MSH181", "MSH182", "MSH183", "MSH184", "MSH185", "MSH186", "MSH187", // a route that carries no traffic: unreachable from valid config by design (MSH187 only with demo: true and a port name Kubernetes refuses for a container port); Tracing/TraceBrokenPlanTests and PodPortTests put each defect back into a plan
    };

    public static TheoryData<string> Catalogue => BadInput.Names();

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void A_bad_stack_is_rejected_with_its_code_at_its_path(string name)
    {
        var input = BadInput.Named(name);
        var watch = Stopwatch.StartNew();
        var result = input.Compile(CompilationHelper.FixedClock);
        watch.Stop();

        Assert.False(result.Succeeded, $"{name}: expected a failure");
        Assert.Null(result.Plan);
        Assert.Contains(result.Diagnostics, d => d.IsError);
        Assert.True(result.Diagnostics.Any(d => d.Code == input.Code && d.Path == input.Path),
            $"{name}: expected {input.Code} at '{input.Path}', got:\n{string.Join("\n", result.Diagnostics)}");
        Assert.All(result.Diagnostics, d => Assert.Contains(Codes.All, c => c.Code == d.Code));
        Assert.All(result.Diagnostics, d => Assert.True(d.Position is not null, $"{name}: no line and column: {d}"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{name}: took {watch.Elapsed}");
    }

    [Fact]
    public void The_catalogue_is_large_and_covers_every_rule_a_stack_file_can_break()
    {
        Assert.True(BadInput.All.Count >= 40, $"only {BadInput.All.Count} bad inputs");
        var covered = BadInput.All.Select(b => b.Code).ToHashSet(StringComparer.Ordinal);
        var missing = Codes.All
            .Where(c => c.Severity == Severity.Error && !covered.Contains(c.Code) && !CoveredElsewhere.Contains(c.Code))
            .Select(c => $"{c.Code} {c.Title}");
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n")]
    [InlineData("\0")]
    [InlineData("\uFEFF")]
    public void Empty_or_blank_text_is_a_diagnostic(string text)
    {
        var result = CompilationHelper.Compile(text);
        Assert.Equal("MSH001", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void An_alias_bomb_stops_at_the_expansion_limit_without_building_the_expansion()
    {
        var levels = string.Concat(Enumerable.Range(1, 30).Select(i => $"  l{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n"));
        var text = $"config:\n  l0: &a0 [x, x]\n{levels}  meshstack:clusters: [*a30]\n";
        var watch = Stopwatch.StartNew();
        var (root, diagnostics) = YamlConfigLoader.Load(text);
        Assert.Null(root);
        var d = Assert.Single(diagnostics);
        Assert.Equal("MSH001", d.Code);
        Assert.Contains("expands to more than", d.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), watch.Elapsed.ToString());
    }

    [Fact]
    public void Aliases_cannot_multiply_the_work_of_the_readers()
    {
        // 50,000 services sharing one 50,000-entry consumer list: a 400 KB file whose readers would walk 2.5 billion labels.
        var consumers = string.Join(", ", Enumerable.Repeat("c1", 50_000));
        var services = string.Join(", ", Enumerable.Repeat("*s", 50_000));
        var text = $"config:\n  c: &c [{consumers}]\n  s: &s {{ name: a, namespace: bar, clusters: [c2], consumers: *c, ports: [{{ name: p, number: 1 }}] }}\n" +
            $"  meshstack:clusters: [{{ name: c1 }}, {{ name: c2 }}]\n  meshstack:services: [{services}]\n";
        var watch = Stopwatch.StartNew();
        var result = CompilationHelper.Compile(text);
        Assert.Contains(result.Errors, e => e.Code == "MSH001" && e.Message.Contains("expands to more than", StringComparison.Ordinal));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
    }

    [Fact]
    public void Modest_aliases_are_still_read()
    {
        var text = "config:\n  port: &p { name: http1, number: 8000 }\n  meshstack:clusters: [{ name: c1 }, { name: c2 }]\n" +
            "  meshstack:services:\n    - { name: a, namespace: bar, clusters: [c2], ports: [*p] }\n    - { name: b, namespace: bar, clusters: [c2], ports: [*p] }\n";
        var result = CompilationHelper.Compile(text);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "MSH001");
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(5_000)]
    public void Deep_nesting_is_a_diagnostic_not_a_stack_overflow(int depth)
    {
        foreach (var (open, close) in new[] { ("[", "]"), ("{a: ", "}") })
        {
            var text = "config:\n  meshstack:clusters: " + string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth)) + "\n";
            var result = CompilationHelper.Compile(text);
            Assert.Contains(result.Errors, e => e.Code == "MSH001");
        }
    }
}
