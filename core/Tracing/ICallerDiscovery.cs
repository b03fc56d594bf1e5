namespace MeshStack.Core.Tracing;

/// <summary>
/// How a caller's istiod learns a remote service through <c>.global</c> ServiceEntries
/// (<see cref="GlobalServiceEntryDiscovery"/>). Endpoint discovery (remote secrets and <c>*.local</c> names) reads the
/// remote clusters' pods and the networks' gateways instead, so it is its own walk: <see cref="EndpointDiscoveryWalk"/>.
/// </summary>
internal interface ICallerDiscovery
{
    /// <summary>The ServiceEntries the caller's istiod has for the name, first one wins.</summary>
    IReadOnlyList<ServiceEntryModel> Lookup(ClusterView caller, string host);
}

/// <summary>The caller's own <c>NAME.NS.global</c> ServiceEntries.</summary>
internal sealed class GlobalServiceEntryDiscovery : ICallerDiscovery
{
    public static GlobalServiceEntryDiscovery Instance { get; } = new();

    public IReadOnlyList<ServiceEntryModel> Lookup(ClusterView caller, string host) => caller.EntriesFor(host);
}
