using MeshStack.Core.Plan;
using MeshStack.Core.Tests.Support;
using MeshStack.Core.Validation.Istio;
using Xunit.Abstractions;

namespace MeshStack.Core.Tests.Validation;

/// <summary>
/// Every object MeshStack plans for the demo stack and for a richer fixture is valid against the upstream schemas
/// (Istio CRDs, Kubernetes core/v1) and passes istiod's webhook rules. Iterates over all planned objects, so objects
/// added by any planner are covered as soon as they are planned.
/// </summary>
public class GeneratedObjectsAreValidTests(ITestOutputHelper output)
{
    public static TheoryData<string> Stacks() => new() { "Pulumi.dev.yaml", "Pulumi.endpoints.yaml", "Fixtures/rich-federation.yaml" };

    private static FederationPlan Plan(string stack) =>
        CompilationHelper.PlanFile(stack.StartsWith("Fixtures/", StringComparison.Ordinal) ? Repo.Fixture(stack["Fixtures/".Length..]) : Path.Combine(Repo.Root, stack), CompilationHelper.FixedClock);

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_planned_object_with_a_reference_schema_is_schema_valid(string stack)
    {
        var plan = Plan(stack);
        var checkedCount = 0;
        var problems = new List<string>();
        foreach (var (cluster, item) in Plans.Objects(plan))
        {
            if (!SchemaValidator.Default.Covers(item.ApiVersion, item.Kind))
            {
                output.WriteLine($"no reference schema: {cluster} {item.ApiVersion} {item.Key}");
                continue;
            }

            checkedCount++;
            problems.AddRange(SchemaValidator.Default.Validate(item.Manifest).Select(e => $"{cluster} {item.Key}: {e}"));
        }

        output.WriteLine($"{stack}: {checkedCount} objects checked against upstream schemas");
        Assert.Empty(problems);
        Assert.True(checkedCount > 0);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_planned_istio_object_passes_the_istiod_webhook_rules_without_warnings(string stack)
    {
        var plan = Plan(stack);
        var istioObjects = Plans.Objects(plan).Where(o => o.Object.ApiVersion.StartsWith("networking.istio.io/", StringComparison.Ordinal)).ToList();
        var findings = istioObjects
            .SelectMany(o => IstioWebhookRules.Validate(o.Object.Manifest).Select(f => $"{o.Cluster} {o.Object.Key}: {f}"))
            .ToList();

        output.WriteLine($"{stack}: {istioObjects.Count} Istio objects checked against istiod's rules");
        Assert.Empty(findings);
        Assert.All(istioObjects, o => Assert.True(IstioWebhookRules.Applies(o.Object.Manifest), $"no rules for {o.Object.Key}"));
    }

    [Fact]
    public void The_rich_fixture_exercises_the_shapes_it_claims()
    {
        var plan = Plan("Fixtures/rich-federation.yaml");
        var objects = Plans.Objects(plan).Select(o => o.Object).ToList();
        var kinds = objects.Select(o => o.Kind).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(3, plan.Clusters.Length);
        Assert.Superset(new HashSet<string>(["ServiceEntry", "DestinationRule", "VirtualService", "Gateway", "Namespace"]), kinds);
        Assert.Contains(objects, o => o.Kind == "ServiceEntry" && HasDeferred(o.Manifest));
        Assert.Contains(objects, o => o.Kind == "ServiceEntry" && o.Name == "payments.billing.global" && o.Cluster == "east");
    }

    private static bool HasDeferred(Value value) => value switch
    {
        Deferred or Template => true,
        MapValue map => map.Entries.Any(e => HasDeferred(e.Value)),
        ListValue list => list.Items.Any(HasDeferred),
        _ => false,
    };
}
