using BenchmarkDotNet.Running;
using MeshStack.Bench;

// `-- stages [CASE…]` times each stage once with a stopwatch (a quick look on a busy machine);
// `-- peak CASE plan-json|render` runs one CLI pipeline in this fresh process and reports its time and peak memory;
// `-- budget [--write]` compares each stage's allocated bytes with allocation-budgets.json (CI runs it);
// `-- growth [CASE]` checks that 4x the services and 4x the clusters cost at most 4.4x the time;
// anything else goes to BenchmarkDotNet, e.g. `-- --filter '*'` or `-- --filter '*' --job short`.
if (args.Length > 0 && args[0] == "stages")
{
    return Stages.Run(args.Skip(1).ToArray(), Console.Out);
}

if (args.Length > 0 && args[0] == "budget")
{
    return AllocationBudget.Run(args.Skip(1).ToArray(), Console.Out);
}

if (args.Length > 0 && args[0] == "growth")
{
    return Growth.Run(args.Skip(1).ToArray(), Console.Out);
}

if (args.Length > 0 && args[0] == "peak")
{
    return PeakMemory.Run(args.Skip(1).ToArray(), Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
return 0;
