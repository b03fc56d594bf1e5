namespace MeshStack.Core.Tests.Routing;

public class RoutingGoldenTests
{
    public static TheoryData<string, string> Variants()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in RoutingFixtures.Names)
        {
            foreach (var profile in RoutingFixtures.Profiles)
            {
                data.Add(name, profile);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Routing_objects_of_every_cluster_render_as_the_golden_file(string fixture, string profile)
    {
        var plan = RoutingFixtures.Plan(fixture, profile);

        RoutingGolden.Match($"{fixture}.{profile}.yaml", RoutingFixtures.RenderRouting(plan));
    }
}
