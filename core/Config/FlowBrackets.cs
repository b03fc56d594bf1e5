using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Config;

/// <summary>
/// Finds a YAML flow bracket (<c>[</c> or <c>{</c>) that is never closed, outside quotes and comments: what a
/// broken document most often is, reported at the bracket instead of where the parser gave up.
/// </summary>
internal static class FlowBrackets
{
    public static (char Open, SourcePosition At)? FirstUnclosed(string text)
    {
        var open = new Stack<(char Open, SourcePosition At)>();
        var line = 1;
        var column = 0;
        char? quote = null;
        var comment = false;
        var previous = '\n';
        foreach (var c in text)
        {
            column++;
            if (c == '\n')
            {
                line++;
                column = 0;
                comment = false;
                quote = quote == '\'' || quote == '"' ? quote : null;
                previous = c;
                continue;
            }

            if (comment)
            {
                continue;
            }

            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
            }
            else if (c == '#' && char.IsWhiteSpace(previous))
            {
                comment = true;
            }
            else if ((c == '\'' || c == '"') && (char.IsWhiteSpace(previous) || previous is '[' or '{' or ',' or ':'))
            {
                quote = c;
            }
            else if (c is '[' or '{')
            {
                open.Push((c, new SourcePosition(line, column)));
            }
            else if (c is ']' or '}' && open.Count > 0)
            {
                open.Pop();
            }

            previous = c;
        }

        return open.Count > 0 ? open.Peek() : null;
    }
}
