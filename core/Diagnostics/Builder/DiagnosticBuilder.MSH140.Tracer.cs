namespace MeshStack.Core.Diagnostics;

// MSH140, MSH170-MSH171 and MSH180-MSH187: the path tracer, where a planned route stops carrying traffic (core/Tracing).
// Each code reads "PATH: HOP: FINDING (models RULE)"; the FINDING is one of TraceFinding's (TraceFinding.cs), made from what the
// tracer saw at the hop; HOP ("cluster1 sidecar") and RULE (the upstream source the hop's code models) are the tracer's.
// Past the limit of listed paths, one more line counts the rest under the code of the first one left out.
public static partial class DiagnosticBuilder
{
    /// <summary>MSH140: a home pod's identity is not one the caller accepts.</summary>
    internal static Diagnostic TraceIdentity(string path, string title, string hop, TraceFinding finding, string rule) => At(path, Stop(title, hop, finding, rule));

    /// <summary>MSH140: the count of further dead paths.</summary>
    internal static Diagnostic TraceIdentity(string path, int more) => At(path, More(more));

    /// <summary>MSH170: a caller's istiod does not read a home cluster's API server.</summary>
    internal static Diagnostic TraceNoRemoteSecret(string path, string title, string hop, TraceFinding finding, string rule) => At(path, Stop(title, hop, finding, rule));

    /// <summary>MSH170: the count of further dead paths.</summary>
    internal static Diagnostic TraceNoRemoteSecret(string path, int more) => At(path, More(more));

    /// <summary>MSH171: a caller cannot resolve a service's cluster.local name.</summary>
    internal static Diagnostic TraceLocalDns(string path, string title, string hop, TraceFinding finding, string rule) => At(path, Stop(title, hop, finding, rule));

    /// <summary>MSH171: the count of further dead paths.</summary>
    internal static Diagnostic TraceLocalDns(string path, int more) => At(path, More(more));

    /// <summary>MSH180: a caller cannot resolve a global name to a virtual address.</summary>
    internal static Diagnostic TraceDns(string path, string title, string hop, TraceFinding finding, string rule) => At(path, Stop(title, hop, finding, rule));

    /// <summary>MSH180: the count of further dead paths.</summary>
    internal static Diagnostic TraceDns(string path, int more) => At(path, More(more));

    /// <summary>MSH181: a caller has no cluster for the port or version it calls.</summary>
    internal static Diagnostic TraceNoCallerCluster(string path, string title, string hop, TraceFinding finding, string rule) => At(path, Stop(title, hop, finding, rule));

    /// <summary>MSH181: the count of further dead paths.</summary>
    internal static Diagnostic TraceNoCallerCluster(string path, int more) => At(path, More(more));

    /// <summary>MSH182: every endpoint of a cluster is filtered out on the way.</summary>
    internal static Diagnostic TraceNoEndpoints(string path, string title, string hop, TraceFinding finding, string rule) => At(path, Stop(title, hop, finding, rule));

    /// <summary>MSH182: the count of further dead paths.</summary>
    internal static Diagnostic TraceNoEndpoints(string path, int more) => At(path, More(more));

    /// <summary>MSH183: a route's endpoint leads somewhere other than the next gateway.</summary>
    internal static Diagnostic TraceBypass(string path, string title, string hop, TraceFinding finding, string rule) => At(path, Stop(title, hop, finding, rule));

    /// <summary>MSH183: the count of further dead paths.</summary>
    internal static Diagnostic TraceBypass(string path, int more) => At(path, More(more));

    /// <summary>MSH184: a gateway has no mTLS pass-through listener on 15443 for the name.</summary>
    internal static Diagnostic TraceNoListener(string path, string title, string hop, TraceFinding finding, string rule) => At(path, Stop(title, hop, finding, rule));

    /// <summary>MSH184: the count of further dead paths.</summary>
    internal static Diagnostic TraceNoListener(string path, int more) => At(path, More(more));

    /// <summary>MSH185: a gateway has no cluster for the SNI it receives.</summary>
    internal static Diagnostic TraceNoGatewayCluster(string path, string title, string hop, TraceFinding finding, string rule) => At(path, Stop(title, hop, finding, rule));

    /// <summary>MSH185: the count of further dead paths.</summary>
    internal static Diagnostic TraceNoGatewayCluster(string path, int more) => At(path, More(more));

    /// <summary>MSH186: a home gateway's cluster has no mTLS pod endpoint left.</summary>
    internal static Diagnostic TraceNoPods(string path, string title, string hop, TraceFinding finding, string rule) => At(path, Stop(title, hop, finding, rule));

    /// <summary>MSH186: the count of further dead paths.</summary>
    internal static Diagnostic TraceNoPods(string path, int more) => At(path, More(more));

    /// <summary>MSH187: a home pod does not listen on the port its endpoint names.</summary>
    internal static Diagnostic TracePodPort(string path, string title, string hop, TraceFinding finding, string rule) => At(path, Stop(title, hop, finding, rule));

    /// <summary>MSH187: the count of further dead paths.</summary>
    internal static Diagnostic TracePodPort(string path, int more) => At(path, More(more));

    private static string Stop(string title, string hop, TraceFinding finding, string rule) => $"{title}: {hop}: {finding.Text} (models {rule})";

    private static string More(int more) => $"and {more} more path(s) that carry no traffic; run 'meshstack trace' for all of them";
}
