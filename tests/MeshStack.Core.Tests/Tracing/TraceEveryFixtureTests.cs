using MeshStack.Core.Tests.Routing;
using MeshStack.Core.Tracing;

namespace MeshStack.Core.Tests.Tracing;

public class TraceEveryFixtureTests
{
    [Theory]
    [MemberData(nameof(RoutingGoldenTests.Variants), MemberType = typeof(RoutingGoldenTests))]
    public void Every_path_of_every_routing_fixture_reaches_the_pods(string fixture, string profile)
    {
        var plan = RoutingFixtures.Plan(fixture, profile);

        var paths = PathTracer.Trace(plan);

        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.True(p.IsOk, $"{p.Title}: {p.Failure?.Descriptor.Code} {p.Failure?.Hop}: {p.Failure?.Message}\n{string.Join("\n", p.Hops)}"));
    }
}
