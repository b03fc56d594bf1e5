using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using MeshStack.Core;
using MeshStack.Core.Plan;
using MeshStack.Core.Synthesis;
using Pulumi;
using Pulumi.Testing;

namespace MeshStack.Components.Bench;

/// <summary>
/// Registering a synthetic federation under Pulumi's mocks: through <see cref="MeshFederation"/>, and the same resources
/// registered flat (<see cref="DirectRegistration"/>). Their ratio is the cost of the component tree.
/// </summary>
[MemoryDiagnoser]
public class RegistrationBenchmarks
{
    private static readonly ConcurrentDictionary<string, FederationPlan> Plans = new(StringComparer.Ordinal);
    private static readonly TestOptions Options = new() { IsPreview = false, ProjectName = "meshstack", StackName = "bench" };
    private FederationPlan plan = null!;

    [Params("10x500")]
    public string Case { get; set; } = "10x500";

    [GlobalSetup]
    public void Setup() => plan = PlanOf(Case);

    /// <summary>"10x500" → the compiled plan of the synthetic federation of 10 clusters and 500 services (once per process).</summary>
    public static FederationPlan PlanOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Plans.GetOrAdd(name, n =>
        {
            var parts = n.Split('x');
            var text = FederationSynthesizer.Generate(new SynthesisOptions
            {
                Clusters = int.Parse(parts[0], CultureInfo.InvariantCulture),
                Services = int.Parse(parts[1], CultureInfo.InvariantCulture),
            });
            var result = MeshCompiler.CompileStackFile(text);
            return result.Succeeded ? result.Plan! : throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
        });
    }

    /// <summary><c>new MeshFederation(...)</c> from the plan; returns the number of resources registered.</summary>
    [Benchmark(Baseline = false)]
    public int Federation() => FederationAsync(plan).GetAwaiter().GetResult();

    /// <summary>The same resources with no component tree; returns the number of resources registered.</summary>
    [Benchmark(Baseline = true)]
    public int Direct() => DirectAsync(plan).GetAwaiter().GetResult();

    public static async Task<int> FederationAsync(FederationPlan plan) =>
        (await Deployment.TestAsync(new FastMocks(), Options, () => _ = new MeshFederation("mesh", new MeshFederationArgs { Plan = plan })).ConfigureAwait(false)).Length;

    public static async Task<int> DirectAsync(FederationPlan plan) =>
        (await Deployment.TestAsync(new FastMocks(), Options, () => DirectRegistration.Register(plan)).ConfigureAwait(false)).Length;
}
