namespace MeshStack.Core.Diagnostics;

/// <summary>A kind of finding: its stable code, default severity and a one-line title for the docs.</summary>
public sealed record DiagnosticDescriptor(string Code, Severity Severity, string Title)
{
    /// <summary>Creates a diagnostic of this kind at a config path.</summary>
    public Diagnostic At(string path, string message, SourcePosition? position = null) =>
        new(Code, Severity, path, message) { Position = position };
}
