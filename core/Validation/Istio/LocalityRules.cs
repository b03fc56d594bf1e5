namespace MeshStack.Core.Validation.Istio;

/// <summary>Locality load balancing (DR-16).</summary>
internal static class LocalityRules
{
    private static readonly string[] TopologyLabels = ["topology.kubernetes.io/region", "topology.kubernetes.io/zone", "topology.istio.io/subzone"];

    public static void Check(Findings f, Node lb, Node outlier, string at)
    {
        if (!lb.IsMessage)
        {
            return;
        }

        var distribute = lb["distribute"].Items;
        var failover = lb["failover"].Items;
        var priority = lb["failoverPriority"].Items;
        if (!distribute.IsEmpty && !failover.IsEmpty)
        {
            f.Error("DR-16", at, "can not simultaneously specify 'distribute' and 'failover'");
            return;
        }

        if (!failover.IsEmpty && priority.FirstOrDefault(p => TopologyLabels.Contains(p.Text, StringComparer.Ordinal)) is { IsSet: true } label)
        {
            f.Error("DR-16", $"{at}.failoverPriority", $"can not simultaneously set 'failover' and topology label '{label.Text}' in 'failover_priority'");
            return;
        }

        foreach (var entry in distribute)
        {
            long total = 0;
            foreach (var (_, weight) in entry["to"].Entries)
            {
                if (weight.IsUnknown)
                {
                    return;
                }

                if (weight.Number is <= 0 or > 100)
                {
                    f.Error("DR-16", $"{at}.distribute", "locality weight must be in range [1, 100]");
                    return;
                }

                total += weight.Number;
            }

            if (total != 100)
            {
                f.Error("DR-16", $"{at}.distribute", $"total locality weight {total} != 100");
                return;
            }
        }

        if ((!failover.IsEmpty || !priority.IsEmpty) && !outlier.IsMessage)
        {
            f.Warn("DR-16", at, "outlier detection policy must be provided for failover");
        }

        foreach (var entry in failover)
        {
            var from = entry["from"].Text;
            var to = entry["to"].Text;
            if (from == to)
            {
                f.Error("DR-16", $"{at}.failover", "locality lb failover settings must specify different regions");
            }

            if (from.Contains('/', StringComparison.Ordinal) || to.Contains('/', StringComparison.Ordinal))
            {
                f.Error("DR-16", $"{at}.failover", "locality lb failover only specify region");
            }

            if (from.Contains('*', StringComparison.Ordinal) || to.Contains('*', StringComparison.Ordinal))
            {
                f.Error("DR-16", $"{at}.failover", "locality lb failover region should not contain '*' wildcard");
            }
        }
    }
}
