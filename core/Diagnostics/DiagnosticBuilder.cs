using System.Runtime.CompilerServices;

namespace MeshStack.Core.Diagnostics;

/// <summary>
/// The one place diagnostics are made (as bicep's DiagnosticBuilder): one method per code, named like the code's field
/// in <see cref="Codes"/>, whose parameters are the values the message quotes and whose body owns the message text.
/// A code reported in several situations has one overload per situation. The partial files follow the code order of
/// <see cref="Codes"/>; each diagnostic's help link is <see cref="Diagnostic.HelpLink"/>.
/// </summary>
public static partial class DiagnosticBuilder
{
    // The calling method's name is the field of its code, so a method cannot build another code's diagnostic.
    private static Diagnostic At(string path, string message, SourcePosition? position = null, [CallerMemberName] string code = "") =>
        Codes.ByName[code].At(path, message, position);

    // The did-you-mean of a name, key or word that is not known: the known one it may be a typo of (NodeReader.Closest), or nothing.
    private static string DidYouMean(string? closest) => closest is null ? "" : $", did you mean '{closest}'?";
}
