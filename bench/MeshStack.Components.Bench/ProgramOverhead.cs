using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using MeshStack.Core;
using MeshStack.Core.Synthesis;
using Pulumi;
using Pulumi.Testing;

namespace MeshStack.Components.Bench;

/// <summary>
/// The Pulumi program's own overhead before it registers anything of the federation: <see cref="MeshProgram.BodyAsync()"/>
/// runs under Pulumi's mocks with a synthetic federation as its stack config, and a stopwatch started at the first line
/// of the body reads the time of the first call the mock sees (the read of the stack's own outputs), of the MeshFederation
/// component's registration, and of the first resource that is no component (a provider, a key): there the run is
/// stopped (the registration itself is <see cref="Stages"/>' subject).
/// For comparison, the same stack file compiled by core alone. <c>dotnet run -c Release --project
/// bench/MeshStack.Components.Bench -- overhead 50x2000 --runs 3</c>.
/// </summary>
public static class ProgramOverhead
{
    private static readonly TestOptions Options = new() { IsPreview = false, ProjectName = "meshstack", StackName = "bench", OrganizationName = "organization" };

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var (runs, cases) = StopwatchArgs.Parse(args, "50x2000");
        foreach (var name in cases)
        {
            var parts = name.Split('x');
            var text = FederationSynthesizer.Generate(new SynthesisOptions
            {
                Clusters = int.Parse(parts[0], CultureInfo.InvariantCulture),
                Services = int.Parse(parts[1], CultureInfo.InvariantCulture),
            });
            var config = MeshStack.Testing.Doubles.PulumiConfig.FromStackFile(text);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {text.Length} bytes of stack file, {config.Length} bytes of PULUMI_CONFIG"));
            for (var run = 0; run <= runs; run++)
            {
                var (first, component, resource, allocated) = await TimeProgramAsync(config).ConfigureAwait(false);
                GC.Collect();
                var watch = Stopwatch.StartNew();
                var compiled = MeshCompiler.CompileStackFile(text);
                watch.Stop();
                if (!compiled.Succeeded)
                {
                    throw new InvalidOperationException(string.Join(Environment.NewLine, compiled.Diagnostics.Take(5)));
                }

                if (run > 0)
                {
                    // Run 0 warms the JIT up, as a published program's ReadyToRun code would be.
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  run {run}: from the body's start: own stack outputs read {first.TotalMilliseconds,6:F0} ms, MeshFederation registered {component.TotalMilliseconds,6:F0} ms, first resource {resource.TotalMilliseconds,6:F0} ms ({allocated / 1048576.0:F0} MiB allocated); core's CompileStackFile alone {watch.Elapsed.TotalMilliseconds,6:F0} ms"));
                }
            }
        }

        return 0;
    }

    private static async Task<(TimeSpan First, TimeSpan Component, TimeSpan Resource, long Allocated)> TimeProgramAsync(string config)
    {
        var before = Environment.GetEnvironmentVariable("PULUMI_CONFIG");
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", config);
        var mocks = new FirstCallMocks();
        TimeSpan? resource = null;
        try
        {
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            try
            {
                // The first resource of the federation that is no component is where the program's own work ends: the
                // transformation reads the stopwatch as the resource registers, then stops the run.
                await Deployment.TestAsync(mocks, Options, () =>
                {
                    mocks.Watch.Start();
                    return MeshProgram.BodyAsync(args =>
                    {
                        if (args.Resource is ComponentResource)
                        {
                            return null;
                        }

                        resource ??= mocks.Watch.Elapsed;
                        throw new StopAtFirstResourceException();
                    });
                }).ConfigureAwait(false);
            }
            catch (Exception e) when (resource is not null && IsStop(e))
            {
                // Stopped at the federation's first resource: the time up to it is measured.
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            return (mocks.First ?? throw new InvalidOperationException("the program asked nothing of the engine"),
                mocks.Component ?? throw new InvalidOperationException("the program registered no component"),
                resource ?? throw new InvalidOperationException("the program registered no resource"), allocated);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", before);
        }
    }

    private static bool IsStop(Exception e) =>
        e is StopAtFirstResourceException || (e.InnerException is { } inner && IsStop(inner))
        || e.ToString().Contains(nameof(StopAtFirstResourceException), StringComparison.Ordinal);

    /// <summary>Reads the stopwatch at the first call (the read of the stack's outputs) and at the first component registered.</summary>
    private sealed class FirstCallMocks : IMocks
    {
        private readonly FastMocks inner = new();

        public Stopwatch Watch { get; } = new();

        public TimeSpan? First { get; private set; }

        public TimeSpan? Component { get; private set; }

        public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
        {
            ArgumentNullException.ThrowIfNull(args);
            var now = Watch.Elapsed;
            lock (Watch)
            {
                First ??= now;
                if (args.Type == "pulumi:pulumi:StackReference")
                {
                    // No previous run: the stack has no outputs yet.
                    return Task.FromResult<(string?, object)>((args.Id ?? args.Name, args.Inputs
                        .SetItem("outputs", ImmutableDictionary<string, object>.Empty)
                        .SetItem("secretOutputNames", ImmutableArray<object>.Empty)));
                }

                Component ??= now;
            }

            return inner.NewResourceAsync(args);
        }

        public Task<object> CallAsync(MockCallArgs args) => inner.CallAsync(args);
    }

    private sealed class StopAtFirstResourceException : Exception
    {
        public StopAtFirstResourceException()
            : base("stopped at the federation's first resource")
        {
        }
    }
}
