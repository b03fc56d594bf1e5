namespace MeshStack.Core.Validation.Istio;

/// <summary>DestinationRule: host, subsets, traffic policies, exportTo and workloadSelector (DR-01 to DR-16).</summary>
internal static class DestinationRuleRules
{
    public static void Check(Findings f, Node spec, IstioObjectMeta meta)
    {
        var host = spec["host"];
        if (!host.IsUnknown && HostRules.WildcardDomain(host.Text) is { } hostError)
        {
            f.Error("DR-01", "spec.host", hostError);
        }

        TrafficPolicyRules.Check(f, spec["trafficPolicy"], "spec.trafficPolicy", meta.Namespace);

        var subsets = spec["subsets"].Items;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < subsets.Length; i++)
        {
            var at = $"spec.subsets[{i}]";
            var name = subsets[i]["name"];
            if (name.IsUnknown)
            {
                continue;
            }

            if (!names.Add(name.Text))
            {
                f.Error("DR-02", $"{at}.name", $"duplicate subset names: {name.Text}");
            }

            if (SubsetName(name.Text) is { } nameError)
            {
                f.Error("DR-03", $"{at}.name", nameError);
            }

            ServiceEntryRules.LabelRules(f, "DR-04", subsets[i]["labels"], $"{at}.labels");
            TrafficPolicyRules.Check(f, subsets[i]["trafficPolicy"], $"{at}.trafficPolicy", meta.Namespace);
        }

        var selector = spec["workloadSelector"];
        ExportToRules.Check(f, "DR-14", "spec.exportTo", spec["exportTo"], meta.Namespace, isServiceEntry: false, isDestinationRuleWithSelector: selector.IsMessage);
        if (selector.IsMessage)
        {
            WorkloadSelector(f, selector, "spec.workloadSelector");
        }
    }

    /// <summary>DR-03 and VS-13: a non-empty DNS-1123 label.</summary>
    public static string? SubsetName(string name) =>
        name.Length == 0 ? "subset name cannot be empty" : HostRules.IsDns1123Label(name) ? null : $"subset name is invalid: {name}";

    private static void WorkloadSelector(Findings f, Node selector, string at)
    {
        foreach (var (key, value) in selector["matchLabels"].Entries)
        {
            if (key.Length == 0)
            {
                f.Error("DR-15", $"{at}.matchLabels", $"empty key is not supported in selector: \"={value.Text}\"");
            }

            if (key.Contains('*', StringComparison.Ordinal) || value.Text.Contains('*', StringComparison.Ordinal))
            {
                f.Error("DR-15", $"{at}.matchLabels", $"wildcard is not supported in selector: \"{key}={value.Text}\"");
            }
        }

        if (selector["matchLabels"].Count == 0)
        {
            f.Warn("DR-15", at, "workload selector specified without labels");
        }
    }
}
