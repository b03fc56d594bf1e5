using MeshStack.Core;
using MeshStack.Core.Addressing;
using MeshStack.Core.Config;
using MeshStack.Core.Plan;

namespace MeshStack.Testing;

/// <summary>
/// The one way tests compile a stack: through <see cref="MeshCompiler.CompileStackFile"/>, the entry the CLI and the
/// Pulumi program share (as bicep's CompilationHelper.Compile is the one way its tests compile a template).
/// </summary>
public static class CompilationHelper
{
    /// <summary>A fixed day, so certificate and trust checks never depend on when tests run.</summary>
    public static DateTimeOffset FixedNow { get; } = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Compile options with <see cref="FixedNow"/> as the clock (without a clock the clock-bound checks are skipped).</summary>
    public static CompileOptions FixedClock { get; } = new() { Now = FixedNow };

    /// <summary>Compiles a stack text; the result carries every diagnostic.</summary>
    public static CompileResult Compile(string stackText, AddressTable? previous = null, CompileOptions? options = null) =>
        MeshCompiler.CompileStackFile(stackText, previous, options);

    /// <summary>Compiles a stack's <c>config:</c> mapping as the stack file holding it would be compiled.</summary>
    public static CompileResult Compile(ConfigMap config, AddressTable? previous = null, CompileOptions? options = null) =>
        MeshCompiler.Compile(ConfigDocument.FromStackConfig(config), previous, options);

    /// <summary>Compiles a stack text that must plan; fails the test with every diagnostic when it does not.</summary>
    public static FederationPlan Plan(string stackText, AddressTable? previous = null, CompileOptions? options = null) =>
        Planned(Compile(stackText, previous, options), $"this stack text\n{stackText}\n");

    /// <summary>Compiles a stack file that must plan; fails the test naming the file and every diagnostic when it does not.</summary>
    public static FederationPlan PlanFile(string stackFile, CompileOptions? options = null) =>
        Planned(Compile(File.ReadAllText(stackFile), options: options), stackFile);

    private static FederationPlan Planned(CompileResult result, string what)
    {
        Xunit.Assert.True(result.Succeeded, $"{what} did not plan:\n{string.Join("\n", result.Diagnostics)}");
        return result.Plan!;
    }
}
