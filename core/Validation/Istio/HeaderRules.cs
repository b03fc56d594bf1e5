using System.Text.RegularExpressions;

namespace MeshStack.Core.Validation.Istio;

/// <summary>Header names and values in VirtualService header operations and matches (VS-16).</summary>
internal static partial class HeaderRules
{
    private const string JwtClaimPrefix = "@request.auth.claims";
    private static readonly string[] PseudoHeaders = [":method", ":scheme", ":authority", ":path", ":status"];

    /// <summary>Checks a <c>headers: {request: {add, set, remove}, response: {...}}</c> block.</summary>
    public static void Operations(Findings f, Node headers, string at)
    {
        foreach (var (name, value) in headers["request"]["add"].Entries.Concat(headers["request"]["set"].Entries))
        {
            Report(f, at, RequestSetName(name));
            Report(f, at, value.IsUnknown ? null : Value(value.Text));
        }

        foreach (var name in headers["request"]["remove"].Items)
        {
            Report(f, at, name.IsUnknown ? null : OperationName(name.Text));
        }

        foreach (var (name, value) in headers["response"]["add"].Entries.Concat(headers["response"]["set"].Entries))
        {
            Report(f, at, OperationName(name));
            Report(f, at, value.IsUnknown ? null : Value(value.Text));
        }

        foreach (var name in headers["response"]["remove"].Items)
        {
            Report(f, at, name.IsUnknown ? null : OperationName(name.Text));
        }
    }

    /// <summary>A header name in a match: a JWT claim, a pseudo header, or an RFC 7230 token.</summary>
    public static string? MatchName(string name)
    {
        if (name.Length == 0)
        {
            return "header name cannot be empty";
        }

        if (IsJwtClaim(name) || PseudoHeaders.Contains(name, StringComparer.Ordinal))
        {
            return null;
        }

        return Token().IsMatch(name) ? null : $"header name {name} is not a valid header name";
    }

    public static bool IsJwtClaim(string name)
    {
        if (!name.StartsWith(JwtClaimPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = name[JwtClaimPrefix.Length..];
        return (rest.StartsWith('.') && rest.Length > 1) || (rest.StartsWith('[') && rest.EndsWith(']') && rest.Length > 2);
    }

    public static bool IsAuthority(string name) =>
        name.Equals(":authority", StringComparison.OrdinalIgnoreCase) || name.Equals("host", StringComparison.OrdinalIgnoreCase);

    private static void Report(Findings f, string at, string? error)
    {
        if (error is not null)
        {
            f.Error("VS-16", at, error);
        }
    }

    private static string? RequestSetName(string name)
    {
        if (name.Length == 0)
        {
            return "header name cannot be empty";
        }

        return IsInternal(name) && !IsAuthority(name) ? $"invalid header \"{name}\": header cannot have \":\" prefix" : null;
    }

    private static string? OperationName(string name)
    {
        if (name.Length == 0)
        {
            return "header name cannot be empty";
        }

        if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
        {
            return $"invalid header \"{name}\": cannot set Host header";
        }

        return IsInternal(name) ? $"invalid header \"{name}\": header cannot have \":\" prefix" : null;
    }

    private static bool IsInternal(string name) => name.StartsWith(':') || name.Equals("host", StringComparison.OrdinalIgnoreCase);

    /// <summary>No control characters, and Envoy's <c>%</c> syntax: <c>%%</c>, <c>%VAR%</c> or <c>%VAR(args)%</c>.</summary>
    public static string? Value(string value)
    {
        if (value.Any(c => c is (>= '\u0000' and <= '\u0008') or (>= '\u000A' and <= '\u001F') or '\u007F'))
        {
            return $"header value configuration {value} is invalid";
        }

        return EnvoyFormat(value) is { } error ? $"header value configuration: {error}" : null;
    }

    private enum State
    {
        Literal,
        VariableName,
        ExpectArray,
        ExpectString,
        InString,
        ExpectDelimiterOrEnd,
        ExpectArgsEnd,
        ExpectVariableEnd,
    }

    /// <summary>The state machine of Envoy's header formatter parser, reporting the first syntax error.</summary>
    private static string? EnvoyFormat(string value)
    {
        var state = State.Literal;
        for (var pos = 0; pos < value.Length; pos++)
        {
            var ch = value[pos];
            var hasNext = pos + 1 < value.Length;
            switch (state)
            {
                case State.Literal when ch == '%':
                    if (!hasNext)
                    {
                        return "invalid header configuration. Un-escaped %";
                    }

                    if (value[pos + 1] == '%')
                    {
                        pos++;
                    }
                    else
                    {
                        state = State.VariableName;
                    }

                    break;
                case State.VariableName:
                    state = ch switch { '%' => State.Literal, '(' => State.ExpectArray, _ => state };
                    break;
                case State.ExpectArray:
                    state = ch == '[' ? State.ExpectString : ch != ' ' ? State.InString : state;
                    break;
                case State.ExpectDelimiterOrEnd:
                    if (ch == ',')
                    {
                        state = State.ExpectString;
                    }
                    else if (ch == ']')
                    {
                        state = State.ExpectArgsEnd;
                    }
                    else if (ch != ' ')
                    {
                        return "invalid header configuration. Expecting ',', ']', or whitespace";
                    }

                    break;
                case State.ExpectString:
                    if (ch == '"')
                    {
                        state = State.InString;
                    }
                    else if (ch != ' ')
                    {
                        return "invalid header configuration. Expecting '\"'";
                    }

                    break;
                case State.InString:
                    if (ch == '\\')
                    {
                        if (!hasNext)
                        {
                            return "invalid header configuration. Un-terminated backslash in JSON string";
                        }

                        pos++;
                    }
                    else if (ch == ')')
                    {
                        state = State.ExpectVariableEnd;
                    }
                    else if (ch == '"')
                    {
                        state = State.ExpectDelimiterOrEnd;
                    }

                    break;
                case State.ExpectArgsEnd:
                    if (ch == ')')
                    {
                        state = State.ExpectVariableEnd;
                    }
                    else if (ch != ' ')
                    {
                        return "invalid header configuration. Expecting ')' or whitespace";
                    }

                    break;
                case State.ExpectVariableEnd:
                    if (ch == '%')
                    {
                        state = State.Literal;
                    }
                    else if (ch != ' ')
                    {
                        return "invalid header configuration. Expecting '%' or whitespace after";
                    }

                    break;
            }
        }

        return state == State.Literal ? null : $"invalid header configuration. Un-terminated variable expression '{value}'";
    }

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~A-Za-z0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
