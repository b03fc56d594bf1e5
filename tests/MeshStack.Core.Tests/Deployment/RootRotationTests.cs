using MeshStack.Core.Deployment;
using static MeshStack.Testing.RootRotationStacks;

namespace MeshStack.Core.Tests.Deployment;

/// <summary>
/// Root rotation (issue 20) as three updates checked against the previous deployment record: add the new root, switch
/// the signer, remove the old root; each skipped phase and each early step is refused with a code that says what to do first.
/// </summary>
public class RootRotationTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static string Stack(string roots) => StackBuilder.TwoClusters().WithLines(roots).Build();

    private static CompileResult Step(string roots, DeploymentRecord? previous, DateTimeOffset now, string extra = "") =>
        CompilationHelper.Compile(Stack(roots + extra), options: new CompileOptions { Previous = previous, Now = now });

    // What the stack's deployment output holds after a successful update, read back as the next run reads it.
    private static DeploymentRecord Deployed(CompileResult result)
    {
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var (record, problem) = DeploymentRecordJson.Read(DeploymentRecordJson.Write(DeploymentTransitions.RecordOf(result.Plan!)));
        Assert.Null(problem);
        return record!;
    }

    private static Diagnostics.Diagnostic Error(CompileResult result, string code)
    {
        Assert.Null(result.Plan);
        return Assert.Single(result.Errors, d => d.Code == code);
    }

    [Fact]
    public void The_three_phases_spaced_by_the_workload_certificate_lifetime_all_go_ahead()
    {
        var r0 = Deployed(Step(OneRoot, null, Day0));
        var r1 = Deployed(Step(BothOldSigns, r0, Day0.AddDays(1)));
        var r2 = Deployed(Step(BothNewSigns, r1, Day0.AddDays(2)));
        var r3 = Deployed(Step(OnlyNew, r2, Day0.AddDays(3)));

        Assert.Equal(["ca"], r0.Trust!.Roots.Keys);
        Assert.Equal(["ca", "next"], r1.Trust!.Roots.Keys);
        Assert.Equal("ca", r1.Trust.Signer);
        Assert.Equal(Day0.AddDays(1), r1.Trust.Roots["next"].TrustedSince);
        Assert.Equal("next", r2.Trust!.Signer);
        Assert.Equal("ca", r2.Trust.RetiredSigner);
        Assert.Equal(Day0.AddDays(2), r2.Trust.SignerSince);
        Assert.Equal(["next"], r3.Trust!.Roots.Keys);
        Assert.Null(r3.Trust.RetiredSigner);
    }

    [Fact]
    public void Replacing_the_root_in_one_step_is_refused_and_says_to_add_the_new_root_first()
    {
        var r0 = Deployed(Step(OneRoot, null, Day0));

        var error = Error(Step(OnlyNew, r0, Day0.AddDays(30)), "MSH083");

        Assert.Equal("meshstack:signingRoot", error.Path);
        Assert.Contains("First add 'next' to meshstack:rootCas keeping meshstack:signingRoot: ca", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_root_and_signing_with_it_in_one_update_is_refused()
    {
        var r0 = Deployed(Step(OneRoot, null, Day0));

        var error = Error(Step(BothNewSigns, r0, Day0.AddDays(30)), "MSH083");

        Assert.Contains("is not trusted by the deployed clusters yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Switching_the_signer_and_removing_the_old_one_at_once_is_refused()
    {
        var r1 = Deployed(Step(BothOldSigns, Deployed(Step(OneRoot, null, Day0)), Day0.AddDays(1)));

        var error = Error(Step(OnlyNew, r1, Day0.AddDays(30)), "MSH083");

        Assert.Equal("meshstack:rootCas", error.Path);
        Assert.Contains("Keep 'ca' in meshstack:rootCas while switching", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Switching_the_signer_sooner_than_the_workload_lifetime_after_adding_the_root_is_refused()
    {
        var r1 = Deployed(Step(BothOldSigns, Deployed(Step(OneRoot, null, Day0)), Day0.AddDays(1)));

        var error = Error(Step(BothNewSigns, r1, Day0.AddDays(1).AddHours(23)), "MSH096");

        Assert.Contains("until 2026-12-03 09:00Z", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_the_retired_signer_sooner_than_the_workload_lifetime_is_refused_unless_forced()
    {
        var r1 = Deployed(Step(BothOldSigns, Deployed(Step(OneRoot, null, Day0)), Day0.AddDays(1)));
        var r2 = Deployed(Step(BothNewSigns, r1, Day0.AddDays(2)));

        var early = Error(Step(OnlyNew, r2, Day0.AddDays(2).AddHours(6)), "MSH084");
        var forced = Step(OnlyNew, r2, Day0.AddDays(2).AddHours(6), "\n  meshstack:forceRootRetire: true");

        Assert.Contains("Keep 'ca' in meshstack:rootCas until then", early.Message, StringComparison.Ordinal);
        Assert.True(forced.Succeeded, string.Join("\n", forced.Diagnostics));
        Assert.Contains(forced.Diagnostics, d => d is { Code: "MSH085", IsError: false });
    }

    [Fact]
    public void The_workload_lifetime_is_configurable()
    {
        var r1 = Deployed(Step(BothOldSigns, Deployed(Step(OneRoot, null, Day0)), Day0.AddDays(1)));
        var r2 = Deployed(Step(BothNewSigns, r1, Day0.AddDays(2)));

        var longer = Step(OnlyNew, r2, Day0.AddDays(3), "\n  meshstack:workloadCertTtlHours: 72");

        Assert.Contains(longer.Errors, d => d.Code == "MSH084");
    }

    [Fact]
    public void A_root_that_never_signed_can_be_removed_at_once()
    {
        var r1 = Deployed(Step(BothOldSigns, Deployed(Step(OneRoot, null, Day0)), Day0.AddDays(1)));

        var result = Step(OneRoot, r1, Day0.AddDays(1).AddHours(1));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void The_signing_root_cannot_be_removed_while_it_signs()
    {
        var r1 = Deployed(Step(BothOldSigns, Deployed(Step(OneRoot, null, Day0)), Day0.AddDays(1)));
        var onlyNewButOldSigns = OnlyNew + "\n  meshstack:signingRoot: next";

        // Removing 'ca' while the record says it signs means switching in the same step: refused as a skipped phase.
        Assert.Contains(Step(onlyNewButOldSigns, r1, Day0.AddDays(30)).Errors, d => d.Code == "MSH083");
    }

    [Fact]
    public void Editing_a_deployed_roots_settings_is_a_replacement_in_place_and_refused()
    {
        var r0 = Deployed(Step(OneRoot, null, Day0));

        var error = Error(Step("  meshstack:rootCa: { generate: { commonName: Old Root, validityDays: 7300 } }", r0, Day0.AddDays(1)), "MSH094");

        Assert.Equal("meshstack:rootCa", error.Path);
        Assert.Contains("add a root under a new name and rotate to it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shorthand_and_a_rootCas_entry_named_ca_with_the_same_settings_are_the_same_root()
    {
        var r0 = Deployed(Step(OneRoot, null, Day0));

        var result = Step("  meshstack:rootCas: [{ name: ca, generate: { commonName: Old Root } }]", r0, Day0.AddDays(1));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void A_record_from_before_roots_were_named_reads_as_one_root_named_ca()
    {
        const string before = """{"version":2,"istioVersion":"1.30.3","clusters":{"cluster1":{"target":"apply","istioSystem":"patched","corednsBlock":false}}}""";
        var (record, problem) = DeploymentRecordJson.Read(before);

        Assert.Null(problem);
        Assert.Null(record!.Trust);
        Assert.Equal(["ca"], record.TrustOrLegacy.Roots.Keys);
        Assert.True(Step(OneRoot, record, Day0).Succeeded);
        Assert.Contains(Step(OnlyNew, record, Day0).Errors, d => d.Code == "MSH083");
        Assert.True(Step(BothOldSigns, record, Day0).Succeeded);
    }

    [Fact]
    public void A_root_in_its_renewal_window_warns_to_start_a_rotation_and_one_that_would_be_outlived_is_refused()
    {
        var roots = "  meshstack:rootCa: { generate: { commonName: Old Root, validityDays: 1000 }, renewBeforeDays: 400 }";
        var r0 = Deployed(Step(roots, null, Day0));

        var fine = Step(roots, r0, Day0.AddDays(500));
        var window = Step(roots, r0, Day0.AddDays(610));
        var outlived = Step(roots, r0, Day0.AddDays(700));

        Assert.DoesNotContain(fine.Diagnostics, d => d.Code is "MSH086" or "MSH087");
        Assert.Contains(window.Diagnostics, d => d.Code == "MSH086" && d.Message.Contains("Start a rotation now", StringComparison.Ordinal));
        Assert.True(window.Succeeded);
        Assert.Contains("Start a rotation", Error(outlived, "MSH087").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_root_is_allowed_when_the_only_root_would_be_outlived()
    {
        var roots = "  meshstack:rootCa: { generate: { commonName: Old Root, validityDays: 1000 }, renewBeforeDays: 400 }";
        var both = """
              meshstack:rootCas:
                - name: ca
                  generate: { commonName: Old Root, validityDays: 1000 }
                  renewBeforeDays: 400
                - name: next
                  generate: { commonName: New Root }
              meshstack:signingRoot: ca
            """;
        var r0 = Deployed(Step(roots, null, Day0));

        var result = Step(both, r0, Day0.AddDays(700));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Contains(result.Diagnostics, d => d.Code == "MSH086");
    }

    [Fact]
    public void On_istio_1_7_each_phase_rolls_istiod_through_its_trust_annotation_and_adding_a_root_says_to_restart_every_workload()
    {
        const string Legacy = "\n  meshstack:profile: legacy-gateways\n  meshstack:istio: { version: 1.7.8, releaseDir: ./istio-1.7.8 }";
        var p0 = Step(OneRoot, null, Day0, Legacy);
        var add = Step(BothOldSigns, Deployed(p0), Day0.AddDays(1), Legacy);
        var restart = Assert.Single(add.Diagnostics, d => d.Code == "MSH095");
        Assert.Contains("this update rolls istiod 1.7.8 in each cluster", restart.Message, StringComparison.Ordinal);
        Assert.Contains("restart every injected workload and gateway in every cluster after this update", restart.Message, StringComparison.Ordinal);

        var switched = Step(BothNewSigns, Deployed(add), Day0.AddDays(2), Legacy);
        var removed = Step(OnlyNew, Deployed(switched), Day0.AddDays(3), Legacy);
        Assert.DoesNotContain(switched.Diagnostics.Concat(removed.Diagnostics), d => d.Code == "MSH095");

        // istiod 1.7 reads cacerts only at start: each phase changes its pod annotation, so the operator rolls it.
        static string Stamp(CompileResult result)
        {
            var additions = Core.Istio.LegacyGatewaysInstall.Additions(new Core.Plan.PlanContext(result.Spec!, result.Plan!.Addresses), result.Spec!.Clusters[0]);
            var annotations = (Core.Plan.MapValue)((Core.Plan.MapValue)((Core.Plan.MapValue)((Core.Plan.MapValue)additions["components"]!)["pilot"]!)["k8s"]!)["podAnnotations"]!;
            return (string)((Core.Plan.Scalar)annotations[Core.Istio.LegacyGatewaysInstall.TrustAnnotation]!).Content;
        }

        var stamps = new[] { p0, add, switched, removed }.Select(Stamp).ToList();
        Assert.All(stamps, s => Assert.Matches("^[0-9a-f]{16}$", s));
        Assert.Equal(4, stamps.Distinct().Count());
        Assert.Equal(Stamp(p0), Stamp(Step(OneRoot, null, Day0.AddDays(9), Legacy)));
    }

    [Fact]
    public void While_two_roots_are_trusted_istiod_runs_with_ISTIO_MULTIROOT_MESH_so_adding_and_removing_a_root_need_no_manual_restart()
    {
        var r0 = Deployed(Step(OneRoot, null, Day0));
        var add = Step(BothOldSigns, r0, Day0.AddDays(1));
        var remove = Step(OnlyNew, Deployed(Step(BothNewSigns, Deployed(add), Day0.AddDays(2))), Day0.AddDays(3));

        static bool MultiRoot(CompileResult result) =>
            Core.Istio.MultiPrimaryInstall.IstiodValues(new Core.Plan.PlanContext(result.Spec!, result.Plan!.Addresses), result.Spec!.Clusters[0]).Entries
                .Any(e => e.Key == "env" && e.Value is Core.Plan.MapValue env && env.Entries.Any(v => v.Key == "ISTIO_MULTIROOT_MESH"));

        Assert.True(MultiRoot(add));
        Assert.False(MultiRoot(remove));
        Assert.False(MultiRoot(Step(OneRoot, null, Day0)));
        Assert.DoesNotContain(add.Diagnostics.Concat(remove.Diagnostics), d => d.Code == "MSH095");
    }
}
