using MeshStack.Core.Plan;
using MeshStack.Core.Synthesis;

namespace MeshStack.Core.Tests.Routing;

/// <summary>
/// The consumer clusters' copies of a service's caller objects share one spec and one name instance (issue 23): the
/// istiod webhook checks are cached by these identities, so an object copied into every consumer is checked once.
/// </summary>
public class RoutingSharingTests
{
    [Fact]
    public void Caller_objects_that_share_a_spec_across_consumer_clusters_share_one_name_instance()
    {
        var result = CompilationHelper.Compile(FederationSynthesizer.Generate(new SynthesisOptions { Clusters = 6, Services = 40 }));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(d => d.ToString())));

        var copies = result.Plan!.Clusters
            .SelectMany(c => c.Objects)
            .Where(o => o.Concern == Concern.Routing && o.Name.EndsWith(".global", StringComparison.Ordinal) && o.Manifest["spec"] is not null)
            .GroupBy(o => o.Manifest["spec"]!, ReferenceEqualityComparer.Instance)
            .Where(g => g.Select(o => o.Cluster).Distinct().Count() > 1)
            .ToList();

        Assert.NotEmpty(copies);
        Assert.All(copies, g => Assert.All(g, o => Assert.Same(g.First().Name, o.Name)));
    }
}
