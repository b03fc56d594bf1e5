using MeshStack.Core.Synthesis;
using MeshStack.Core.Tracing;

namespace MeshStack.Core.Tests.Tracing;

public class TraceSynthesizedTests
{
    [Theory]
    [InlineData("multi-primary", 6, 60, 1UL)]
    [InlineData("multi-primary", 11, 120, 7UL)]
    [InlineData("legacy-gateways", 6, 60, 1UL)]
    [InlineData("legacy-gateways", 11, 120, 7UL)]
    public void Every_path_of_a_synthesized_federation_reaches_the_pods(string profile, int clusters, int services, ulong seed)
    {
        var text = FederationSynthesizer.Generate(new SynthesisOptions { Clusters = clusters, Services = services, Seed = seed });
        if (profile == "legacy-gateways")
        {
            text = text.Replace("  meshstack:profile: multi-primary\n", "  meshstack:profile: legacy-gateways\n", StringComparison.Ordinal)
                .Replace("    version: 1.30.3\n", "    version: 1.7.8\n    releaseDir: ./istio-1.7.8\n", StringComparison.Ordinal)
                .Replace("      dns: proxy\n", "      dns: coredns-1.7.0\n", StringComparison.Ordinal);
        }

        var result = CompilationHelper.Compile(text, options: new CompileOptions { TracePaths = false });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Take(10)));

        var paths = PathTracer.Trace(result.Plan!);

        Assert.True(paths.Length > services, $"{paths.Length} paths");
        Assert.Contains(paths, p => p.Version is not null);
        Assert.Contains(paths, p => result.Plan!.Spec.Services.Single(s => s.GlobalHost == p.Host).Route == Model.RouteMode.Egress);
        Assert.All(paths, p => Assert.True(p.IsOk, $"{p.Title}: {p.Failure?.Descriptor.Code} {p.Failure?.Hop}: {p.Failure?.Message}"));
    }
}
