using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Tracing;

/// <summary>
/// One caller's way to one service port (and version): the hops followed, and where it dies, if it does.
/// </summary>
public sealed record TracedPath
{
    /// <summary>The consumer cluster the call starts in.</summary>
    public required string From { get; init; }

    /// <summary>The name called (<c>NAME.NS.global</c>).</summary>
    public required string Host { get; init; }

    /// <summary>The service port called.</summary>
    public required int Port { get; init; }

    /// <summary>The version subset, or null for the whole service.</summary>
    public string? Version { get; init; }

    /// <summary>What each hop did, in order (across every branch for several homes).</summary>
    public required ImmutableArray<string> Hops { get; init; }

    /// <summary>Where the path dies; null when traffic reaches the service's pods on every branch.</summary>
    public TraceFailure? Failure { get; init; }

    /// <summary>True when traffic arrives.</summary>
    public bool IsOk => Failure is null;

    /// <summary><c>cluster1 → httpbin.bar.global:8000 (v1)</c>.</summary>
    public string Title => $"{From} → {Host}:{Port}{(Version is null ? "" : $" ({Version})")}";
}

/// <summary>The hop a path dies at: a stable code, what happened, and the upstream rule it models.</summary>
public sealed record TraceFailure
{
    internal TraceFailure(DiagnosticDescriptor descriptor, string hop, TraceFinding finding, string rule)
    {
        Descriptor = descriptor;
        Hop = hop;
        Finding = finding;
        Rule = rule;
    }

    /// <summary>The diagnostic code (MSH140, MSH170-MSH171, MSH180-MSH187).</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>Where: <c>cluster2 east-west gateway</c>, <c>cluster1 sidecar</c>…</summary>
    public string Hop { get; }

    /// <summary>What happened, quoting names (its text is <see cref="TraceFinding"/>'s).</summary>
    public string Message => Finding.Text;

    /// <summary>The upstream source the rule models.</summary>
    public string Rule { get; }

    private TraceFinding Finding { get; }

    /// <summary>As a diagnostic about the service, for compile and the CLI.</summary>
    public Diagnostic ToDiagnostic(TracedPath path, string configPath)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Builders[Descriptor].Stop(configPath, path.Title, Hop, Finding, Rule);
    }

    /// <summary>The line that counts the <paramref name="more"/> dead paths past the listed ones, under this path's code.</summary>
    internal Diagnostic MorePaths(string configPath, int more) => Builders[Descriptor].More(configPath, more);

    // The DiagnosticBuilder methods of each tracer code.
    private static readonly Dictionary<DiagnosticDescriptor, (Func<string, string, string, TraceFinding, string, Diagnostic> Stop, Func<string, int, Diagnostic> More)> Builders = new()
    {
        [Codes.TraceIdentity] = (DiagnosticBuilder.TraceIdentity, DiagnosticBuilder.TraceIdentity),
        [Codes.TraceNoRemoteSecret] = (DiagnosticBuilder.TraceNoRemoteSecret, DiagnosticBuilder.TraceNoRemoteSecret),
        [Codes.TraceLocalDns] = (DiagnosticBuilder.TraceLocalDns, DiagnosticBuilder.TraceLocalDns),
        [Codes.TraceDns] = (DiagnosticBuilder.TraceDns, DiagnosticBuilder.TraceDns),
        [Codes.TraceNoCallerCluster] = (DiagnosticBuilder.TraceNoCallerCluster, DiagnosticBuilder.TraceNoCallerCluster),
        [Codes.TraceNoEndpoints] = (DiagnosticBuilder.TraceNoEndpoints, DiagnosticBuilder.TraceNoEndpoints),
        [Codes.TraceBypass] = (DiagnosticBuilder.TraceBypass, DiagnosticBuilder.TraceBypass),
        [Codes.TraceNoListener] = (DiagnosticBuilder.TraceNoListener, DiagnosticBuilder.TraceNoListener),
        [Codes.TraceNoGatewayCluster] = (DiagnosticBuilder.TraceNoGatewayCluster, DiagnosticBuilder.TraceNoGatewayCluster),
        [Codes.TraceNoPods] = (DiagnosticBuilder.TraceNoPods, DiagnosticBuilder.TraceNoPods),
        [Codes.TracePodPort] = (DiagnosticBuilder.TracePodPort, DiagnosticBuilder.TracePodPort),
    };
}
