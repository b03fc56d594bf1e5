using System.Globalization;

namespace MeshStack.Components.Bench;

/// <summary>The command line of the stopwatch commands (<c>stages</c>, <c>overhead</c>): cases (CLUSTERSxSERVICES) and <c>--runs N</c>.</summary>
internal sealed record StopwatchArgs(int Runs, IReadOnlyList<string> Cases)
{
    /// <summary>Three runs unless <c>--runs</c> says otherwise; <paramref name="defaultCase"/> when no case is named.</summary>
    public static StopwatchArgs Parse(string[] args, string defaultCase)
    {
        ArgumentNullException.ThrowIfNull(args);
        var runs = 3;
        var cases = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--runs" && i + 1 < args.Length)
            {
                runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else
            {
                cases.Add(args[i]);
            }
        }

        return new StopwatchArgs(runs, cases.Count == 0 ? [defaultCase] : cases);
    }
}
