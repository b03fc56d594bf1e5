using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Tests.PublicSurface;

/// <summary>
/// No public constructor of MeshStack.Core throws for a documented use (issue 24): each one is called with plain valid
/// values (text, numbers, empty lists, records built the same way); refusing a bad argument with an ArgumentException
/// is documented behaviour, anything else (a NullReferenceException, an InvalidOperationException) is a defect.
/// </summary>
public class PublicConstructorTests
{
    [Fact]
    public void Every_public_constructor_of_core_runs_with_valid_arguments()
    {
        var failures = new List<string>();
        var constructors = typeof(Codes).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition && !typeof(Delegate).IsAssignableFrom(t) && !typeof(Exception).IsAssignableFrom(t))
            .SelectMany(t => t.GetConstructors())
            .Where(c => !IsCopyConstructor(c))
            .ToList();
        Assert.True(constructors.Count > 50, $"only {constructors.Count} public constructors found");
        foreach (var constructor in constructors)
        {
            try
            {
                constructor.Invoke([.. constructor.GetParameters().Select(p => Sample(p.ParameterType, 0))]);
            }
            catch (TargetInvocationException e) when (e.InnerException is not ArgumentException)
            {
                failures.Add($"{constructor.DeclaringType}({string.Join(", ", constructor.GetParameters().Select(p => p.ParameterType.Name))}): {e.InnerException}");
            }
            catch (TargetInvocationException)
            {
                // An ArgumentException: the constructor refuses a value it documents as invalid.
            }
            catch (ArgumentException e)
            {
                failures.Add($"{constructor.DeclaringType}: no sample arguments ({e.Message})");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    // A record's compiler-made copy constructor is protected or private; a public one taking its own type is one too.
    private static bool IsCopyConstructor(ConstructorInfo c) =>
        c.GetParameters() is [var only] && only.ParameterType == c.DeclaringType;

    private static object? Sample(Type type, int depth)
    {
        if (type == typeof(string))
        {
            return "x";
        }

        if (Nullable.GetUnderlyingType(type) is not null)
        {
            return null;
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            return type.GetField("Empty")!.GetValue(null);
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        if (type.IsArray)
        {
            return Array.CreateInstance(type.GetElementType()!, 0);
        }

        if (type.IsInterface && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType)
        {
            var element = type.GetGenericArguments()[^1];
            if (type.GetGenericArguments().Length == 1)
            {
                return Array.CreateInstance(element, 0);
            }

            return Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(type.GetGenericArguments()));
        }

        if (depth > 4 || type.IsAbstract || type.IsInterface)
        {
            return null;
        }

        var constructor = type.GetConstructors().Where(c => !IsCopyConstructor(c)).OrderBy(c => c.GetParameters().Length).FirstOrDefault();
        return constructor?.Invoke([.. constructor.GetParameters().Select(p => Sample(p.ParameterType, depth + 1))]);
    }
}
