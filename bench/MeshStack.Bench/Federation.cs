using System.Collections.Immutable;
using System.Globalization;
using MeshStack.Core.Addressing;
using MeshStack.Core.Config;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using MeshStack.Core.Synthesis;

namespace MeshStack.Bench;

/// <summary>One synthetic federation and every intermediate result, computed once so each benchmark times one stage.</summary>
public sealed class Federation
{
    private static readonly Dictionary<string, Federation> Cache = new(StringComparer.Ordinal);

    private Federation(int clusters, int services)
    {
        Text = FederationSynthesizer.Generate(new SynthesisOptions { Clusters = clusters, Services = services });
        Document = StackFile.Parse(Text).Document ?? throw new InvalidOperationException("synthetic stack file did not parse");
        Spec = SpecReader.Read(Document).Spec ?? throw new InvalidOperationException("synthetic stack file is not valid");
        Addresses = AddressAllocator.Allocate(Spec.AddressPool, Spec.Services, AddressTable.Empty).Table;
        Plan = FederationPlanner.Plan(Spec, Addresses);
        var resolver = new TableResolver(new Dictionary<DeployValue, string>());
        Manifests = new Dictionary<PlannedObject, MapValue>(ReferenceEqualityComparer.Instance);
        foreach (var o in Plan.Clusters.SelectMany(c => c.Objects).Where(o => !o.IsSecret))
        {
            Manifests[o] = ManifestResolver.Resolve(o.Manifest, resolver).Manifest;
        }

        RenderPlan = Plan with
        {
            Clusters = Plan.Clusters.Select(c => c with { Items = c.Items.Where(i => i is not PlannedObject o || Manifests.ContainsKey(o)).ToImmutableArray() }).ToImmutableArray(),
        };
    }

    /// <summary>The cases of the issue: clusters × services.</summary>
    public static IEnumerable<string> Cases => ["2x10", "10x500", "50x2000"];

    public string Text { get; }

    public ConfigDocument Document { get; }

    public MeshSpec Spec { get; }

    public AddressTable Addresses { get; }

    public FederationPlan Plan { get; }

    /// <summary>Every non-secret object with its deploy-time values resolved (the synthetic file needs none).</summary>
    public Dictionary<PlannedObject, MapValue> Manifests { get; }

    /// <summary>The plan without the cacerts Secrets, as <c>meshstack render</c> without --ca-dir writes it.</summary>
    public FederationPlan RenderPlan { get; }

    /// <summary>"50x2000" → the federation of 50 clusters and 2,000 services (built once per process).</summary>
    public static Federation Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var federation))
            {
                var parts = name.Split('x');
                federation = new Federation(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
                Cache[name] = federation;
            }

            return federation;
        }
    }
}
