using BenchmarkDotNet.Running;
using MeshStack.Components.Bench;

// `-- stages [CASE…] [--runs N]` times each registration with a stopwatch (a quick look on a busy machine);
// anything else goes to BenchmarkDotNet, e.g. `-- --filter '*'` or `-- --filter '*' --job short`.
// `-- overhead [CASE…] [--runs N]` times the Pulumi program's body up to its first registration (ProgramOverhead).
if (args.Length > 0 && args[0] == "overhead")
{
    return await ProgramOverhead.RunAsync(args.Skip(1).ToArray(), Console.Out).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "stages")
{
    return await Stages.RunAsync(args.Skip(1).ToArray(), Console.Out).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(RegistrationBenchmarks).Assembly).Run(args);
return 0;
