namespace MeshStack.Core.Diagnostics;

/// <summary>A kind of finding: its stable code, default severity and a one-line title for the docs.</summary>
public sealed record DiagnosticDescriptor(string Code, Severity Severity, string Title)
{
    /// <summary>Where the code is explained: its row of docs/diagnostics.md, <c>docs/diagnostics.md#msh042</c>.</summary>
    public string HelpLink => HelpLinks.For(Code);

    /// <summary>Creates a diagnostic of this kind at a config path; only <see cref="DiagnosticBuilder"/> calls it.</summary>
    internal Diagnostic At(string path, string message, SourcePosition? position = null) =>
        new(Code, Severity, path, message) { Position = position };
}

/// <summary>The docs anchor of a code: docs/diagnostics.md gives each row an <c>&lt;a id="mshNNN"&gt;</c>.</summary>
internal static class HelpLinks
{
    public static string For(string code) => "docs/diagnostics.md#" + code.ToLowerInvariant();
}
