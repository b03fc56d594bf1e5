using System.Globalization;

namespace MeshStack.Core.Diagnostics;

/// <summary>
/// One finding about a configuration: a stable code, a severity, the config path it is about
/// (for example <c>meshstack:services[1].address</c>) and a message that quotes the bad value and gives a hint.
/// </summary>
public sealed record Diagnostic(string Code, Severity Severity, string Path, string Message)
{
    /// <summary>Where in the file the bad value sits, when known (1-based).</summary>
    public SourcePosition? Position { get; init; }

    /// <summary>Where the code is explained: <c>docs/diagnostics.md#msh042</c>.</summary>
    public string HelpLink => HelpLinks.For(Code);

    /// <summary>True when the diagnostic stops the plan.</summary>
    public bool IsError => Severity == Severity.Error;

    /// <summary>
    /// The canonical compiler format: <c>FILE(LINE,COL): error MSH012: meshstack:services[1].address: message</c>.
    /// </summary>
    public string Format(string file)
    {
        var where = Position is { } p ? string.Create(CultureInfo.InvariantCulture, $"{file}({p.Line},{p.Column})") : file;
        var level = Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };
        return Path.Length == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{where}: {level} {Code}: {Message}")
            : string.Create(CultureInfo.InvariantCulture, $"{where}: {level} {Code}: {Path}: {Message}");
    }

    /// <inheritdoc />
    public override string ToString() => Format("config");
}

/// <summary>A 1-based line and column in a configuration file.</summary>
public readonly record struct SourcePosition(int Line, int Column);
