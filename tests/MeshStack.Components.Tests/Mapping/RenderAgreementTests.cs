using System.Collections;
using System.Globalization;
using MeshStack.Core.Plan;

namespace MeshStack.Components.Tests.Mapping;

/// <summary>One plan, two backends: what Pulumi registers is what core renders.</summary>
public class RenderAgreementTests
{
    [Theory]
    [InlineData("Pulumi.dev.yaml")]
    [InlineData("Pulumi.endpoints.yaml")]
    [InlineData("three-clusters")]
    public async Task Registered_Kubernetes_objects_equal_the_rendered_manifests(string stack)
    {
        var path = stack == "three-clusters" ? Path.Combine(AppContext.BaseDirectory, "Fixtures", "three-clusters.yaml") : Path.Combine(Repo.Root, stack);
        var run = await Deployments.RunAsync(CompilationHelper.PlanFile(path));
        var compared = 0;
        foreach (var o in run.Plan.Clusters.SelectMany(c => c.Objects))
        {
            var record = run.Mocks.Registered.Single(r => r.Name == $"mesh-{o.Cluster}/{o.Key}");
            var problems = new List<string>();
            Compare(o.Manifest, record.Inputs, "", problems);
            Assert.True(problems.Count == 0, $"{o.Key} on {o.Cluster}:\n{string.Join("\n", problems)}");
            compared++;
        }

        Assert.True(compared > 0);
    }

    [Fact]
    public void The_comparer_notices_a_changed_field()
    {
        var manifest = Value.Map(("spec", Value.Map(("hosts", Value.List("a.global")), ("port", 15443))));
        var registered = new Dictionary<string, object> { ["spec"] = new Dictionary<string, object> { ["hosts"] = new List<object> { "b.global" }, ["port"] = 15443.0 } };
        var problems = new List<string>();
        Compare(manifest, registered, "", problems);
        Assert.Equal(["spec.hosts[0]: rendered a.global, registered b.global"], problems);
    }

    // Deferred values render as placeholders; registered they are resolved, so any text there agrees.
    private static void Compare(Value expected, object? actual, string path, List<string> problems)
    {
        switch (expected)
        {
            case MapValue map when actual is IDictionary dict:
                var keys = map.Entries.Select(e => e.Key).ToHashSet();
                foreach (var (key, value) in map.Entries)
                {
                    Compare(value, dict.Contains(key) ? dict[key] : null, $"{path}{(path.Length > 0 ? "." : "")}{key}", problems);
                }

                foreach (var extra in dict.Keys.Cast<string>().Where(k => !keys.Contains(k)))
                {
                    problems.Add($"{path}.{extra}: registered but not rendered");
                }

                break;
            case ListValue list when actual is IEnumerable items and not string:
                var actualItems = items.Cast<object>().ToList();
                if (actualItems.Count != list.Items.Length)
                {
                    problems.Add($"{path}: rendered {list.Items.Length} items, registered {actualItems.Count}");
                    break;
                }

                for (var i = 0; i < actualItems.Count; i++)
                {
                    Compare(list.Items[i], actualItems[i], $"{path}[{i}]", problems);
                }

                break;
            case Scalar { Content: long n } when actual is double d && d == n:
            case Scalar { Content: bool b } when actual is bool a && a == b:
            case Scalar { Content: string s } when actual is string t && s == t:
            case Deferred or Template when actual is string:
                break;
            default:
                problems.Add($"{path}: rendered {Show(expected)}, registered {Convert.ToString(actual, CultureInfo.InvariantCulture) ?? "nothing"}");
                break;
        }
    }

    private static string Show(Value value) => value is Scalar s ? Convert.ToString(s.Content, CultureInfo.InvariantCulture)! : value.GetType().Name;
}
