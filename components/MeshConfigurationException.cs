using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Components;

/// <summary>
/// The one exception MeshStack's components throw for what they are given: a configuration core refused, with every
/// diagnostic (stable code, the property path as the args or the stack file name it, the bad value, a hint).
/// Nothing of the federation was registered.
/// </summary>
public sealed class MeshConfigurationException : Exception
{
    /// <summary>Creates the exception from the diagnostics.</summary>
    public MeshConfigurationException(IEnumerable<Diagnostic> diagnostics)
        : this([.. diagnostics ?? []])
    {
    }

    private MeshConfigurationException(ImmutableArray<Diagnostic> diagnostics)
        : base("MeshStack: the federation's configuration has errors; nothing was registered." + Environment.NewLine +
            string.Join(Environment.NewLine, diagnostics.Select(Describe)))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every diagnostic.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>A diagnostic with its path as typed args name it (<c>clusters[1].gateway.address</c>).</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return diagnostic.Format("args").Replace("args: ", "", StringComparison.Ordinal).Replace("meshstack:", "", StringComparison.Ordinal);
    }
}
