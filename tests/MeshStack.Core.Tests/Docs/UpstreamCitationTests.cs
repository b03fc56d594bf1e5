using System.Text.RegularExpressions;

namespace MeshStack.Core.Tests.Docs;

/// <summary>
/// Every line citation of an upstream file (istiod, pulumi-kubernetes, pulumi-dotnet, ...) in the sources and docs names
/// the tag it was read at (<c>file@tag:line</c>): a line number without a tag points at a moving target. A citation of one of
/// this repository's own files needs no tag.
/// </summary>
public partial class UpstreamCitationTests
{
    [Fact]
    public void Every_upstream_line_citation_is_pinned_to_a_tag()
    {
        var tracked = TrackedFiles();
        var own = tracked.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var unpinned = new List<string>();
        // This file's own examples of unpinned citations are not citations.
        foreach (var file in tracked.Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal)) && !f.EndsWith("/UpstreamCitationTests.cs", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(Path.Combine(Repo.Root, file));
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in Citation().Matches(lines[i]))
                {
                    if (!m.Groups["tag"].Success && !own.Contains(Path.GetFileName(m.Groups["file"].Value)))
                    {
                        unpinned.Add($"{file}:{i + 1}: {m.Value}");
                    }
                }
            }
        }

        Assert.True(tracked.Count > 100, $"git ls-files listed {tracked.Count} files: the scan needs the repository's work tree");
        Assert.Empty(unpinned);
    }

    [Theory]
    [InlineData("pilot/pkg/bootstrap/istio_ca.go@1.30.3:420-450", true)]
    [InlineData("provider/pkg/provider/provider.go@v4.32.0:495", true)]
    [InlineData("provider.go:2471", false)]
    [InlineData("sdk/Pulumi/Provider/Provider.cs:1145", false)]
    public void The_scan_tells_a_pinned_citation_from_an_unpinned_one(string text, bool pinned)
    {
        var m = Citation().Match(text);
        Assert.True(m.Success);
        Assert.Equal(pinned, m.Groups["tag"].Success);
    }

    private static List<string> TrackedFiles()
    {
        var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", "ls-files")
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var files = git.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        git.WaitForExit();
        return files;
    }

    [GeneratedRegex(@"(?<file>[A-Za-z0-9_./-]+\.(?:go|cs|proto|ts|py|yaml))(?<tag>@[A-Za-z0-9._-]+)?:\d+")]
    private static partial Regex Citation();
}
