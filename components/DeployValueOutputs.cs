using System.Collections.Concurrent;
using System.Collections.Immutable;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using Pulumi;

namespace MeshStack.Components;

/// <summary>
/// The one resolver of deploy-time values: each <see cref="DeployValue"/> of the plan becomes an <see cref="Output{T}"/>.
/// Sources (a cluster's CA, its gateway Service lookup, the mesh ID) provide values as they are created; objects may ask
/// earlier and get a promise. Derived kinds (egress resolution and endpoint) follow core's <see cref="TableResolver"/> rules
/// on the resolved addresses. A value nobody provides fails the run naming its kind (see <see cref="Seal"/>).
/// </summary>
internal sealed class DeployValueOutputs
{
    private readonly ConcurrentDictionary<DeployValue, TaskCompletionSource<Output<string>>> values = new();
    private bool sealed_;

    /// <summary>Supplies the output of a value; a secret value is always wrapped as a Pulumi secret.</summary>
    public void Provide(DeployValue value, Output<string> output)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(output);
        if (!Slot(value).TrySetResult(value.IsSecret ? Output.CreateSecret(output) : output))
        {
            throw new InvalidOperationException($"deploy-time value {value.GetType().Name} ({value.Describe()}) was provided twice");
        }
    }

    /// <summary>The output of a value (possibly still a promise).</summary>
    public Output<string> Resolve(DeployValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            ResolutionFor r => Derived(value, r.Remotes),
            EgressEndpointFor e => Derived(value, e.RemoteClusters.Split(','))
                .Apply(text => text.Length > 0 ? Output.Create(text) : Resolve(new EgressGatewayIpOf(e.Consumer))),
            _ => Output.Create(Slot(value).Task).Apply(o => o),
        };
    }

    /// <summary>
    /// Declares that every source has been created: any value still asked for but never provided fails now,
    /// with its kind in the message (a kind added to core without a resolver here shows up this way).
    /// </summary>
    public void Seal()
    {
        sealed_ = true;
        var missing = values.Where(v => !v.Value.Task.IsCompleted).Select(v => v.Key).ToList();
        foreach (var value in missing)
        {
            values[value].TrySetException(Unresolvable(value));
        }

        if (missing.Count > 0)
        {
            throw Unresolvable(missing[0], missing.Count);
        }
    }

    private static InvalidOperationException Unresolvable(DeployValue value, int count = 1) => new(
        $"MeshStack cannot resolve the deploy-time value {value.GetType().Name} ({value.Describe()}): no component provides it" +
        (count > 1 ? $" (and {count - 1} more)" : "") + ". Add a resolver for this kind to MeshStack.Components.");

    private TaskCompletionSource<Output<string>> Slot(DeployValue value)
    {
        var slot = values.GetOrAdd(value, _ => new TaskCompletionSource<Output<string>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (sealed_ && !slot.Task.IsCompleted)
        {
            slot.TrySetException(Unresolvable(value));
        }

        return slot;
    }

    // Core's TableResolver decides from the gateway addresses; empty text means "it needs the egress ClusterIP".
    private Output<string> Derived(DeployValue value, IEnumerable<string> remotes)
    {
        var clusters = remotes.ToImmutableArray();
        return Output.All(clusters.Select(c => Resolve(new GatewayAddressOf(c)))).Apply(addresses =>
        {
            var table = clusters.Select((c, i) => KeyValuePair.Create((DeployValue)new GatewayAddressOf(c), addresses[i]))
                .ToDictionary(p => p.Key, p => p.Value);
            return new TableResolver(table).Resolve(value) ?? "";
        });
    }
}
