using System.Collections.Immutable;
using System.Text;

namespace MeshStack.Testing;

/// <summary>
/// Builds a stack file fluently (as bicep's ServiceBuilder builds a service): clusters, services and top-level
/// <c>meshstack:</c> keys, each a call, so a test states only what it is about. <see cref="TwoClusters"/> is the valid
/// base most tests start from. Extra lines go under their cluster or service verbatim (indented by the builder).
/// </summary>
public sealed record StackBuilder
{
    /// <summary>The ports of a service unless a test gives others: <c>http1</c>, 8000, HTTP.</summary>
    public const string DefaultPorts = "[{ name: http1, number: 8000, protocol: http }]";

    private ImmutableList<string> Top { get; init; } = [];

    private ImmutableList<string> Clusters { get; init; } = [];

    private ImmutableList<string> Services { get; init; } = [];

    private ImmutableList<string> After { get; init; } = [];

    /// <summary>A stack with nothing but <c>meshstack:meshId: mesh1</c>.</summary>
    public static StackBuilder Mesh(string meshId = "mesh1") => Empty().With("meshId", meshId);

    /// <summary>A stack with no key at all, not even a mesh ID (render and the program then generate one).</summary>
    public static StackBuilder Empty() => new();

    /// <summary>
    /// The valid base: cluster1 (gateway 192.0.2.1, egress gateway) and cluster2 (gateway 192.0.2.2), httpbin in bar on
    /// cluster2 with port http1 8000 (the same federation as <see cref="Stacks.TwoClusters"/>).
    /// </summary>
    public static StackBuilder TwoClusters() => Mesh()
        .Cluster("cluster1", "192.0.2.1", "egressGateway: true")
        .Cluster("cluster2", "192.0.2.2")
        .Service("httpbin", "bar", "[cluster2]");

    /// <summary>A top-level key before the clusters (<c>meshstack:</c> is added).</summary>
    public StackBuilder With(string key, string value) => this with { Top = Top.Add($"  meshstack:{key}: {value}") };

    /// <summary>
    /// Top-level lines as written, before the clusters: whole <c>meshstack:</c> keys indented by two spaces under
    /// <c>config:</c>, as <see cref="RootRotationStacks"/> holds its phases. Blank lines are dropped.
    /// </summary>
    public StackBuilder WithLines(string lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return this with { Top = Top.AddRange(lines.Split('\n').Where(l => l.Trim().Length > 0)) };
    }

    /// <summary>A top-level key after the services (<c>meshstack:</c> is added).</summary>
    public StackBuilder WithAfter(string key, string value) => this with { After = After.Add($"  meshstack:{key}: {value}") };

    /// <summary>A cluster with a gateway address (or none when null) and extra keys, one per line.</summary>
    public StackBuilder Cluster(string name, string? gatewayAddress, params string[] lines) => this with
    {
        Clusters = Clusters.Add(Item(name, gatewayAddress is null ? lines : [$"gateway: {{ address: {gatewayAddress} }}", .. lines])),
    };

    /// <summary>A service with its namespace, home clusters (a YAML list), ports (a YAML list) and extra keys, one per line.</summary>
    public StackBuilder Service(string name, string ns, string clusters, string ports = DefaultPorts, params string[] lines) => this with
    {
        Services = Services.Add(Item(name, [$"namespace: {ns}", $"clusters: {clusters}", $"ports: {ports}", .. lines])),
    };

    /// <summary>A service on the default port (http1, 8000, http) with extra keys, one per line.</summary>
    public StackBuilder ServiceWith(string name, string ns, string clusters, params string[] lines) =>
        Service(name, ns, clusters, DefaultPorts, lines);

    /// <summary>The same stack without its services (<c>meshstack:services</c> left out).</summary>
    public StackBuilder WithoutServices() => this with { Services = [] };

    /// <summary>The stack file text.</summary>
    public string Build()
    {
        var text = new StringBuilder("config:\n");
        foreach (var line in Top)
        {
            text.Append(line).Append('\n');
        }

        Section(text, "clusters", Clusters);
        Section(text, "services", Services);
        foreach (var line in After)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <inheritdoc cref="Build"/>
    public override string ToString() => Build();

    private static string Item(string name, IEnumerable<string> lines) =>
        string.Concat(lines.Select(l => $"      {l}\n").Prepend($"    - name: {name}\n"));

    private static void Section(StringBuilder text, string key, ImmutableList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.Append("  meshstack:").Append(key).Append(":\n");
        foreach (var item in items)
        {
            text.Append(item);
        }
    }
}
