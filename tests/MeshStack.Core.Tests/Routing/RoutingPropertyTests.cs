using CsCheck;
using MeshStack.Core.Addressing;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Core.Tests.Routing;

/// <summary>Random federations: every consumer gets exactly its entries, addresses are unique, list order changes no byte.</summary>
public class RoutingPropertyTests
{
    private static readonly string[] Namespaces = ["ns-a", "ns-b", "ns-c"];
    private static readonly string[] Protocols = ["http", "tcp", "grpc"];
    private static readonly string[] VersionNames = ["v1", "v2", "v3"];

    /// <summary>A generated service: bit masks over cluster indexes and versions.</summary>
    public sealed record Svc(int Homes, int Consumers, bool DefaultConsumers, int Namespace, int Ports, int Protocol, int Versions, bool Egress);

    /// <summary>A generated federation; gateway kinds: 0 IP, 1 host name, 2 auto, 3 IP with a nodePort.</summary>
    public sealed record Fed(bool Legacy, int[] Gateways, Svc[] Services)
    {
        public int ClusterCount => Gateways.Length;

        public IEnumerable<int> HomesOf(Svc s) => Enumerable.Range(0, ClusterCount).Where(i => (s.Homes & (1 << i)) != 0);

        public IEnumerable<int> ConsumersOf(Svc s) => Enumerable.Range(0, ClusterCount)
            .Where(i => (s.Homes & (1 << i)) == 0 && (s.DefaultConsumers || (s.Consumers & (1 << i)) != 0));

        public static IEnumerable<string> VersionsOf(Svc s) => Enumerable.Range(0, 3).Where(i => (s.Versions & (1 << i)) != 0).Select(i => VersionNames[i]);

        public override string ToString() => Stack(this, null);
    }

    private static readonly Gen<Fed> Federations =
        from legacy in Gen.Bool
        from n in Gen.Int[2, 5]
        from gateways in Gen.Int[0, 3].Array[n]
        from services in Gen.Select(Gen.Int[1, (1 << n) - 1], Gen.Int[0, (1 << n) - 1], Gen.Bool, Gen.Int[0, 2], Gen.Int[1, 3], Gen.Int[0, 2], Gen.Int[0, 7], Gen.Bool)
            .Select((h, c, d, ns, p, pr, v, e) => new Svc(h, c, d, ns, p, pr, v, e)).Array[1, 30]
        select new Fed(legacy, gateways, services);

    /// <summary>The stack file; with a random source, every list in it is shuffled.</summary>
    private static string Stack(Fed fed, Random? shuffle)
    {
        IEnumerable<T> Order<T>(IEnumerable<T> items) => shuffle is null ? items : items.OrderBy(_ => shuffle.Next());
        var stack = StackBuilder.Empty()
            .With("profile", fed.Legacy ? "legacy-gateways" : "multi-primary")
            .WithLines(fed.Legacy ? RoutingFixtures.LegacyIstio : "")
            .With("meshId", "mesh1");
        foreach (var i in Order(Enumerable.Range(0, fed.ClusterCount)))
        {
            var gateway = fed.Gateways[i] switch
            {
                0 => $"{{ address: 192.0.2.{i + 1} }}",
                1 => $"{{ address: gw.c{i}.example.com }}",
                2 => "{ address: auto }",
                _ => $"{{ address: 198.51.100.{i + 1}, nodePort: {30000 + i} }}",
            };
            stack = stack.Cluster($"c{i}", null, $"gateway: {gateway}", "egressGateway: true");
        }

        foreach (var (s, index) in Order(fed.Services.Select((s, index) => (s, index))))
        {
            // Shuffled in the order the lists are written: homes, consumers, ports, versions.
            var clusters = $"[{string.Join(", ", Order(fed.HomesOf(s)).Select(h => $"c{h}"))}]";
            var lines = new List<string>();
            if (!s.DefaultConsumers)
            {
                lines.Add($"consumers: [{string.Join(", ", Order(fed.ConsumersOf(s)).Select(c => $"c{c}"))}]");
            }

            var ports = $"[{string.Join(", ", Order(Enumerable.Range(0, s.Ports).Select(p => $"{{ name: port{p}, number: {8000 + p}, protocol: {Protocols[(s.Protocol + p) % 3]} }}")))}]";
            if (s.Versions != 0)
            {
                lines.Add($"versions: [{string.Join(", ", Order(Fed.VersionsOf(s)))}]");
            }

            lines.Add($"route: {(s.Egress ? "egress" : "direct")}");
            stack = stack.Service($"s{index}", Namespaces[s.Namespace], clusters, ports, [.. lines]);
        }

        return stack.Build();
    }

    private static string RenderEverything(FederationPlan plan) =>
        string.Concat(plan.Clusters.SelectMany(c => c.Objects).Select(o => $"# {o.Cluster} {o.Key}\n{YamlWriter.ToYaml(o.Manifest)}")) + plan.Addresses.ToJson();

    [Fact]
    public void Every_consumer_gets_one_entry_per_remote_service_with_an_endpoint_per_home_and_version()
    {
        Federations.Sample(fed =>
        {
            var plan = CompilationHelper.Plan(Stack(fed, null));
            var entries = RoutingFixtures.RoutingObjects(plan).Where(o => o.Kind == "ServiceEntry").ToList();
            for (var index = 0; index < fed.Services.Length; index++)
            {
                var s = fed.Services[index];
                var host = $"s{index}.{Namespaces[s.Namespace]}.global";
                var consumers = fed.ConsumersOf(s).Select(c => $"c{c}").ToHashSet();
                var homes = fed.HomesOf(s).Select(h => $"c{h}").ToList();
                var versions = Math.Max(1, Fed.VersionsOf(s).Count());
                var owners = fed.Legacy ? [] : homes.ToHashSet();
                var withHost = entries.Where(e => e.Name == host).ToList();

                Assert.Equal(consumers.Count + owners.Count, withHost.Count);
                Assert.Equal(consumers.Order(StringComparer.Ordinal), withHost.Where(e => !owners.Contains(e.Cluster)).Select(e => e.Cluster).Order(StringComparer.Ordinal));
                foreach (var entry in withHost.Where(e => consumers.Contains(e.Cluster)))
                {
                    var spec = (MapValue)entry.Manifest["spec"]!;
                    var endpoints = ((ListValue)spec["endpoints"]!).Items.Cast<MapValue>().ToList();
                    var remote = endpoints.Where(e => e["labels"] is MapValue l && l["cluster"] is not null).ToList();
                    Assert.Equal(homes.Count * versions, remote.Count);
                    Assert.Equal(homes.Order(StringComparer.Ordinal), remote.Select(e => (string)((Scalar)((MapValue)e["labels"]!)["cluster"]!).Content).Distinct().Order(StringComparer.Ordinal));
                    Assert.Equal(s.Egress ? versions : 0, endpoints.Count - remote.Count);
                    Assert.Equal(plan.Addresses[$"s{index}.{Namespaces[s.Namespace]}"].ToString(), ((Scalar)((ListValue)spec["addresses"]!).Items.Single()).Content);
                }
            }

            var addresses = plan.Addresses.Addresses.Values.ToList();
            var pool = plan.Spec.AddressPool;
            Assert.Equal(fed.Services.Length, addresses.Count);
            Assert.Equal(addresses.Count, addresses.Distinct().Count());
            Assert.All(addresses, a => Assert.True(pool.Contains(a) && ReservedRanges.Find(a) is null, $"{a} is outside {pool} or reserved"));
        }, iter: 150);
    }

    [Fact]
    public void Shuffling_every_list_in_the_config_changes_no_byte_of_the_render()
    {
        Federations.Select(Gen.Int).Sample((fed, seed) =>
        {
            var expected = RenderEverything(CompilationHelper.Plan(Stack(fed, null)));
            var shuffled = RenderEverything(CompilationHelper.Plan(Stack(fed, new Random(seed))));

            Assert.Equal(expected, shuffled);
        }, iter: 50);
    }
}
