using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Tests.Docs;

/// <summary>docs/ documents every diagnostic and every config key the code knows; README names the test command CI runs.</summary>
public class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
    private static readonly string DiagnosticsDoc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "diagnostics.md"));
    private static readonly string ConfigurationDoc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "configuration.md"));

    [Fact]
    public void Every_diagnostic_code_is_in_the_diagnostics_table_with_its_anchor_severity_and_title()
    {
        foreach (var d in Codes.All)
        {
            var anchor = d.HelpLink[(d.HelpLink.IndexOf('#', StringComparison.Ordinal) + 1)..];
            var row = $"| <a id=\"{anchor}\"></a>{d.Code} | {d.Severity.ToString().ToLowerInvariant()} | {d.Title} |";
            Assert.True(DiagnosticsDoc.Contains(row, StringComparison.Ordinal), $"docs/diagnostics.md lacks the row: {row}");
        }
    }

    [Fact]
    public void Every_help_link_names_an_anchor_of_the_diagnostics_document()
    {
        var anchors = MarkdownLinks.Anchors(DiagnosticsDoc);
        foreach (var d in Codes.All)
        {
            Assert.StartsWith("docs/diagnostics.md#", d.HelpLink, StringComparison.Ordinal);
            Assert.Contains(d.HelpLink["docs/diagnostics.md#".Length..], anchors);
        }
    }

    [Fact]
    public void The_diagnostics_table_lists_the_codes_in_code_order()
    {
        var listed = DiagnosticsDoc.Split('\n').Where(l => l.StartsWith("| <a id=", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("</a>", StringComparison.Ordinal) + 4)..l.IndexOf(" |", StringComparison.Ordinal)]).ToList();
        Assert.Equal(Codes.All.Select(d => d.Code), listed);
    }

    [Fact]
    public void Every_config_key_is_in_the_configuration_reference()
    {
        var start = ConfigurationDoc.IndexOf("# Configuration reference", StringComparison.Ordinal);
        var end = ConfigurationDoc.IndexOf("\n# ", start + 5, StringComparison.Ordinal);
        var reference = ConfigurationDoc[start..end];
        var keys = ConfigKeys.TopLevel.Concat(ConfigKeys.Istio).Concat(ConfigKeys.RootCa).Concat(ConfigKeys.RootCaGenerate)
            .Concat(ConfigKeys.RootCaImport).Concat(ConfigKeys.RootCasItem).Concat(ConfigKeys.IntermediateCa).Concat(ConfigKeys.Cluster)
            .Concat(ConfigKeys.Gateway).Concat(ConfigKeys.Service).Concat(ConfigKeys.Port).Distinct();
        foreach (var key in keys)
        {
            Assert.True(reference.Contains(key, StringComparison.Ordinal), $"docs/configuration.md does not mention '{key}'");
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

    [Fact]
    public void The_readme_is_what_a_newcomer_reads_in_five_minutes()
    {
        var lines = Readme.Split('\n').Length;
        Assert.True(lines <= 200, $"README.md has {lines} lines; references belong in docs/");
    }

    [Fact]
    public void Every_relative_link_in_the_readme_and_docs_names_a_file_and_heading_that_exist()
    {
        var documents = Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.md").Append(Path.Combine(Repo.Root, "README.md"));
        var broken = new List<string>();
        foreach (var document in documents)
        {
            foreach (var link in MarkdownLinks.Relative(File.ReadAllText(document)))
            {
                var target = link.Path.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, link.Path));
                if (!File.Exists(target) && !Directory.Exists(target))
                {
                    broken.Add($"{Path.GetFileName(document)}: {link.Path} does not exist");
                }
                else if (link.Anchor is { } anchor && !MarkdownLinks.Anchors(File.ReadAllText(target)).Contains(anchor))
                {
                    broken.Add($"{Path.GetFileName(document)}: {link.Path}#{anchor} names no heading");
                }
            }
        }

        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }
}
