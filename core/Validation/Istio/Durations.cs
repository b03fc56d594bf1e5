using System.Globalization;

namespace MeshStack.Core.Validation.Istio;

/// <summary>Durations as istiod checks them: at least 1ms, and whole milliseconds.</summary>
internal static class Durations
{
    /// <summary>Checks a duration field when it is present and known.</summary>
    public static void Check(Findings f, string rule, Node value, string at)
    {
        if (!value.IsSet || value.IsUnknown)
        {
            return;
        }

        var text = value.Text;
        if (Parse(text) is not { } nanos)
        {
            f.Error(rule, at, $"invalid duration \"{text}\"");
        }
        else if (nanos < 1_000_000m)
        {
            f.Error(rule, at, "duration must be greater than 1ms");
        }
        else if (nanos % 1_000_000m != 0)
        {
            f.Error(rule, at, "only durations to ms precision are supported");
        }
    }

    /// <summary>Parses "1.5s", "10ms", "1h2m" (Go and protobuf JSON forms) to nanoseconds; null when malformed.</summary>
    public static decimal? Parse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        decimal total = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or '-' or '+'))
            {
                i++;
            }

            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] is not ('.' or '-' or '+'))
            {
                i++;
            }

            if (!decimal.TryParse(text[start..unitStart], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                return null;
            }

            decimal? scale = text[unitStart..i] switch
            {
                "h" => 3_600_000_000_000m,
                "m" => 60_000_000_000m,
                "s" => 1_000_000_000m,
                "ms" => 1_000_000m,
                "us" or "µs" => 1_000m,
                "ns" => 1m,
                _ => null,
            };
            if (scale is null)
            {
                return null;
            }

            total += amount * scale.Value;
        }

        return total;
    }
}
