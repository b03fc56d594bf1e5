using System.Reflection;
using Pulumi;

namespace MeshStack.Components.Tests.Args;

/// <summary>
/// No public constructor of MeshStack.Components throws for a documented use (issue 24). The args and the attribute are
/// built with no arguments, as a program does; the one component, MeshFederation, is documented to be constructed inside
/// a Pulumi program (Pulumi's own rule for every resource), which the typed-args and stack tests do under the mock engine.
/// </summary>
public class PublicConstructorTests
{
    private static readonly Type[] Types = typeof(MeshFederation).Assembly.GetExportedTypes();

    [Fact]
    public void Every_public_constructor_outside_the_component_runs_as_a_program_calls_it()
    {
        var failures = new List<string>();
        foreach (var type in Types.Where(t => !t.IsAbstract && !typeof(Resource).IsAssignableFrom(t) && !typeof(Exception).IsAssignableFrom(t)))
        {
            foreach (var constructor in type.GetConstructors())
            {
                try
                {
                    constructor.Invoke([.. constructor.GetParameters().Select(p => p.ParameterType == typeof(string) ? "x" : null)]);
                }
                catch (TargetInvocationException e) when (e.InnerException is not ArgumentException)
                {
                    failures.Add($"{type.Name}: {e.InnerException}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void The_only_public_resource_is_the_federation()
    {
        Assert.Equal([typeof(MeshFederation)], Types.Where(t => typeof(Resource).IsAssignableFrom(t)));
    }
}
