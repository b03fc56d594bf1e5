namespace MeshStack.Core.Tests.Support;

/// <summary>Builds small stack files for tests: a valid base that a test then breaks in one place.</summary>
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
