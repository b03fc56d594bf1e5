using System.Collections.Immutable;
using MeshStack.Core.Plan;
using MeshStack.Core.Tests.Support;
using MeshStack.Core.Validation.Istio;
using Xunit.Abstractions;

namespace MeshStack.Core.Tests.Validation;

/// <summary>
/// Every converted upstream istiod table-test case (reference istio/validation-1.30.3/cases.yaml) is accepted or
/// rejected exactly as upstream expects, warns as upstream expects where upstream checks it, and carries upstream's
/// expected error/warning text.
/// </summary>
public class IstioWebhookRulesCaseTests(ITestOutputHelper output)
{
    /// <summary>Cases the C# rules knowingly do not match, with the reason. Kept empty; the test fails if it grows past a handful.</summary>
    private static readonly ImmutableDictionary<string, string> KnownMismatches = ImmutableDictionary<string, string>.Empty;

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var c in IstioValidationCases.All)
        {
            data.Add(c.Index, $"{c.Kind}/{c.Func}: {c.Name}");
        }

        return data;
    }

    [Fact]
    public void The_reference_file_holds_all_274_upstream_cases()
    {
        Assert.Equal(274, IstioValidationCases.All.Length);
        Assert.Equal(129, IstioValidationCases.All.Count(c => c.Fragment is null));
        Assert.Equal(145, IstioValidationCases.All.Count(c => c.Fragment is not null));
    }

    [Fact]
    public void The_comparison_notices_a_flipped_expectation_in_every_case()
    {
        var undetected = IstioValidationCases.All.Where(c => Mismatch(c with { Valid = !c.Valid }) is null).ToList();
        Assert.Empty(undetected);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_matches_upstream_expectation(int index, string name)
    {
        var c = IstioValidationCases.All[index];
        Assert.False(KnownMismatches.ContainsKey(Key(c)), $"{name} is listed as a known mismatch");
        Assert.Null(Mismatch(c));
    }

    [Fact]
    public void All_cases_pass_and_the_count_is_reported()
    {
        var failures = IstioValidationCases.All.Select(c => (Case: c, Problem: Mismatch(c))).Where(x => x.Problem is not null).ToList();
        var passed = IstioValidationCases.All.Length - failures.Count;
        output.WriteLine($"istiod webhook cases: {passed}/{IstioValidationCases.All.Length} match upstream");
        foreach (var (c, problem) in failures)
        {
            output.WriteLine($"  {c}: {problem}");
        }

        Assert.True(KnownMismatches.Count <= 5, "the known-mismatch list must stay small");
        Assert.All(failures, f => Assert.True(KnownMismatches.ContainsKey(Key(f.Case)), $"{f.Case}: {f.Problem}"));
        Assert.Equal(IstioValidationCases.All.Length, passed + KnownMismatches.Count(k => failures.Any(f => Key(f.Case) == k.Key)));
    }

    private static string Key(IstioValidationCase c) => c.Source;

    /// <summary>Why the C# result differs from upstream's expectation, or null when it matches.</summary>
    internal static string? Mismatch(IstioValidationCase c)
    {
        var findings = Run(c);
        var errors = findings.Where(f => f.IsError).ToList();
        var warnings = findings.Where(f => !f.IsError).ToList();
        var all = string.Join("; ", findings);
        if (c.Valid == errors.Count > 0)
        {
            return c.Valid ? $"expected valid, got errors: {all}" : "expected an error, got none" + (all.Length > 0 ? $" (findings: {all})" : "");
        }

        if (c.WarningChecked && c.Warning != warnings.Count > 0)
        {
            return c.Warning ? $"expected a warning, got none ({all})" : $"expected no warning, got: {all}";
        }

        if (c.ErrorContains is { } error && !errors.Any(e => e.Message.Contains(error, StringComparison.Ordinal)))
        {
            return $"no error contains \"{error}\": {all}";
        }

        if (c.WarningContains is { } warning && !warnings.Any(w => w.Message.Contains(warning, StringComparison.Ordinal)))
        {
            return $"no warning contains \"{warning}\": {all}";
        }

        return null;
    }

    /// <summary>Runs the C# entry point that matches the upstream function the case exercised.</summary>
    private static ImmutableArray<IstioFinding> Run(IstioValidationCase c)
    {
        var spec = c.Spec;
        switch (c.Fragment)
        {
            case null:
                var manifest = Value.Map(
                    ("apiVersion", "networking.istio.io/v1"),
                    ("kind", c.Kind),
                    ("metadata", c.Metadata),
                    ("spec", spec));
                return IstioWebhookRules.Validate(manifest);
            case "Server" when c.Func == "validateServerPort":
                return IstioWebhookRules.ValidateServerPort(spec);
            case "Server":
                return IstioWebhookRules.ValidateServer(spec);
            case "ServerTLSSettings":
                return IstioWebhookRules.ValidateServerTls(spec);
            case "TrafficPolicy":
                return IstioWebhookRules.ValidateTrafficPolicy(spec);
            case "HTTPRoute":
                return IstioWebhookRules.ValidateHttpRoute(spec);
            case "TCPRoute":
                return IstioWebhookRules.ValidateRouteDestinations(spec["route"] as ListValue ?? new ListValue([]));
            case "Destination":
                return IstioWebhookRules.ValidateDestination(spec);
            case "exportTo":
                var ns = c.Metadata?["namespace"] is Scalar { Content: string n } ? n : "";
                var withSelector = c.Note?.Contains("isDestinationRuleWithSelector=true", StringComparison.Ordinal) == true;
                return IstioWebhookRules.ValidateExportTo(spec["exportTo"] as ListValue, ns, c.Kind == "ServiceEntry", withSelector);
            default:
                throw new InvalidOperationException($"unknown fragment {c.Fragment} in {c}");
        }
    }
}
