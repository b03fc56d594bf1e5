
namespace MeshStack.Core.Tests.Config;

/// <summary>
/// How validation reports: every problem at once, messages that quote the bad value, a valid base. The rules themselves,
/// one broken stack per row with its code and path, are the bad-input catalogue (Fixtures/bad, Robustness/BadInputCatalogueTests),
/// which the CLI tests run through the real entry point too.
/// </summary>
public class ValidationReportingTests
{
    [Fact]
    public void All_problems_are_reported_at_once()
    {
        var result = CompilationHelper.Compile(Stacks.TwoClusters(services: Svc(ports: "[{ name: A, number: 0 }]", address: "10.0.0.1", clusters: "[nowhere]")));
        var codes = result.Diagnostics.Select(d => d.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "MSH010", "MSH021", "MSH034", "MSH013" }, codes);
    }

    [Fact]
    public void Messages_quote_the_bad_value_and_offer_a_hint()
    {
        var result = CompilationHelper.Compile(StackBuilder.TwoClusters().WithLines("  meshstack:adressPool: 240.0.0.0/16").Build());
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("unknown key 'meshstack:adressPool', did you mean 'addressPool'?", d.Message);
        Assert.NotNull(d.Position);
    }

    [Fact]
    public void The_valid_base_stack_is_valid()
    {
        var result = CompilationHelper.Compile(StackBuilder.TwoClusters().Build());
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    private static string Svc(string name = "httpbin", string clusters = "[cluster2]", string ports = "[{ name: http1, number: 8000, protocol: http }]",
        string? consumers = null, string? address = null, string? route = null, string? versions = null, string? weights = null)
    {
        var lines = new List<string>
        {
            $"    - name: {name}",
            "      namespace: bar",
            $"      clusters: {clusters}",
            $"      ports: {ports}",
        };
        if (consumers is not null)
        {
            lines.Add($"      consumers: {consumers}");
        }

        if (address is not null)
        {
            lines.Add($"      address: {address}");
        }

        if (route is not null)
        {
            lines.Add($"      route: {route}");
        }

        if (versions is not null)
        {
            lines.Add($"      versions: {versions}");
        }

        if (weights is not null)
        {
            lines.Add($"      weights: {weights}");
        }

        return string.Join("\n", lines);
    }
}
