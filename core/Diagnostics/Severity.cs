namespace MeshStack.Core.Diagnostics;

/// <summary>How bad a diagnostic is. Only errors stop a plan.</summary>
public enum Severity
{
    /// <summary>Worth knowing; changes nothing.</summary>
    Info,

    /// <summary>Allowed, but probably not what the user wants.</summary>
    Warning,

    /// <summary>The configuration cannot be planned.</summary>
    Error,
}
