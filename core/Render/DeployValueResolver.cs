using System.Collections.Immutable;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>Supplies deploy-time values for rendering. Returns null for a value it does not know.</summary>
public interface IDeployValueResolver
{
    /// <summary>The text of a deploy-time value, or null.</summary>
    string? Resolve(DeployValue value);
}

/// <summary>Replaces deferred values in a manifest with what a resolver knows, and lists what it did not know.</summary>
public static class ManifestResolver
{
    /// <summary>The manifest with every resolvable value filled in, and the values that stayed unresolved.</summary>
    public static (MapValue Manifest, ImmutableArray<DeployValue> Unresolved) Resolve(MapValue manifest, IDeployValueResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(resolver);
        // Created at the first unresolved value: most manifests have none (issue 23: one builder per object was most of this stage's memory).
        List<DeployValue>? missing = null;
        var result = (MapValue)Walk(manifest, resolver, ref missing);
        return (result, missing is null ? [] : missing.Distinct().ToImmutableArray());
    }

    // Returns the same instance when nothing below changed, so a manifest without deploy-time values costs no copy.
    private static Value Walk(Value value, IDeployValueResolver resolver, ref List<DeployValue>? missing)
    {
        switch (value)
        {
            case MapValue map:
            {
                KeyValuePair<string, Value>[]? changed = null;
                for (var i = 0; i < map.Entries.Length; i++)
                {
                    var entry = map.Entries[i];
                    var walked = Walk(entry.Value, resolver, ref missing);
                    if (changed is null && !ReferenceEquals(walked, entry.Value))
                    {
                        changed = new KeyValuePair<string, Value>[map.Entries.Length];
                        map.Entries.CopyTo(0, changed, 0, i);
                    }

                    if (changed is not null)
                    {
                        changed[i] = KeyValuePair.Create(entry.Key, walked);
                    }
                }

                return changed is null ? map : new MapValue(ImmutableArray.Create(changed));
            }

            case ListValue list:
            {
                Value[]? changed = null;
                for (var i = 0; i < list.Items.Length; i++)
                {
                    var item = list.Items[i];
                    var walked = Walk(item, resolver, ref missing);
                    if (changed is null && !ReferenceEquals(walked, item))
                    {
                        changed = new Value[list.Items.Length];
                        list.Items.CopyTo(0, changed, 0, i);
                    }

                    if (changed is not null)
                    {
                        changed[i] = walked;
                    }
                }

                return changed is null ? list : new ListValue(ImmutableArray.Create(changed));
            }

            case Deferred d:
                if (resolver.Resolve(d.Ref) is { } text)
                {
                    return text;
                }

                (missing ??= []).Add(d.Ref);
                return d;
            case Template t:
                return WalkTemplate(t, resolver, ref missing);
            default:
                return value;
        }
    }

    // Its own method: a lambda capturing 'resolver' inside Walk made the compiler allocate a closure object at the
    // entry of every Walk call, for every node of every manifest (profiled: ~90 MiB at 50 x 2,000).
    private static Value WalkTemplate(Template t, IDeployValueResolver resolver, ref List<DeployValue>? missing)
    {
        var parts = t.Parts.Select(p => p is DeployValue dv ? (object?)resolver.Resolve(dv) ?? dv : p).ToImmutableArray();
        foreach (var dv in parts.OfType<DeployValue>())
        {
            (missing ??= []).Add(dv);
        }

        return parts.All(p => p is string) ? string.Concat(parts.Cast<string>()) : new Template(parts);
    }
}

/// <summary>Resolves from a fixed table, with the egress rules derived from gateway addresses.</summary>
public sealed class TableResolver(IReadOnlyDictionary<DeployValue, string> values) : IDeployValueResolver
{
    /// <inheritdoc />
    public string? Resolve(DeployValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (values.TryGetValue(value, out var text))
        {
            return text;
        }

        return value switch
        {
            ResolutionFor r => Addresses(r.Remotes) is { } a ? (a.All(Config.Names.IsIpAddress) ? "STATIC" : "DNS") : null,
            EgressEndpointFor e => Addresses(e.RemoteClusters.Split(',')) is { } a
                ? (a.All(Config.Names.IsIpAddress) ? Resolve(new EgressGatewayIpOf(e.Consumer)) : Routing.RoutingPlanner.EgressServiceHost)
                : null,
            _ => null,
        };
    }

    private List<string>? Addresses(IEnumerable<string> clusters)
    {
        var list = new List<string>();
        foreach (var c in clusters)
        {
            if (!values.TryGetValue(new GatewayAddressOf(c), out var a))
            {
                return null;
            }

            list.Add(a);
        }

        return list;
    }
}
