namespace MeshStack.Core.Tracing;

/// <summary>
/// How a caller's istiod learns a remote service: the mode of the federation. Today the only mode is
/// <see cref="GlobalServiceEntryDiscovery"/> (<c>.global</c> ServiceEntries); endpoint discovery through remote
/// secrets and <c>*.local</c> names (issue #16) adds another implementation that reads the remote clusters' pods and
/// the networks' gateways instead.
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
