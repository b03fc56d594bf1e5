using System.CommandLine;
using System.Text.RegularExpressions;

namespace MeshStack.Cli;

/// <summary>
/// The command list of the top-level help shows optional arguments in brackets (<c>validate [&lt;STACK_FILE&gt;]</c>),
/// as each command's own usage line does; System.CommandLine's list shows them as if required and offers no public
/// hook for that column, so the text is corrected and the columns realigned.
/// </summary>
internal static partial class HelpLabels
{
    public static string MarkOptionalArguments(RootCommand root, string help)
    {
        var optional = root.Subcommands
            .SelectMany(c => c.Arguments.Where(a => a.Arity.MinimumNumberOfValues == 0).Select(a => $"{c.Name} <{a.Name}>"))
            .ToHashSet(StringComparer.Ordinal);
        var lines = help.Split('\n');
        var start = Array.IndexOf(lines, "Commands:") + 1;
        if (start == 0)
        {
            return help;
        }

        var end = start;
        var rows = new List<(string First, string Second)>();
        for (; end < lines.Length && Row().Match(lines[end]) is { Success: true } m; end++)
        {
            var first = m.Groups["first"].Value;
            rows.Add((optional.Contains(first) ? first.Replace(" <", " [<", StringComparison.Ordinal) + "]" : first, m.Groups["second"].Value));
        }

        var width = rows.Count == 0 ? 0 : rows.Max(r => r.First.Length);
        for (var i = 0; i < rows.Count; i++)
        {
            lines[start + i] = $"  {rows[i].First.PadRight(width)}  {rows[i].Second}";
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^  (?<first>\S+(?: <[^>]+>)*) {2,}(?<second>.*)$")]
    private static partial Regex Row();
}
