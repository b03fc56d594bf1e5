using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Tests.Support;

namespace MeshStack.Core.Tests.Docs;

/// <summary>README.md documents every diagnostic and every config key the code knows.</summary>
public class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));

    [Fact]
    public void Every_diagnostic_code_is_in_the_readme_table_with_its_severity_and_title()
    {
        foreach (var d in Codes.All)
        {
            var row = $"| {d.Code} | {d.Severity.ToString().ToLowerInvariant()} | {d.Title} |";
            Assert.True(Readme.Contains(row, StringComparison.Ordinal), $"README.md lacks the row: {row}");
        }
    }

    [Fact]
    public void Every_config_key_is_in_the_configuration_reference()
    {
        var start = Readme.IndexOf("## Configuration reference", StringComparison.Ordinal);
        var end = Readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        var reference = Readme[start..end];
        var keys = ConfigKeys.TopLevel.Concat(ConfigKeys.Istio).Concat(ConfigKeys.RootCa).Concat(ConfigKeys.RootCaGenerate)
            .Concat(ConfigKeys.RootCaImport).Concat(ConfigKeys.RootCasItem).Concat(ConfigKeys.IntermediateCa).Concat(ConfigKeys.Cluster)
            .Concat(ConfigKeys.Gateway).Concat(ConfigKeys.Service).Concat(ConfigKeys.Port).Distinct();
        foreach (var key in keys)
        {
            Assert.True(reference.Contains(key, StringComparison.Ordinal), $"the README configuration reference does not mention '{key}'");
        }
    }

    [Fact]
    public void The_readme_names_the_test_command_that_ci_runs()
    {
        var ci = File.ReadAllText(Path.Combine(Repo.Root, ".ci", "run"));
        Assert.Contains("dotnet test MeshStack.slnx", Readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test \"$target\"", ci, StringComparison.Ordinal);
        Assert.Contains("target=MeshStack.slnx", ci, StringComparison.Ordinal);
    }
}
