using MeshStack.Core.Config;
using MeshStack.Core.Model;

namespace MeshStack.Core.Pki;

/// <summary>Checks on the configured CA material: an imported root, Istio's sample certificates.</summary>
internal static class CaChecks
{
    public static void Check(MeshSpec spec, CompileOptions options, NodeReader r)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(r);
    }
}
