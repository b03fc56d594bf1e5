using System.Text.RegularExpressions;

namespace MeshStack.Core.Tests.Docs;

/// <summary>The relative links of a Markdown text and the anchors its headings make, as GitHub renders them.</summary>
internal static partial class MarkdownLinks
{
    /// <summary>A link to a file of the repository (empty path: this document), with the heading anchor it names, if any.</summary>
    internal sealed record Link(string Path, string? Anchor);

    public static IEnumerable<Link> Relative(string markdown)
    {
        foreach (Match match in LinkPattern().Matches(WithoutCode(markdown)))
        {
            var target = match.Groups[1].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            yield return hash < 0 ? new Link(target, null) : new Link(target[..hash], target[(hash + 1)..]);
        }
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation other than '-' and '_' dropped, spaces as '-'; explicit ids too.</summary>
    public static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in WithoutCode(markdown).Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                var text = line.TrimStart('#').Trim().ToLowerInvariant();
                var slug = new string(text.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ').ToArray()).Replace(' ', '-');
                var name = slug;
                for (var n = 1; !anchors.Add(name); n++)
                {
                    name = $"{slug}-{n}";
                }
            }
        }

        foreach (Match id in IdPattern().Matches(markdown))
        {
            anchors.Add(id.Groups[1].Value);
        }

        return anchors;
    }

    // Fenced blocks and inline code hold no links or headings.
    private static string WithoutCode(string markdown) => InlineCode().Replace(Fences().Replace(markdown, ""), "");

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"<a id=""([^""]+)""")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"(?ms)^```.*?^```")]
    private static partial Regex Fences();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}
