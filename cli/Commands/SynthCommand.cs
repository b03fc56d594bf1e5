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
        clusters.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > SpecReader.MaxClusters)
            {
                r.AddError($"--clusters must be between 1 and {SpecReader.MaxClusters}");
            }
        });
        services.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > SpecReader.MaxServices)
            {
                r.AddError($"--services must be between 0 and {SpecReader.MaxServices}");
            }
        });
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
}
