namespace MeshStack.Core.Tracing;

/// <summary>Which paths to trace; a null field means "every".</summary>
/// <param name="From">Only paths from this consumer cluster.</param>
/// <param name="Host">Only this global name (<c>NAME.NS.global</c>).</param>
/// <param name="Port">Only this service port.</param>
/// <param name="Version">Only this version subset.</param>
public sealed record TraceQuery(string? From = null, string? Host = null, int? Port = null, string? Version = null)
{
    /// <summary>Every path of the plan.</summary>
    public static TraceQuery All { get; } = new();
}
