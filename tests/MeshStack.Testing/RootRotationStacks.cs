namespace MeshStack.Testing;

/// <summary>
/// The four phases of a root rotation as <c>config:</c> lines (docs/certificates-rotation.md): one root, both roots with
/// the old one signing, both with the new one signing, only the new one. Core's transition tests, the CLI's rotation
/// tests and the components' strict rotation tests (as Pulumi config, <c>StackConfig.RootPhase</c>) walk the same phases.
/// </summary>
public static class RootRotationStacks
{
    /// <summary>Phase 0: the shorthand single root.</summary>
    public const string OneRoot = "  meshstack:rootCa: { generate: { commonName: Old Root } }\n";

    /// <summary>Phase 1: the new root added and trusted; the old one still signs.</summary>
    public const string BothOldSigns = """
          meshstack:rootCas:
            - name: ca
              generate: { commonName: Old Root }
            - name: next
              generate: { commonName: New Root }
          meshstack:signingRoot: ca

        """;

    /// <summary>Phase 2: both trusted; the new root signs.</summary>
    public static readonly string BothNewSigns = BothOldSigns.Replace("signingRoot: ca", "signingRoot: next", StringComparison.Ordinal);

    /// <summary>Phase 3: the old root retired.</summary>
    public const string OnlyNew = """
          meshstack:rootCas:
            - name: next
              generate: { commonName: New Root }

        """;

    /// <summary>The four phases in order: <see cref="OneRoot"/>, <see cref="BothOldSigns"/>, <see cref="BothNewSigns"/>, <see cref="OnlyNew"/>.</summary>
    public static IReadOnlyList<string> Phases { get; } = [OneRoot, BothOldSigns, BothNewSigns, OnlyNew];

    /// <summary>The keys the phases set (without <c>meshstack:</c>): a phase replaces all of them.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["rootCa", "rootCas", "signingRoot"];
}
