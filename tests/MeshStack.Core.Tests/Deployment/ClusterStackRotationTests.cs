using System.Collections.Immutable;
using MeshStack.Core.Deployment;
using static MeshStack.Testing.RootRotationStacks;

namespace MeshStack.Core.Tests.Deployment;

/// <summary>
/// A root rotation across per-cluster stacks (issue 20): the root stack A leads one phase at a time and only when every
/// other stack has deployed its last phase, with the waits counted from the latest stack; stack B follows A's roots and
/// signer. Each test plays the stacks' updates in time order, each reading the others' deployment outputs.
/// </summary>
public class ClusterStackRotationTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    // The two stacks' deployment outputs as the engine holds them between updates.
    private readonly Dictionary<string, string> outputs = new(StringComparer.Ordinal);

    private CompileResult Up(string stack, string roots, DateTimeOffset now, string extra = "")
    {
        var others = outputs.Where(o => o.Key != stack).ToImmutableSortedDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        var own = outputs.TryGetValue(stack, out var text) ? DeploymentRecordJson.Read(text).Record : null;
        var result = CompilationHelper.Compile(StackBuilder.TwoClusters().WithLines(roots + extra).Build(), options: new CompileOptions
        {
            Previous = own,
            Now = now,
            ClusterStacks = new ClusterStacks(stack, "A", others),
        });
        if (result.Succeeded)
        {
            outputs[stack] = DeploymentRecordJson.Write(DeploymentTransitions.RecordOf(result.Plan!));
        }

        return result;
    }

    private void Deployed(CompileResult result) => Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));

    private static Diagnostics.Diagnostic Error(CompileResult result, string code)
    {
        Assert.Null(result.Plan);
        return Assert.Single(result.Errors, d => d.Code == code);
    }

    [Fact]
    public void The_root_stack_waits_for_the_latest_stack_before_switching_and_before_retiring()
    {
        Deployed(Up("A", OneRoot, Day0));
        Deployed(Up("B", OneRoot, Day0.AddHours(1)));
        var phase1 = Day0.AddDays(1);
        Deployed(Up("A", BothOldSigns, phase1));
        Deployed(Up("B", BothOldSigns, phase1.AddHours(5)));

        // A's own record would allow the switch 24 h after its phase 1; B's workloads got the new bundle 5 h later.
        var early = Error(Up("A", BothNewSigns, phase1.AddHours(25)), "MSH096");
        Assert.Equal("meshstack:signingRoot", early.Path);
        Assert.StartsWith("stack B deployed 'next' on 2026-12-02 14:00Z", early.Message, StringComparison.Ordinal);
        Assert.Contains("until 2026-12-03 14:00Z", early.Message, StringComparison.Ordinal);

        var phase2 = phase1.AddHours(30);
        Deployed(Up("A", BothNewSigns, phase2));
        Deployed(Up("B", BothNewSigns, phase2.AddHours(3)));

        // Likewise the old root stays until B's old leaves expire, 24 h after B's own switch.
        var retire = Error(Up("A", OnlyNew, phase2.AddHours(25)), "MSH084");
        Assert.StartsWith("stack B switched from 'ca' on 2026-12-03 18:00Z", retire.Message, StringComparison.Ordinal);
        Deployed(Up("A", OnlyNew, phase2.AddHours(28)));
        Deployed(Up("B", OnlyNew, phase2.AddHours(29)));
    }

    [Fact]
    public void The_root_stack_refuses_the_next_phase_while_another_stack_has_not_deployed_the_last_one()
    {
        Deployed(Up("A", OneRoot, Day0));
        Deployed(Up("B", OneRoot, Day0));
        Deployed(Up("A", BothOldSigns, Day0.AddDays(1)));  // phase 1 needs nothing of B: B already trusts what A signs with

        // B never ran phase 1: switching now would hand B leaves of a root its workloads do not trust.
        var behind = Error(Up("A", BothNewSigns, Day0.AddDays(5)), "MSH218");
        Assert.Equal("meshstack:signingRoot", behind.Path);
        Assert.Contains("stack B has not deployed this stack's last rotation step yet: it deployed roots ca signed by 'ca', this stack roots ca, next signed by 'ca'", behind.Message, StringComparison.Ordinal);
        Assert.Contains("run pulumi up on B first", behind.Message, StringComparison.Ordinal);

        Deployed(Up("B", BothOldSigns, Day0.AddDays(5)));
        Deployed(Up("A", BothNewSigns, Day0.AddDays(6)));
    }

    [Fact]
    public void A_cluster_stack_whose_roots_or_signer_differ_from_the_root_stack_is_refused_either_way()
    {
        Deployed(Up("A", OneRoot, Day0));

        // Ahead of the root stack: B would record phase 1 while deploying the root stack's phase 0 cacerts.
        var ahead = Error(Up("B", BothOldSigns, Day0.AddDays(1)), "MSH217");
        Assert.Equal("meshstack:rootCas", ahead.Path);
        Assert.StartsWith("the root stack A last deployed roots ca signed by 'ca', but this stack's config says roots ca, next signed by 'ca'", ahead.Message, StringComparison.Ordinal);

        Deployed(Up("B", OneRoot, Day0.AddDays(1)));
        Deployed(Up("A", BothOldSigns, Day0.AddDays(2)));

        // Behind it: B's config still says one root while its cacerts would hold A's two.
        Assert.Contains("Run each rotation phase on A first", Error(Up("B", OneRoot, Day0.AddDays(3)), "MSH217").Message, StringComparison.Ordinal);
        // An edited root (same name, other settings) differs too.
        Error(Up("B", BothOldSigns.Replace("New Root", "Other Root", StringComparison.Ordinal), Day0.AddDays(3)), "MSH217");
        Deployed(Up("B", BothOldSigns, Day0.AddDays(3)));
    }

    [Fact]
    public void A_root_stack_update_that_does_not_touch_trust_needs_nothing_of_the_other_stacks()
    {
        Deployed(Up("A", OneRoot, Day0));
        Deployed(Up("B", OneRoot, Day0));
        Deployed(Up("A", BothOldSigns, Day0.AddDays(1)));
        Deployed(Up("A", BothOldSigns, Day0.AddDays(2), extra: "\n  meshstack:workloadCertTtlHours: 12"));
    }

    [Fact]
    public void An_unreadable_record_of_another_stack_stops_a_rotation_step_of_the_root_stack()
    {
        Deployed(Up("A", OneRoot, Day0));
        outputs["B"] = "{not json";
        var error = Error(Up("A", BothOldSigns, Day0.AddDays(1)), "MSH218");
        Assert.StartsWith("stack B's deployment record cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForceRootRetire_takes_an_early_step_with_a_warning_naming_the_later_stack()
    {
        Deployed(Up("A", OneRoot, Day0));
        Deployed(Up("B", OneRoot, Day0));
        Deployed(Up("A", BothOldSigns, Day0.AddDays(1)));
        Deployed(Up("B", BothOldSigns, Day0.AddDays(1).AddHours(5)));

        var forced = Up("A", BothNewSigns, Day0.AddDays(2), extra: "\n  meshstack:forceRootRetire: true");
        Deployed(forced);
        var warning = Assert.Single(forced.Diagnostics, d => d.Code == "MSH085");
        Assert.StartsWith("stack B deployed 'next'", warning.Message, StringComparison.Ordinal);
    }
}
