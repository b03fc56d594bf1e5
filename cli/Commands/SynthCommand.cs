using System.CommandLine;
using MeshStack.Core.Config;
using MeshStack.Core.Synthesis;

namespace MeshStack.Cli.Commands;

/// <summary>
/// <c>meshstack synth --clusters N --services M [--seed S]</c>: prints a valid synthetic stack file, so anyone can
/// reproduce the benchmark federations (<c>meshstack synth --clusters 50 --services 2000 &gt; big.yaml</c>).
/// </summary>
internal static class SynthCommand
{
    public static Command Create(CliContext context)
    {
        var clusters = new Option<int>("--clusters") { Description = $"Number of clusters (1-{SpecReader.MaxClusters}).", Required = true };
        var services = new Option<int>("--services") { Description = $"Number of services (0-{SpecReader.MaxServices}).", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed for every choice; the same arguments print the same file (default 1).", DefaultValueFactory = _ => 1 };
        clusters.CustomParser = r => WholeNumber(r, "--clusters", 1, SpecReader.MaxClusters);
        services.CustomParser = r => WholeNumber(r, "--services", 0, SpecReader.MaxServices);
        seed.CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            r.AddError($"--seed must be a whole number from 0 to {ulong.MaxValue}, got '{text}'");
            return 0;
        };
        var command = new Command("synth", "Print a synthetic stack file of any size (for benchmarks and load tests).") { clusters, services, seed };
        command.SetAction(parse =>
        {
            context.Out.Write(FederationSynthesizer.Generate(new SynthesisOptions
            {
                Clusters = parse.GetValue(clusters),
                Services = parse.GetValue(services),
                Seed = parse.GetValue(seed),
            }));
            return ExitCodes.Ok;
        });
        return command;
    }

    // A whole number in a range, or one usage error in our own words (never a conversion exception).
    private static int WholeNumber(System.CommandLine.Parsing.ArgumentResult r, string flag, int min, int max)
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        r.AddError($"{flag} must be a whole number from {min} to {max}, got '{text}'");
        return min;
    }
}
