using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Validation.Istio;

/// <summary>Collects findings while the rules walk one object (internal and short-lived; the result is immutable).</summary>
internal sealed class Findings
{
    private readonly ImmutableArray<IstioFinding>.Builder items = ImmutableArray.CreateBuilder<IstioFinding>();

    public int ErrorCount { get; private set; }

    public void Error(string rule, string path, string message)
    {
        ErrorCount++;
        items.Add(new IstioFinding(Severity.Error, rule, path, message));
    }

    public void Warn(string rule, string path, string message) => items.Add(new IstioFinding(Severity.Warning, rule, path, message));

    public ImmutableArray<IstioFinding> ToImmutable() => items.ToImmutable();
}
