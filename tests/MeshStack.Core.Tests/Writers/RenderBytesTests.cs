using System.Globalization;
using MeshStack.Core.Render;
using MeshStack.Core.Synthesis;

namespace MeshStack.Core.Tests.Writers;

/// <summary>
/// Core's UTF-8 writer renders every file of the demo stacks and of synthetic federations to exactly the bytes the
/// YamlDotNet Emitter wrote (the golden files came from it), and <c>plan --json</c> reads the same plan.
/// </summary>
public class RenderBytesTests
{
    public static TheoryData<string> Stacks => ["Pulumi.dev.yaml", "Pulumi.endpoints.yaml", "Pulumi.staging.yaml"];

    [Theory]
    [MemberData(nameof(Stacks))]
    public void The_demo_stacks_render_to_the_emitters_bytes(string stackFile) =>
        SameBytes(File.ReadAllText(Path.Combine(Repo.Root, stackFile)));

    [Theory]
    [InlineData(1, 0, 1UL)]
    [InlineData(2, 10, 1UL)]
    [InlineData(5, 120, 7UL)]
    [InlineData(12, 300, 23UL)]
    public void Synthetic_federations_render_to_the_emitters_bytes(int clusters, int services, ulong seed) =>
        SameBytes(FederationSynthesizer.Generate(new SynthesisOptions { Clusters = clusters, Services = services, Seed = seed }));

    private static void SameBytes(string stack)
    {
        var result = CompilationHelper.Compile(stack);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var files = RenderLayout.Files(result.Plan!, o => o.Manifest);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var stream = new MemoryStream();
            file.WriteUtf8(stream);
            using var old = new StringWriter(CultureInfo.InvariantCulture);
            if (file.MultiDocument)
            {
                EmitterYamlWriter.WriteDocuments(old, file.Documents);
            }
            else
            {
                EmitterYamlWriter.WriteDocument(old, file.Documents.Single());
            }

            Assert.Equal(new System.Text.UTF8Encoding(false).GetBytes(old.ToString()), stream.ToArray());
        }

        foreach (var item in result.Plan!.Clusters.SelectMany(c => c.Objects))
        {
            Assert.Equal(EmitterYamlWriter.ToYaml(item.Manifest), YamlWriter.ToYaml(item.Manifest));
        }
    }
}
