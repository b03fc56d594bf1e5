using System.Text.RegularExpressions;

namespace MeshStack.Core.Validation.Istio;

/// <summary>One VirtualService http route (VS-09, VS-10, VS-16, VS-17, VS-20 and the destinations).</summary>
internal static class HttpRouteRules
{
    public static void Check(Findings f, Node route, string at, bool delegateService)
    {
        Conflicts(f, route, at, delegateService);
        Matches(f, route["match"], $"{at}.match");
        HeaderRules.Operations(f, route["headers"], $"{at}.headers");

        var mirrorPercent = route["mirrorPercent"];
        if (mirrorPercent.IsSet)
        {
            if (mirrorPercent.Number > 100)
            {
                f.Error("VS-20", $"{at}.mirrorPercent", $"mirror_percent must have a max value of 100 (it has {mirrorPercent.Number})");
            }

            f.Warn("VS-20", $"{at}.mirrorPercent", "using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead");
        }

        Percentage(f, route["mirrorPercentage"], $"{at}.mirrorPercentage");
        RouteDestinationRules.Destination(f, route["mirror"], $"{at}.mirror");
        var mirrors = route["mirrors"].Items;
        for (var i = 0; i < mirrors.Length; i++)
        {
            if (!mirrors[i]["destination"].IsMessage)
            {
                f.Error("VS-10", $"{at}.mirrors[{i}].destination", "destination is required for mirrors");
                continue;
            }

            RouteDestinationRules.Destination(f, mirrors[i]["destination"], $"{at}.mirrors[{i}].destination");
            Percentage(f, mirrors[i]["percentage"], $"{at}.mirrors[{i}].percentage");
        }

        Redirect(f, route["redirect"], $"{at}.redirect");
        var status = route["directResponse"]["status"];
        if (route["directResponse"].IsMessage && !status.IsUnknown && status.Number is < 200 or > 600)
        {
            f.Error("VS-09", $"{at}.directResponse.status", $"HTTP status {status.Number} is not in range 200-599");
        }

        Rewrite(f, route, at);
        RouteDestinationRules.Check(f, route["route"], $"{at}.route", http: true);
        Durations.Check(f, "VS-09", route["timeout"], $"{at}.timeout");
        Durations.Check(f, "VS-09", route["retries"]["perTryTimeout"], $"{at}.retries.perTryTimeout");
        if (route["retries"]["attempts"].Number < 0)
        {
            f.Error("VS-09", $"{at}.retries.attempts", "attempts cannot be negative");
        }
    }

    /// <summary>VS-09/VS-10: route, redirect, directResponse and delegate exclude each other.</summary>
    private static void Conflicts(Findings f, Node route, string at, bool delegateService)
    {
        var hasRoute = route["route"].Count > 0;
        if (!delegateService && route["delegate"].IsMessage)
        {
            if (route["redirect"].IsMessage)
            {
                f.Error("VS-09", at, "root HTTP route must not specify redirect");
            }

            if (route["route"].IsSet)
            {
                f.Error("VS-09", at, "root HTTP route must not specify route");
            }

            return;
        }

        if (delegateService && route["delegate"].IsMessage)
        {
            f.Error("VS-09", $"{at}.delegate", "delegate HTTP route cannot contain delegate");
        }

        if (route["redirect"].IsMessage)
        {
            foreach (var (key, text) in new[] { ("route", "route"), ("fault", "fault"), ("rewrite", "rewrite"), ("directResponse", "direct_response") })
            {
                if (key == "route" ? hasRoute : route[key].IsMessage)
                {
                    f.Error("VS-09", at, $"HTTP route cannot contain both {text} and redirect");
                }
            }
        }
        else if (route["directResponse"].IsMessage)
        {
            foreach (var (key, text) in new[] { ("route", "route"), ("fault", "fault"), ("rewrite", "rewrite") })
            {
                if (key == "route" ? hasRoute : route[key].IsMessage)
                {
                    f.Error("VS-09", at, $"HTTP route cannot contain both {text} and direct_response");
                }
            }
        }
        else if (!hasRoute)
        {
            f.Error("VS-09", at, "HTTP route, redirect or direct_response is required");
        }

        if (route["mirror"].IsMessage && route["mirrors"].Count > 0)
        {
            f.Error("VS-10", at, "HTTP route cannot contain both mirror and mirrors");
        }
    }

    /// <summary>VS-17: header names, string matches, regexes, ports, source labels, gateways, sourceNamespace.</summary>
    private static void Matches(Findings f, Node matches, string at)
    {
        var items = matches.Items;
        for (var i = 0; i < items.Length; i++)
        {
            var match = items[i];
            var here = $"{at}[{i}]";
            foreach (var (name, value) in match["headers"].Entries)
            {
                Report(f, $"{here}.headers", HeaderRules.MatchName(name));
                Report(f, $"{here}.headers.{name}", StringMatch(value, "headers"));
            }

            foreach (var (name, value) in match["withoutHeaders"].Entries)
            {
                Report(f, $"{here}.withoutHeaders", HeaderRules.MatchName(name));
                if (value["regex"].Text != "*")
                {
                    Report(f, $"{here}.withoutHeaders.{name}", StringMatch(value, "withoutHeaders"));
                }
            }

            if (match["uri"]["regex"].IsSet)
            {
                Report(f, $"{here}.uri", StringMatch(match["uri"], "uri"));
            }

            foreach (var key in new[] { "scheme", "method", "authority" })
            {
                Report(f, $"{here}.{key}", StringMatch(match[key], key));
            }

            foreach (var (name, value) in match["queryParams"].Entries)
            {
                Report(f, $"{here}.queryParams.{name}", StringMatch(value, "queryParams"));
            }

            if (match["port"].Number != 0)
            {
                Report(f, $"{here}.port", HostRules.Port(match["port"].Number));
            }

            foreach (var error in HostRules.LabelMap(match["sourceLabels"]))
            {
                Report(f, $"{here}.sourceLabels", error);
            }

            VirtualServiceRules.GatewayNames(f, match["gateways"], $"{here}.gateways");
            var sourceNamespace = match["sourceNamespace"];
            if (sourceNamespace.HasText && !HostRules.IsDns1123Label(sourceNamespace.Text))
            {
                Report(f, $"{here}.sourceNamespace", $"sourceNamespace match {sourceNamespace.Text} is invalid");
            }
        }
    }

    private static string? StringMatch(Node match, string where)
    {
        if (!match.IsMessage || match.IsUnknown)
        {
            return null;
        }

        if (match["prefix"].IsSet && !match["prefix"].IsUnknown && !match["prefix"].HasText)
        {
            return $"\"{where}\": prefix string match should not be empty";
        }

        if (!match["regex"].IsSet || match["regex"].IsUnknown)
        {
            return null;
        }

        var regex = match["regex"].Text;
        if (regex.Length == 0)
        {
            return $"\"{where}\": regex string match should not be empty";
        }

        return Regexes.Check(regex, where);
    }

    private static void Percentage(Findings f, Node percentage, string at)
    {
        var value = percentage["value"].Real;
        if (percentage.IsMessage && value is < 0 or > 100)
        {
            f.Error("VS-20", at, $"mirror percentage must be in 0..100 (it has {value})");
        }
    }

    private static void Redirect(Findings f, Node redirect, string at)
    {
        if (!redirect.IsMessage)
        {
            return;
        }

        if (!redirect["uri"].HasText && !redirect["authority"].HasText && !redirect["port"].IsSet && !redirect["derivePort"].IsSet && !redirect["scheme"].HasText)
        {
            f.Error("VS-09", at, "redirect must specify URI, authority, scheme, or port");
        }

        var code = redirect["redirectCode"].Number;
        if (code != 0 && code is < 300 or > 399)
        {
            f.Error("VS-09", $"{at}.redirectCode", $"{code} is not a valid redirect code, must be 3xx");
        }

        if (redirect["scheme"].Text is not ("" or "http" or "https"))
        {
            f.Error("VS-09", $"{at}.scheme", "invalid redirect scheme, must be \"http\" or \"https\"");
        }
    }

    /// <summary>Rewrite fields, and the authority rewritten in at most one place (VS-16).</summary>
    private static void Rewrite(Findings f, Node route, string at)
    {
        var rewrite = route["rewrite"];
        if (rewrite.IsMessage)
        {
            var regexRewrite = rewrite["uriRegexRewrite"];
            if (rewrite["uri"].HasText && regexRewrite.IsMessage)
            {
                f.Error("VS-09", $"{at}.rewrite", "rewrite may only contain one of URI or UriRegexRewrite");
            }

            if (!rewrite["uri"].HasText && !regexRewrite.IsMessage && !rewrite["authority"].HasText)
            {
                f.Error("VS-09", $"{at}.rewrite", "rewrite must specify at least one of URI, UriRegexRewrite, or authority");
            }

            if (regexRewrite.IsMessage)
            {
                if (!regexRewrite["match"].HasText || !regexRewrite["rewrite"].HasText)
                {
                    f.Error("VS-09", $"{at}.rewrite.uriRegexRewrite", "UriRegexRewrite requires both Rewrite and Match fields to be specified");
                }
                else
                {
                    Report(f, $"{at}.rewrite.uriRegexRewrite.match", Regexes.Check(regexRewrite["match"].Text, "HTTPRewrite.UriRegexRewrite.Match"));
                }
            }
        }

        var authority = rewrite["authority"].Text;
        var request = route["headers"]["request"];
        foreach (var (name, value) in request["set"].Entries.Concat(request["add"].Entries))
        {
            if (!HeaderRules.IsAuthority(name))
            {
                continue;
            }

            if (authority.Length > 0)
            {
                f.Error("VS-16", $"{at}.headers", $"authority header cannot be set multiple times: have \"{authority}\", attempting to set \"{value.Text}\"");
                return;
            }

            authority = value.IsUnknown ? "?" : value.Text;
        }
    }

    private static void Report(Findings f, string at, string? error)
    {
        if (error is not null)
        {
            f.Error("VS-17", at, error);
        }
    }
}

/// <summary>Regex checks: Envoy uses RE2; .NET's parser is the closest check core can run (length limit as istiod).</summary>
internal static class Regexes
{
    public static string? Check(string regex, string where)
    {
        if (regex.Length > 1024)
        {
            return $"\"{where}\": regex is too large, max length allowed is 1024";
        }

        try
        {
            _ = new Regex(regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException e)
        {
            return $"\"{where}\": {e.Message}; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)";
        }
    }
}
