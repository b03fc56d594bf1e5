using Pulumi;

namespace MeshStack.Components;

/// <summary>A service called across clusters as <c>NAME.NS.global</c> (<c>meshstack:services[]</c>).</summary>
public sealed class MeshServiceArgs : ResourceArgs
{
    /// <summary>The Kubernetes Service name.</summary>
    [Input("name", required: true)]
    public string Name { get; set; } = null!;

    /// <summary>Its namespace.</summary>
    [Input("namespace", required: true)]
    public string Namespace { get; set; } = null!;

    /// <summary>Its home clusters (one or more).</summary>
    [Input("clusters", required: true)]
    public List<string> Clusters { get; set; } = [];

    /// <summary>Its ports (at least one).</summary>
    [Input("ports", required: true)]
    public List<MeshServicePortArgs> Ports { get; set; } = [];

    /// <summary>The clusters that call it (empty, the default: every cluster that is not a home).</summary>
    [Input("consumers")]
    public List<string> Consumers { get; set; } = [];

    /// <summary><c>direct</c> (default) or <c>egress</c>.</summary>
    [Input("route")]
    public string? Route { get; set; }

    /// <summary>Version subsets.</summary>
    [Input("versions")]
    public List<string> Versions { get; set; } = [];

    /// <summary>A traffic split by version, in percent (must add up to 100).</summary>
    [Input("weights")]
    public Dictionary<string, int>? Weights { get; set; }

    /// <summary>A pinned virtual address.</summary>
    [Input("address")]
    public string? Address { get; set; }

    /// <summary>The ServiceAccount the service's pods run as (default: the service name); callers accept only its identity.</summary>
    [Input("serviceAccount")]
    public string? ServiceAccount { get; set; }
}

/// <summary>One port of a service.</summary>
public sealed class MeshServicePortArgs : ResourceArgs
{
    /// <summary>A DNS label, unique in the service.</summary>
    [Input("name", required: true)]
    public string Name { get; set; } = null!;

    /// <summary>The Kubernetes Service port.</summary>
    [Input("number", required: true)]
    public int Number { get; set; }

    /// <summary>An Istio protocol (default TCP).</summary>
    [Input("protocol")]
    public string? Protocol { get; set; }

    /// <summary>The port the pods listen on, when it is not <see cref="Number"/>.</summary>
    [Input("targetPort")]
    public int? TargetPort { get; set; }
}
