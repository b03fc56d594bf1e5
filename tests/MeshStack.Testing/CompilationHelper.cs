using MeshStack.Core;
using MeshStack.Core.Addressing;
using MeshStack.Core.Plan;

namespace MeshStack.Testing;

/// <summary>
/// The one way tests compile a stack: through <see cref="MeshCompiler.CompileStackFile"/>, the entry the CLI and the
/// Pulumi program share (as bicep's CompilationHelper.Compile is the one way its tests compile a template).
/// </summary>
public static class CompilationHelper
{
    /// <summary>The clock of <see cref="PlanFile"/>: a fixed day, so certificate checks never depend on when tests run.</summary>
    public static DateTimeOffset FixedNow { get; } = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Compiles a stack text; the result carries every diagnostic.</summary>
    public static CompileResult Compile(string stackText, AddressTable? previous = null, CompileOptions? options = null) =>
        MeshCompiler.CompileStackFile(stackText, previous, options);

    /// <summary>Compiles a stack text that must plan; fails the test with every diagnostic when it does not.</summary>
    public static FederationPlan Plan(string stackText, AddressTable? previous = null, CompileOptions? options = null) =>
        Planned(Compile(stackText, previous, options), "the stack text");

    /// <summary>
    /// Compiles a stack file that must plan (with <see cref="FixedNow"/> unless <paramref name="options"/> says otherwise);
    /// fails the test naming the file and every diagnostic when it does not.
    /// </summary>
    public static FederationPlan PlanFile(string stackFile, CompileOptions? options = null) =>
        Planned(Compile(File.ReadAllText(stackFile), options: options ?? new CompileOptions { Now = FixedNow }), stackFile);

    private static FederationPlan Planned(CompileResult result, string what)
    {
        Xunit.Assert.True(result.Succeeded, $"{what} did not plan:\n{string.Join("\n", result.Diagnostics)}");
        return result.Plan!;
    }
}
