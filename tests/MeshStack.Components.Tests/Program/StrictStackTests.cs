
namespace MeshStack.Components.Tests.Program;

/// <summary>Every stack file of the repository through <c>pulumi up</c>'s two phases under the strict doubles (issue 12).</summary>
public class StrictStackTests
{
    public static TheoryData<string> StackFiles => StrictDeployments.StackFiles();

    [Theory]
    [MemberData(nameof(StackFiles))]
    public async Task Every_stack_file_previews_and_updates_under_the_strict_doubles(string stackFile)
    {
        var (preview, up) = await StrictDeployments.PreviewAndUpAsync(stackFile);
        Assert.Empty(preview.Mocks.Violations);
        Assert.Empty(up.Mocks.Violations);
        Assert.Contains(up.Resources, r => r is MeshFederation);
    }
}
