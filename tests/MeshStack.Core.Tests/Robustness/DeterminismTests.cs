using MeshStack.Core.Config;
using MeshStack.Core.Render;

namespace MeshStack.Core.Tests.Robustness;

/// <summary>Same config, same bytes: across runs, across the order of every list, and across a no-op second run.</summary>
public class DeterminismTests
{
    public static TheoryData<string> Seeds() => new(ConfigTrees.SeedFiles);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Plan_json_and_render_are_byte_identical_across_runs_and_list_orders(string file)
    {
        var config = ConfigTrees.ConfigOf(ConfigTrees.SeedText(file));
        var expected = Emit(CompilationHelper.Compile(config, options: CompilationHelper.FixedClock));
        Assert.Equal(expected, Emit(CompilationHelper.Compile(config, options: CompilationHelper.FixedClock)));
        for (var seed = 1; seed <= 5; seed++)
        {
            var shuffled = (ConfigMap)ConfigTrees.ShuffleLists(config, new Random(seed));
            Assert.Equal(expected, Emit(CompilationHelper.Compile(shuffled, options: CompilationHelper.FixedClock)));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_no_op_second_run_with_the_previous_allocation_changes_nothing(string file)
    {
        var config = ConfigTrees.ConfigOf(ConfigTrees.SeedText(file));
        var first = CompilationHelper.Compile(config, options: CompilationHelper.FixedClock);
        var (previous, problems) = Core.Addressing.AddressTable.FromJson(first.Plan!.Addresses.ToJson());
        Assert.Empty(problems);
        var second = CompilationHelper.Compile((ConfigMap)ConfigTrees.ShuffleLists(config, new Random(7)), previous, CompilationHelper.FixedClock);
        Assert.Equal(Emit(first), Emit(second));
        Assert.DoesNotContain(second.Diagnostics, d => d.Code == "MSH037");
    }

    private static string Emit(CompileResult result)
    {
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var plan = result.Plan!;
        var files = RenderLayout.Files(plan, o => o.Manifest);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var f in files)
        {
            writer.Write($"=== {f.RelativePath}\n");
            f.Write(writer);
        }

        return PlanJsonWriter.ToJson(plan) + writer + plan.Addresses.ToJson();
    }
}
