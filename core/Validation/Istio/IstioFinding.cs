using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Validation.Istio;

/// <summary>
/// One thing istiod's validating webhook would say about an object: an error rejects it, a warning is printed.
/// <paramref name="RuleId"/> is the rule's ID in the derived istiod rule list (G-, SE-, GW-, DR-, VS-);
/// <paramref name="Path"/> is the field inside the object, for example <c>spec.endpoints[0].address</c>.
/// </summary>
internal sealed record IstioFinding(Severity Severity, string RuleId, string Path, string Message)
{
    /// <summary>True when istiod would reject the object.</summary>
    public bool IsError => Severity == Severity.Error;

    /// <inheritdoc />
    public override string ToString() => $"{(IsError ? "error" : "warning")} [{RuleId}] {Path}: {Message}";
}
