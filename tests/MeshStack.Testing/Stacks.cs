namespace MeshStack.Testing;

/// <summary>
/// A valid stack text that a test breaks in one place by text (a service list, lines under the first cluster, lines at the
/// end); to build a stack key by key, use <see cref="StackBuilder"/>.
/// </summary>
public static class Stacks
{
    /// <summary>A valid two-cluster federation; <paramref name="extra"/> lines are appended under config:.</summary>
    public static string TwoClusters(string services = DefaultServices, string extra = "", string clusterExtra = "") => $"""
        config:
          meshstack:meshId: mesh1
          meshstack:clusters:
            - name: cluster1
              gateway: {"{"} address: 192.0.2.1 {"}"}
              egressGateway: true
        {clusterExtra}
            - name: cluster2
              gateway: {"{"} address: 192.0.2.2 {"}"}
          meshstack:services:
        {services}
        {extra}
        """;

    /// <summary>One valid service.</summary>
    public const string DefaultServices = """
            - name: httpbin
              namespace: bar
              clusters: [cluster2]
              ports: [{ name: http1, number: 8000, protocol: http }]
        """;
}
