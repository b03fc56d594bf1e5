using Pulumi;

namespace MeshStack.Components.Tests;

/// <summary>
/// A URN is a resource's identity in state: a new name or a new parent type without an alias makes the engine delete
/// the live object and create it again (issue 12). The URNs each fixture registers are kept in a golden list; every
/// URN of the list must still be registered, or be reached through an alias. Rewrite the list only on purpose
/// (MESHSTACK_UPDATE_GOLDEN=1), after adding the aliases.
/// </summary>
public class UrnStabilityTests
{
    [Theory]
    [InlineData("Pulumi.dev.yaml")]
    [InlineData("Pulumi.endpoints.yaml")]
    [InlineData("three-clusters")]
    [InlineData("legacy")]
    public async Task Every_URN_of_the_golden_list_is_still_registered_or_aliased(string stack)
    {
        // A stack deployed before this version: its record is the legacy one, and nothing it registered may move.
        var plan = CompilationHelper.PlanFile(Repo.StackFile(stack), new Core.CompileOptions { Previous = Core.Deployment.DeploymentRecord.Legacy });
        var wiring = new Wiring();
        await StrictDeployments.FederationAsync(plan, new StrictMocks(preview: false), wiring);
        var byResource = wiring.ByName.Values.ToDictionary(a => (object)a.Resource, ReferenceEqualityComparer.Instance);

        // The type part of a URN: the parent types, then the resource's own ("A$B$C").
        string Chain(Resource resource) =>
            byResource.TryGetValue(resource, out var args) && args is ResourceTransformationArgs { Options.Parent: { } parent }
                ? $"{Chain(parent)}${resource.GetResourceType()}"
                : resource.GetResourceType();

        var current = new HashSet<string>(StringComparer.Ordinal);
        var aliased = new HashSet<string>(StringComparer.Ordinal);
        foreach (var args in wiring.ByName.Values)
        {
            var chain = Chain(args.Resource);
            current.Add($"{chain}::{args.Resource.GetResourceName()}");
            foreach (var alias in args.Options.Aliases)
            {
                // MeshStack's aliases keep the parent and the type and change the name (Naming.Was).
                var value = await Pulumi.Utilities.OutputUtilities.GetValueAsync(alias.ToOutput());
                if (value.Name is { } name)
                {
                    aliased.Add($"{chain}::{await Pulumi.Utilities.OutputUtilities.GetValueAsync(name.ToOutput())}");
                }
            }
        }

        var golden = GoldenFile.PathOf(Path.Combine("urns", $"{Path.GetFileNameWithoutExtension(stack)}.txt"));
        if (GoldenFile.UpdateRequested())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            await File.WriteAllLinesAsync(golden, current.Order(StringComparer.Ordinal));
        }

        Assert.True(File.Exists(golden), $"missing {golden}; run with MESHSTACK_UPDATE_GOLDEN=1 to create it");
        var lost = (await File.ReadAllLinesAsync(golden)).Where(u => u.Length > 0 && !current.Contains(u) && !aliased.Contains(u)).ToList();
        Assert.True(lost.Count == 0, $"these URNs would be deleted and re-created (add an alias, then update the list):\n{string.Join("\n", lost)}");
    }
}
