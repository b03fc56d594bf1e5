using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Core.Tests.Routing;

/// <summary>Compiles the routing fixture stack files (which leave the profile out) under either profile.</summary>
internal static class RoutingFixtures
{
    public static readonly string[] Names =
        ["direct", "nodeport", "egress-ip", "egress-hostname", "egress-auto", "versions", "two-homes", "four-clusters"];

    public static readonly string[] Profiles = ["multi-primary", "legacy-gateways"];

    public static string Dir => Path.Combine(Repo.TestProjectDir(), "Fixtures", "routing");

    public static string Text(string name) => File.ReadAllText(Path.Combine(Dir, name + ".yaml"));

    /// <summary>The stack text with <c>meshstack:profile</c> set as the first config key (legacy also names its Istio release folder).</summary>
    public static string WithProfile(string text, string profile) =>
        text.Replace("config:\n", $"config:\n  meshstack:profile: {profile}\n{(profile == "legacy-gateways" ? LegacyIstio : "")}", StringComparison.Ordinal);

    /// <summary>What the legacy profile needs besides the profile word.</summary>
    public const string LegacyIstio = "  meshstack:istio: { version: 1.7.8, releaseDir: ./istio-1.7.8 }\n";

    public static FederationPlan Plan(string name, string profile = "multi-primary") => CompilationHelper.Plan(WithProfile(Text(name), profile));

    public static IEnumerable<PlannedObject> RoutingObjects(FederationPlan plan) =>
        plan.Clusters.SelectMany(c => c.Objects).Where(o => o.Concern == Concern.Routing);

    /// <summary>Each cluster's routing objects as YAML documents, under a <c># cluster: NAME</c> line.</summary>
    public static string RenderRouting(FederationPlan plan)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var cluster in plan.Clusters)
        {
            writer.Write($"# cluster: {cluster.Cluster.Name}\n");
            var objects = cluster.Objects.Where(o => o.Concern == Concern.Routing).Select(o => o.Manifest).ToList();
            if (objects.Count > 0)
            {
                YamlWriter.WriteDocuments(writer, objects);
            }
        }

        return writer.ToString();
    }

    /// <summary>Every object of the plan (all concerns) by cluster and key, rendered to YAML.</summary>
    public static Dictionary<(string Cluster, string Key), string> RenderAll(FederationPlan plan) =>
        plan.Clusters.SelectMany(c => c.Objects).ToDictionary(o => (o.Cluster, o.Key), o => YamlWriter.ToYaml(o.Manifest));

    public static Profile ProfileOf(string word) => word == "legacy-gateways" ? Profile.LegacyGateways : Profile.MultiPrimary;
}
