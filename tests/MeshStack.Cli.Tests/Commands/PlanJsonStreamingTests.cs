using MeshStack.Core.Render;

namespace MeshStack.Cli.Tests.Commands;

/// <summary><c>plan --json</c> is streamed (issue 15) and still prints exactly the plan's JSON document.</summary>
public class PlanJsonStreamingTests
{
    [Theory]
    [InlineData("Pulumi.dev.yaml")]
    [InlineData("Pulumi.staging.yaml")]
    [InlineData("synth")]
    public void The_streamed_output_is_the_plans_JSON_byte_for_byte(string stack)
    {
        using var run = new CliRun();
        var file = stack == "synth" ? run.Write("Pulumi.big.yaml", run.Run("synth", "--clusters", "6", "--services", "150").Out) : run.CopyFromRepo(stack);
        var (exit, stdout, stderr) = run.Run("plan", file, "--json");
        Assert.True(exit == 0, stderr);
        var plan = CompilationHelper.Compile(File.ReadAllText(Path.Combine(run.Directory, file))).Plan!;
        Assert.Equal(PlanJsonWriter.ToJson(plan), stdout);
        Assert.True(stdout.Length > 1 << 17 || stack != "synth", "the synthetic plan is large enough to be flushed several times");
    }
}
