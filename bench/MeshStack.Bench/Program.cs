using BenchmarkDotNet.Running;
using MeshStack.Bench;

// `-- stages [CASE…]` times each stage once with a stopwatch (a quick look on a busy machine);
// anything else goes to BenchmarkDotNet, e.g. `-- --filter '*'` or `-- --filter '*' --job short`.
if (args.Length > 0 && args[0] == "stages")
{
    return Stages.Run(args.Skip(1).ToArray(), Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
return 0;
