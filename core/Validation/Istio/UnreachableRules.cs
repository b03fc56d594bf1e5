using System.Globalization;
using System.Text;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Validation.Istio;

/// <summary>
/// VS-19 (warnings only): a rule after a match-less rule, a match repeated from an earlier rule, and (http) a uri
/// prefix match hidden by an earlier, broader prefix match with the same other conditions.
/// </summary>
internal static class UnreachableRules
{
    public static void Check(Findings f, IReadOnlyList<Node> routes, string at, bool isHttp)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var emptyMatch = -1;
        var prefixMatches = new List<PrefixMatch>();
        for (var rule = 0; rule < routes.Count; rule++)
        {
            var route = routes[rule];
            var ruleName = isHttp && route["name"].HasText ? $"\"{route["name"].Text}\"" : $"#{rule}";
            var matches = route["match"].Items;
            if (matches.IsEmpty)
            {
                if (emptyMatch >= 0)
                {
                    Unused(f, $"{at}[{rule}]", ruleName, "only the last rule can have no matches");
                }

                emptyMatch = rule;
                continue;
            }

            var duplicates = 0;
            for (var m = 0; m < matches.Length; m++)
            {
                if (emptyMatch >= 0)
                {
                    Unused(f, $"{at}[{rule}]", ruleName, "route without matches defined before");
                    continue;
                }

                var matchName = isHttp && matches[m]["name"].HasText ? $"\"{matches[m]["name"].Text}\"" : $"#{m}";
                var key = Canonical(matches[m].Raw, skipName: isHttp);
                if (seen.TryGetValue(key, out var earlier))
                {
                    var earlierName = isHttp && routes[earlier]["name"].HasText ? $"\"{routes[earlier]["name"].Text}\"" : $"#{earlier}";
                    Ineffective(f, $"{at}[{rule}].match[{m}]", ruleName, matchName, earlierName);
                    duplicates++;
                    continue;
                }

                seen[key] = rule;
                if (isHttp && PrefixMatch.From(matches[m], ruleName, matchName) is { } prefix)
                {
                    prefixMatches.Add(prefix);
                }
            }

            if (duplicates == matches.Length)
            {
                Unused(f, $"{at}[{rule}]", ruleName, "all matches used by prior rules");
            }
        }

        for (var a = 0; a < prefixMatches.Count; a++)
        {
            for (var b = a + 1; b < prefixMatches.Count; b++)
            {
                var (first, later) = (prefixMatches[a], prefixMatches[b]);
                if (later.Prefix != first.Prefix && first.Covers(later))
                {
                    Ineffective(f, at, later.Rule, $"{later.Match} of prefix {later.Prefix}", $"{first.Match} of prefix {first.Prefix} on {first.Rule}");
                }
            }
        }
    }

    private static void Unused(Findings f, string at, string rule, string reason) =>
        f.Warn("VS-19", at, $"virtualService rule {rule} not used ({reason})");

    private static void Ineffective(Findings f, string at, string rule, string match, string duplicate) =>
        f.Warn("VS-19", at, $"virtualService rule {rule} match {match} is not used (duplicate/overlapping match in rule {duplicate})");

    /// <summary>A key-sorted text form of a value, so equal matches compare equal whatever their key order.</summary>
    private static string Canonical(Value? value, bool skipName)
    {
        var text = new StringBuilder();
        Write(text, value, skipName);
        return text.ToString();
    }

    private static void Write(StringBuilder text, Value? value, bool skipName)
    {
        switch (value)
        {
            case MapValue map:
                text.Append('{');
                foreach (var (key, item) in map.Entries.Where(e => !(skipName && e.Key == "name")).OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    text.Append(key).Append(':');
                    Write(text, item, skipName: false);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case ListValue list:
                text.Append('[');
                foreach (var item in list.Items)
                {
                    Write(text, item, skipName: false);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case Scalar scalar:
                text.Append(string.Format(CultureInfo.InvariantCulture, "{0}", scalar.Content));
                break;
            default:
                text.Append(value?.ToString());
                break;
        }
    }

    /// <summary>An http match with a uri prefix, reduced to what istiod compares for overlap.</summary>
    private sealed record PrefixMatch(
        string Rule, string Match, string Prefix, long Port, string Method, string Authority,
        IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> QueryParams, IReadOnlyDictionary<string, string> WithoutHeaders)
    {
        public static PrefixMatch? From(Node match, string rule, string matchName)
        {
            var prefix = match["uri"]["prefix"].Text;
            if (!match["uri"].IsMessage || prefix.Length == 0)
            {
                return null;
            }

            var method = ExactOrPrefix(match["method"]);
            return new PrefixMatch(
                rule, matchName, prefix, match["port"].Number, method.Length == 0 ? "exact:GET" : method, ExactOrPrefix(match["authority"]),
                Map(match["headers"]), Map(match["queryParams"]), Map(match["withoutHeaders"]));
        }

        /// <summary>True when this (earlier) match catches everything <paramref name="later"/> would.</summary>
        public bool Covers(PrefixMatch later) =>
            later.Prefix.StartsWith(Prefix, StringComparison.Ordinal) && later.Port == Port &&
            Within(Method, later.Method) && Within(Authority, later.Authority) &&
            SameKeys(Headers, later.Headers) && SameKeys(QueryParams, later.QueryParams) && SameKeys(WithoutHeaders, later.WithoutHeaders);

        private static bool Within(string mine, string theirs) => mine == theirs || mine.StartsWith(theirs, StringComparison.Ordinal);

        private static bool SameKeys(IReadOnlyDictionary<string, string> mine, IReadOnlyDictionary<string, string> theirs) =>
            mine.Count == theirs.Count && mine.All(e => theirs.TryGetValue(e.Key, out var other) && Within(e.Value, other));

        private static string ExactOrPrefix(Node match) =>
            match["exact"].HasText ? "exact:" + match["exact"].Text : match["prefix"].HasText ? "prefix:" + match["prefix"].Text : "";

        private static Dictionary<string, string> Map(Node matches) =>
            matches.Entries.ToDictionary(e => e.Key, e => ExactOrPrefix(e.Value), StringComparer.Ordinal);
    }
}
