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
/// <param name="Descriptor">The diagnostic code (MSH180-MSH186).</param>
/// <param name="Hop">Where: <c>cluster2 east-west gateway</c>, <c>cluster1 sidecar</c>…</param>
/// <param name="Message">What happened, quoting names.</param>
/// <param name="Rule">The upstream source the rule models.</param>
public sealed record TraceFailure(DiagnosticDescriptor Descriptor, string Hop, string Message, string Rule)
{
    /// <summary>As a diagnostic about the service, for compile and the CLI.</summary>
    public Diagnostic ToDiagnostic(TracedPath path, string configPath)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Descriptor.At(configPath, $"{path.Title}: {Hop}: {Message} (models {Rule})");
    }
}
