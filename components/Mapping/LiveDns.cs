using System.Collections.Immutable;
using MeshStack.Core.Dns;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using Pulumi;
using K8s = Pulumi.Kubernetes;

namespace MeshStack.Components.Mapping;

/// <summary>
/// Provides the DNS merge values (<see cref="MergedCorefile"/>, <see cref="MergedStubDomains"/>) of a cluster's DNS
/// patches: the live ConfigMap, read through the cluster's provider, merged by core's <see cref="LiveDnsResolver"/> with
/// the istiocoredns ClusterIP. In render-only mode nothing is read: core's default Corefile for the version stands in.
/// A live value core cannot merge fails the run with core's diagnostic (MSH052 / MSH053) and leaves the ConfigMap as it is.
/// </summary>
internal static class LiveDns
{
    /// <summary>Provides every merge value the items' manifests hold.</summary>
    public static void ProvideMerges(IEnumerable<PlanItem> items, ClusterContext context, Resource parent)
    {
        // Each patch reads the very object it patches.
        var values = items.OfType<PlannedObject>()
            .Where(o => o.Mode == ApplyMode.Patch && o.Manifest["data"] is MapValue)
            .SelectMany(o => ((MapValue)o.Manifest["data"]!).Entries.Select(e => e.Value).OfType<Deferred>().Select(d => (o, d.Ref)))
            .DistinctBy(p => p.Ref);
        var reads = new Dictionary<string, Output<ImmutableDictionary<string, string>>>(StringComparer.Ordinal);
        foreach (var (target, value) in values)
        {
            switch (value)
            {
                case MergedCorefile m:
                    var ip = m.NeedsIstioCoreDns ? context.Resolver.Resolve(new IstioCoreDnsIpOf(m.Cluster)) : Output.Create("");
                    var corefile = context.RenderOnly
                        ? Output.Create((string?)null)
                        : Read(reads, context, parent, target).Apply(d => (string?)(d.TryGetValue("Corefile", out var text)
                            ? text
                            : throw new InvalidOperationException($"cluster {m.Cluster}: ConfigMap {target.Namespace}/{target.Name} has no Corefile; MeshStack will not write one of its own")));
                    context.Resolver.Provide(m, Output.Tuple(corefile, ip).Apply(p => Merge(m, p.Item1, p.Item2, null)));
                    break;
                case MergedStubDomains s:
                    var server = context.Resolver.Resolve(new IstioCoreDnsIpOf(s.Cluster));
                    var stubs = context.RenderOnly
                        ? Output.Create((string?)null)
                        : Read(reads, context, parent, target).Apply(d => d.TryGetValue("stubDomains", out var text) ? text : null);
                    context.Resolver.Provide(s, Output.Tuple(stubs, server).Apply(p => Merge(s, null, p.Item2, p.Item1)));
                    break;
            }
        }
    }

    /// <summary>The Pulumi name of the read of a live ConfigMap (a lookup, never a managed resource).</summary>
    public static string ReadNameOf(PlannedObject target, ClusterContext context) => $"{context.Prefix}/lookup/{target.Namespace}/{target.Name}";

    private static Output<ImmutableDictionary<string, string>> Read(
        Dictionary<string, Output<ImmutableDictionary<string, string>>> reads, ClusterContext context, Resource parent, PlannedObject target)
    {
        var name = ReadNameOf(target, context);
        if (!reads.TryGetValue(name, out var data))
        {
            var configMap = K8s.Core.V1.ConfigMap.Get(name, $"{target.Namespace}/{target.Name}",
                new CustomResourceOptions { Parent = parent, Provider = context.Provider });
            reads[name] = data = configMap.Data.Apply(d => d ?? ImmutableDictionary<string, string>.Empty);
        }

        return data;
    }

    // Core decides; a value it cannot merge is its diagnostic, raised here so nothing is patched.
    private static string Merge(DeployValue value, string? liveCorefile, string istioCoreDnsIp, string? liveStubDomains)
    {
        var inner = new TableResolver(new Dictionary<DeployValue, string>
        {
            [new IstioCoreDnsIpOf(value switch { MergedCorefile m => m.Cluster, MergedStubDomains s => s.Cluster, _ => "" })] = istioCoreDnsIp,
        });
        var resolver = new LiveDnsResolver(inner, _ => liveCorefile, _ => liveStubDomains);
        var text = resolver.Resolve(value);
        if (resolver.Problems is [var first, ..])
        {
            throw new InvalidOperationException($"MeshStack left the cluster's DNS unchanged: {first}");
        }

        return text ?? throw new InvalidOperationException($"MeshStack cannot resolve {value.Describe()}");
    }
}
