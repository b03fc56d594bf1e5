namespace MeshStack.Core.Model;

/// <summary>How a cluster's istiod learns about the services of the other clusters (multi-primary only).</summary>
public enum DiscoveryMode
{
    /// <summary>The classic guide's <c>NAME.NS.global</c> ServiceEntries only: no cluster reads another's API server.</summary>
    Global,

    /// <summary>
    /// Current Istio's endpoint discovery: every istiod reads its peers' API servers through remote secrets, and each
    /// east-west gateway exposes <c>*.local</c> (AUTO_PASSTHROUGH); no <c>.global</c> object is created.
    /// </summary>
    Endpoints,

    /// <summary>Endpoint discovery, plus the <c>.global</c> ServiceEntries as a layer for applications written for them.</summary>
    Both,
}
