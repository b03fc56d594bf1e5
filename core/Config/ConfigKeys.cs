namespace MeshStack.Core.Config;

/// <summary>Every key MeshStack reads, per mapping. docs/configuration.md documents the same set (a test checks).</summary>
public static class ConfigKeys
{
    /// <summary>Top-level <c>meshstack:</c> keys.</summary>
    public static readonly string[] TopLevel =
    [
        "meshId", "profile", "istio", "rootCa", "intermediateCa", "clusters", "services", "addressPool",
        "trustDomain", "allowSampleCerts", "demo", "renderYamlTo", "stackMode", "discovery",
        "rootCas", "signingRoot", "workloadCertTtlHours", "forceRootRetire", "unprotectRootCa",
    ];

    /// <summary>Keys of <c>meshstack:istio</c>.</summary>
    public static readonly string[] Istio = ["version", "releaseDir"];

    /// <summary>Keys of <c>meshstack:rootCa</c>.</summary>
    public static readonly string[] RootCa = ["generate", "import", "renewBeforeDays"];

    /// <summary>Keys of one entry of <c>meshstack:rootCas</c>.</summary>
    public static readonly string[] RootCasItem = ["name", "generate", "import", "renewBeforeDays"];

    /// <summary>Keys of <c>meshstack:rootCa.generate</c>.</summary>
    public static readonly string[] RootCaGenerate = ["commonName", "organization", "algorithm", "validityDays"];

    /// <summary>Keys of <c>meshstack:rootCa.import</c>.</summary>
    public static readonly string[] RootCaImport = ["certPem", "keyPem"];

    /// <summary>Keys of <c>meshstack:intermediateCa</c>.</summary>
    public static readonly string[] IntermediateCa = ["validityDays", "renewBeforeDays", "algorithm"];

    /// <summary>Keys of one cluster.</summary>
    public static readonly string[] Cluster = ["name", "context", "kubeconfig", "network", "dns", "coreDnsVersion", "gateway", "egressGateway", "locality", "kubernetesVersion", "apiServer", "adopt", "reconnect", "unreachable"];

    /// <summary>Keys of a cluster's <c>gateway</c>.</summary>
    public static readonly string[] Gateway = ["address", "nodePort", "globalGateway", "addressRequest", "addressAnnotation"];

    /// <summary>Keys of one service.</summary>
    public static readonly string[] Service = ["name", "namespace", "clusters", "ports", "consumers", "route", "versions", "weights", "address", "serviceAccount"];

    /// <summary>Keys of one port.</summary>
    public static readonly string[] Port = ["name", "number", "protocol", "targetPort"];
}
