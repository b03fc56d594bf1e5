namespace MeshStack.Core.Validation.Istio;

/// <summary>exportTo (G-17 to G-20, DR-14): <c>.</c>, <c>*</c>, namespace names, and <c>~</c> only alone on a ServiceEntry.</summary>
internal static class ExportToRules
{
    public static void Check(Findings findings, string rule, string path, Node exportTo, string ns, bool isServiceEntry, bool isDestinationRuleWithSelector)
    {
        var entries = exportTo.Items;
        if (entries.IsEmpty)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].IsUnknown)
            {
                continue;
            }

            var entry = entries[i].Text;
            var key = entry == "." ? ns : entry;
            var at = $"{path}[{i}]";
            if (seen.Contains(key))
            {
                findings.Error(rule, at, key != entry
                    ? $"duplicate entries in exportTo: . and current namespace {ns}"
                    : $"duplicate entries in exportTo for entry {entry}");
            }
            else if (isServiceEntry && entry == "~")
            {
                seen.Add(key);
            }
            else if (Visibility(key) is { } error)
            {
                findings.Error(rule, at, error);
            }
            else
            {
                seen.Add(key);
            }
        }

        if (isDestinationRuleWithSelector && seen.Count > 0)
        {
            if (!seen.Contains(ns))
            {
                findings.Error(rule, path, "destination rule with workload selector cannot have exportTo beyond current namespace");
            }
            else if (seen.Count > 1)
            {
                findings.Error(rule, path, "destination rule with workload selector cannot have multiple entries in exportTo");
            }
        }

        if (seen.Contains("*") && entries.Length > 1)
        {
            findings.Error(rule, path, "cannot have both public (*) and non-public exportTo values for a resource");
        }

        if (seen.Contains("~") && entries.Length > 1)
        {
            findings.Error(rule, path, "cannot export service entry to no one (~) and someone");
        }
    }

    private static string? Visibility(string value) => value switch
    {
        "." or "*" => null,
        "~" => "exportTo ~ (none) is not allowed for Istio configuration objects",
        _ => HostRules.IsDns1123Label(value) ? null : "only .,*, or a valid DNS 1123 label is allowed as exportTo entry",
    };
}
