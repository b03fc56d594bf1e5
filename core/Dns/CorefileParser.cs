using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace MeshStack.Core.Dns;

/// <summary>
/// The Caddyfile grammar CoreDNS reads, enough to find server blocks safely: words split by white space,
/// <c>#</c> comments, double-quoted words, and <c>{</c>/<c>}</c> as words of their own. A directive is the
/// first word of a line plus the words after it on that line; a <c>{</c> at its end opens its option block.
/// </summary>
internal static class CorefileParser
{
    private readonly record struct Token(string Text, int Start, int End, int Line, bool Quoted)
    {
        public bool Is(string text) => !Quoted && Text == text;
    }

    public static CorefileParse Parse(string text)
    {
        var (tokens, lexError) = Lex(text);
        if (lexError is not null)
        {
            return new CorefileParse(null, lexError);
        }

        var blocks = ImmutableArray.CreateBuilder<ServerBlock>();
        var imports = ImmutableArray.CreateBuilder<TopLevelImport>();
        var i = 0;
        while (i < tokens.Count)
        {
            var first = tokens[i];
            if (first.Is("}"))
            {
                return Fail(first, "'}' without a matching '{'");
            }

            if (first.Is("{"))
            {
                return Fail(first, "'{' without a server key before it");
            }

            if (first.Is("import"))
            {
                var line = tokens.Skip(i).TakeWhile(t => t.Line == first.Line).ToList();
                if (line.Count < 2 || line.Skip(1).Any(t => t.Is("{") || t.Is("}")))
                {
                    return Fail(first, "a top-level 'import' needs one file pattern on its line");
                }

                imports.Add(new TopLevelImport(string.Join(' ', line.Skip(1).Select(t => t.Text)), first.Start, line[^1].End));
                i += line.Count;
                continue;
            }

            var keys = new List<Token>();
            while (i < tokens.Count && !tokens[i].Is("{"))
            {
                if (tokens[i].Is("}"))
                {
                    return Fail(tokens[i], "'}' without a matching '{'");
                }

                keys.Add(tokens[i]);
                i++;
            }

            if (i == tokens.Count)
            {
                return Fail(keys[0], $"the server block '{string.Join(' ', keys.Select(k => k.Text))}' has no '{{' (MeshStack only merges into Corefiles whose server blocks use braces)");
            }

            var open = tokens[i];
            i++;
            var (directives, next, error) = Directives(tokens, i, open);
            if (error is not null)
            {
                return new CorefileParse(null, error);
            }

            var close = tokens[next - 1];
            var serverKeys = keys
                .SelectMany(k => k.Text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(k => new ServerKey(k))
                .ToImmutableArray();
            if (serverKeys.IsEmpty)
            {
                return Fail(open, "a server block has no key");
            }

            blocks.Add(new ServerBlock(serverKeys, directives, keys[0].Start, close.End, text[keys[0].Start..close.End]));
            i = next;
        }

        return new CorefileParse(new Corefile(text, blocks.ToImmutable(), imports.ToImmutable()), null);
    }

    // Reads directives until the '}' that closes `open`; returns the index after that '}'.
    private static (ImmutableArray<Directive> Directives, int Next, string? Error) Directives(List<Token> tokens, int i, Token open)
    {
        var result = ImmutableArray.CreateBuilder<Directive>();
        while (i < tokens.Count)
        {
            var name = tokens[i];
            if (name.Is("}"))
            {
                return (result.ToImmutable(), i + 1, null);
            }

            if (name.Is("{"))
            {
                return ([], i, Message(name, "'{' where a directive name was expected"));
            }

            i++;
            var args = ImmutableArray.CreateBuilder<string>();
            while (i < tokens.Count && tokens[i].Line == name.Line && !tokens[i].Is("{") && !tokens[i].Is("}"))
            {
                args.Add(tokens[i].Text);
                i++;
            }

            ImmutableArray<Directive> nested = [];
            if (i < tokens.Count && tokens[i].Is("{") && tokens[i].Line == name.Line)
            {
                var (inner, next, error) = Directives(tokens, i + 1, tokens[i]);
                if (error is not null)
                {
                    return ([], next, error);
                }

                nested = inner;
                i = next;
            }

            result.Add(new Directive(name.Text, args.ToImmutable(), nested, name.Line));
        }

        return ([], i, Message(open, "this '{' is never closed"));
    }

    private static (List<Token> Tokens, string? Error) Lex(string text)
    {
        var tokens = new List<Token>();
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '"')
            {
                var start = i;
                var startLine = line;
                var value = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        i++;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    value.Append(text[i]);
                    i++;
                }

                if (i == text.Length)
                {
                    return (tokens, string.Create(CultureInfo.InvariantCulture, $"line {startLine}: a quoted word is never closed"));
                }

                i++;
                tokens.Add(new Token(value.ToString(), start, i, startLine, true));
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(text[start..i], start, i, line, false));
            }
        }

        return (tokens, null);
    }

    private static CorefileParse Fail(Token at, string message) => new(null, Message(at, message));

    private static string Message(Token at, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"line {at.Line}: {message}");
}
