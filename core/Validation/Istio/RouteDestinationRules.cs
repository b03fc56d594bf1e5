namespace MeshStack.Core.Validation.Istio;

/// <summary>Route destinations, destinations and weights (VS-11 to VS-15).</summary>
internal static class RouteDestinationRules
{
    /// <summary>An http[].route, tcp[].route or tls[].route list; <paramref name="http"/> adds the header operations.</summary>
    public static void Check(Findings f, Node routes, string at, bool http)
    {
        var items = routes.Items;
        long total = 0;
        var unknownWeight = false;
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var here = $"{at}[{i}]";
            if (!item["destination"].IsMessage)
            {
                f.Error("VS-11", $"{here}.destination", "destination is required");
            }

            if (http)
            {
                HeaderRules.Operations(f, item["headers"], $"{here}.headers");
            }

            Destination(f, item["destination"], $"{here}.destination");
            var weight = item["weight"];
            unknownWeight |= weight.IsUnknown;
            if (!weight.IsUnknown && weight.Number < 0)
            {
                f.Error("VS-15", $"{here}.weight", $"weight {weight.Number} < 0");
            }

            total += weight.Number;
        }

        if (items.Length > 1 && total == 0 && !unknownWeight)
        {
            f.Error("VS-15", at, "total destination weight = 0");
        }
    }

    /// <summary>One destination: host (not <c>*</c>, G-13), subset (DNS-1123 label), port (1..65535).</summary>
    public static void Destination(Findings f, Node destination, string at)
    {
        if (!destination.IsMessage)
        {
            return;
        }

        var host = destination["host"];
        if (!host.IsUnknown)
        {
            if (host.Text == "*")
            {
                f.Error("VS-12", $"{at}.host", $"invalid destination host {host.Text}");
            }
            else if (HostRules.WildcardDomain(host.Text) is { } error)
            {
                f.Error("VS-12", $"{at}.host", error);
            }
        }

        var subset = destination["subset"];
        if (!subset.IsUnknown && subset.HasText && DestinationRuleRules.SubsetName(subset.Text) is { } subsetError)
        {
            f.Error("VS-13", $"{at}.subset", subsetError);
        }

        var port = destination["port"];
        if (port.IsMessage && !port["number"].IsUnknown && HostRules.Port(port["number"].Number) is { } portError)
        {
            f.Error("VS-14", $"{at}.port.number", portError);
        }
    }
}
