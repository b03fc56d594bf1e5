using System.Text.RegularExpressions;
using MeshStack.Core.Addressing;
using MeshStack.Core.Config;
using MeshStack.Core.Model;
using MeshStack.Core.Render;
using MeshStack.Core.Synthesis;

namespace MeshStack.Core.Tests.Diagrams;

/// <summary>
/// The Mermaid picture (issue 15): every edge joins two declared nodes (no edge from a subgraph into itself, none twice),
/// gateways show their addresses, large federations are drawn per pair of clusters, and any federation stays under
/// Mermaid's default text limit.
/// </summary>
public partial class MermaidWriterTests
{
    [Theory]
    [InlineData("Pulumi.dev.yaml")]
    [InlineData("Pulumi.staging.yaml")]
    public void The_repository_stacks_draw_every_edge_once_between_declared_nodes_with_gateway_addresses(string file)
    {
        var (spec, addresses) = Read(File.ReadAllText(Path.Combine(Repo.Root, file)));
        var text = MermaidWriter.Write(spec, addresses);
        AssertWellFormed(text);
        foreach (var c in spec.Clusters)
        {
            Assert.Contains($"{{{{\"east-west gateway<br/>{MermaidModel.GatewayAddress(c)}\"}}}}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_staging_egress_route_starts_at_the_egress_gateway_and_no_edge_leaves_a_subgraph_into_itself()
    {
        var (spec, addresses) = Read(File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.staging.yaml")));
        var text = MermaidWriter.Write(spec, addresses);
        Assert.Contains("egw_eu_west -- \"httpbin.bar.global\" --> gw_us_east", text, StringComparison.Ordinal);
        Assert.Contains("egw_eu_west -- \"httpbin.bar.global\" --> gw_ap_south", text, StringComparison.Ordinal);
        Assert.DoesNotContain("-.->", text, StringComparison.Ordinal);
        Assert.Contains("gw.ap-south.staging.example.com:15443", text, StringComparison.Ordinal);
        Assert.Contains("auto (LoadBalancer):15443", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Above_the_readable_size_edges_are_one_per_pair_of_clusters_with_the_number_of_services()
    {
        var (spec, addresses) = Read(FederationSynthesizer.Generate(new SynthesisOptions { Clusters = 10, Services = 500 }));
        var text = MermaidWriter.Write(spec, addresses);
        AssertWellFormed(text);
        Assert.Contains(" services\" --> gw_", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".global<br/>", text, StringComparison.Ordinal);
        Assert.True(text.Length < MermaidWriter.MaxTextSize, $"{text.Length} characters");
    }

    public static TheoryData<int, int, ulong> Sizes() => new()
    {
        { 1, 0, 1 }, { 2, 10, 2 }, { 3, 41, 3 }, { 10, 500, 4 }, { 50, 2000, 5 }, { 256, 3000, 6 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Synthetic_federations_of_any_size_stay_under_Mermaids_text_limit(int clusters, int services, ulong seed)
    {
        var (spec, addresses) = Read(FederationSynthesizer.Generate(new SynthesisOptions { Clusters = clusters, Services = services, Seed = seed }));
        var text = MermaidWriter.Write(spec, addresses);
        Assert.True(text.Length < MermaidWriter.MaxTextSize, $"{clusters} x {services}: {text.Length} characters");
        AssertWellFormed(text);
        var callEdges = text.Split('\n').Count(l => l.Contains("\" -->", StringComparison.Ordinal) || l.Contains("\" .->", StringComparison.Ordinal));
        Assert.True(callEdges <= MermaidWriter.PairEdgeLimit, $"{callEdges} call edges");
    }

    [Fact]
    public void Fifty_clusters_all_calling_each_other_draw_the_heaviest_pairs_and_say_how_many_were_left_out()
    {
        var (spec, addresses) = Read(FederationSynthesizer.Generate(new SynthesisOptions { Clusters = 50, Services = 2000 }));
        var text = MermaidWriter.Write(spec, addresses);
        Assert.Equal(MermaidWriter.PairEdgeLimit, text.Split('\n').Count(l => l.Contains(" services\" -->", StringComparison.Ordinal) || l.Contains(" services\" .->", StringComparison.Ordinal) || l.Contains(" service\" -", StringComparison.Ordinal)));
        Assert.Contains("more[\"not drawn: 0 clusters, ", text, StringComparison.Ordinal);
        Assert.Contains("g0{{\"c00<br/>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_federation_with_the_longest_names_and_every_pair_connected_stays_under_the_limit_and_says_what_it_left_out()
    {
        var stack = StackBuilder.Mesh();
        for (var i = 0; i < SpecReader.MaxClusters; i++)
        {
            stack = stack.Cluster($"c{i:000}-" + new string('x', 58), $"{string.Join('.', Enumerable.Repeat(new string('h', 60), 3))}.gw{i:000}.example.com",
                $"network: n{i:000}-{new string('y', 58)}", "egressGateway: true");
        }

        for (var s = 0; s < 600; s++)
        {
            stack = stack.Service($"s{s}", "ns", $"[c{s % SpecReader.MaxClusters:000}-{new string('x', 58)}]", "[{ name: http, number: 80 }]", s % 2 == 0 ? ["route: egress"] : []);
        }

        var (spec, addresses) = Read(stack.Build());
        var mermaid = MermaidWriter.Write(spec, addresses);
        Assert.True(mermaid.Length < MermaidWriter.MaxTextSize, $"{mermaid.Length} characters");
        Assert.Contains("more[\"not drawn: ", mermaid, StringComparison.Ordinal);
        AssertWellFormed(mermaid);
    }

    private static (MeshSpec Spec, AddressTable Addresses) Read(string stackFile)
    {
        var (document, parse) = StackFile.Parse(stackFile);
        Assert.NotNull(document);
        var (spec, diagnostics) = SpecReader.Read(document, new CompileOptions { Now = DateTimeOffset.Parse("2027-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(spec is not null, string.Join("\n", parse.Concat(diagnostics)));
        var (addresses, _) = AddressAllocator.Allocate(spec.AddressPool, spec.Services, AddressTable.Empty);
        return (spec, addresses);
    }

    // Every edge joins two declared nodes or subgraphs, never a subgraph and a node inside it; no line appears twice.
    private static void AssertWellFormed(string text)
    {
        Assert.StartsWith("flowchart LR\n", text, StringComparison.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var content = lines.Where(l => l.Trim() != "end").ToList();
        Assert.Equal(content.Count, content.Distinct(StringComparer.Ordinal).Count());
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string? subgraph = null;
        foreach (var line in lines.Select(l => l.Trim()))
        {
            if (Subgraph().Match(line) is { Success: true } sg)
            {
                subgraph = sg.Groups["id"].Value;
                Assert.True(declared.Add(subgraph), $"declared twice: {subgraph}");
            }
            else if (line == "end")
            {
                subgraph = null;
            }
            else if (Edge().Match(line) is { Success: true } e)
            {
                var (from, to) = (e.Groups["from"].Value, e.Groups["to"].Value);
                Assert.True(declared.Contains(from), $"edge from an undeclared node: {line}");
                Assert.True(declared.Contains(to), $"edge to an undeclared node: {line}");
                Assert.False(parent.GetValueOrDefault(to) == from || parent.GetValueOrDefault(from) == to, $"edge between a subgraph and its own node: {line}");
            }
            else if (Node().Match(line) is { Success: true } n)
            {
                Assert.True(declared.Add(n.Groups["id"].Value), $"declared twice: {line}");
                if (subgraph is not null)
                {
                    parent[n.Groups["id"].Value] = subgraph;
                }
            }
            else
            {
                Assert.Fail($"unexpected line: {line}");
            }
        }
    }

    [GeneratedRegex("^subgraph (?<id>[A-Za-z0-9_]+)\\[\"[^\"]*\"\\]$")]
    private static partial Regex Subgraph();

    [GeneratedRegex("^(?<id>[A-Za-z0-9_]+)(\\[\"[^\"]*\"\\]|\\{\\{\"[^\"]*\"\\}\\})$")]
    private static partial Regex Node();

    [GeneratedRegex("^(?<from>[A-Za-z0-9_]+) (-->|-- \"[^\"]*\" -->|-\\. \"[^\"]*\" \\.->) (?<to>[A-Za-z0-9_]+)$")]
    private static partial Regex Edge();
}
