using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Tests.Docs;

namespace MeshStack.Core.Tests.Catalogue;

/// <summary>
/// The catalogue: every code of <see cref="Codes"/> has its <see cref="DiagnosticBuilder"/> method (one name, one overload
/// per situation), every builder method builds the code it is named after, and every help link names an anchor that exists.
/// </summary>
public partial class DiagnosticBuilderCatalogueTests
{
    private static readonly IReadOnlyList<MethodInfo> BuilderMethods = typeof(DiagnosticBuilder)
        .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
        .Where(m => m.ReturnType == typeof(Diagnostic) && !m.IsPrivate)
        .ToList();

    private static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> Fields = typeof(Codes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .ToDictionary(f => f.Name, f => (DiagnosticDescriptor)f.GetValue(null)!);

    [Fact]
    public void Every_code_has_one_builder_method_named_after_it()
    {
        var missing = Fields.Keys.Where(name => BuilderMethods.All(m => m.Name != name)).ToList();
        Assert.True(missing.Count == 0, "codes without a DiagnosticBuilder method: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_builder_method_is_named_after_a_code()
    {
        var strays = BuilderMethods.Where(m => !Fields.ContainsKey(m.Name)).Select(m => m.Name).Distinct().ToList();
        Assert.True(strays.Count == 0, "DiagnosticBuilder methods named after no code: " + string.Join(", ", strays));
    }

    [Fact]
    public void Every_builder_method_builds_its_own_code_with_a_help_link_that_exists()
    {
        var anchors = MarkdownLinks.Anchors(File.ReadAllText(Path.Combine(Repo.Root, "docs", "diagnostics.md")));
        foreach (var method in BuilderMethods)
        {
            foreach (var arguments in Arguments(method))
            {
                var d = (Diagnostic)method.Invoke(null, arguments)!;
                var expected = Fields[method.Name];
                Assert.Equal((expected.Code, expected.Severity), (d.Code, d.Severity));
                Assert.False(string.IsNullOrWhiteSpace(d.Message), $"{method.Name} wrote no message");
                Assert.Equal($"docs/diagnostics.md#{d.Code.ToLowerInvariant()}", d.HelpLink);
                Assert.Contains(d.HelpLink["docs/diagnostics.md#".Length..], anchors);
            }
        }
    }

    [Fact]
    public void Nothing_outside_the_builder_creates_a_diagnostic()
    {
        var offenders = new List<string>();
        foreach (var folder in new[] { "core", "cli", "components", "provider" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(Repo.Root, file).Replace('\\', '/');
                if (relative.StartsWith("core/Diagnostics/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                offenders.AddRange(Creation().Matches(File.ReadAllText(file)).Select(m => $"{relative}: {m.Value}"));
            }
        }

        foreach (var file in Directory.EnumerateFiles(Repo.Root, "*.cs", SearchOption.TopDirectoryOnly))
        {
            offenders.AddRange(Creation().Matches(File.ReadAllText(file)).Select(m => $"{Path.GetFileName(file)}: {m.Value}"));
        }

        Assert.True(offenders.Count == 0, "diagnostics created outside DiagnosticBuilder:\n" + string.Join("\n", offenders));
    }

    // One argument list per method, more for enum parameters (each value once): the method's situations.
    private static IEnumerable<object?[]> Arguments(MethodInfo method)
    {
        var parameters = method.GetParameters();
        var enumAt = Array.FindIndex(parameters, p => p.ParameterType.IsEnum);
        var values = enumAt < 0 ? [null] : Enum.GetValues(parameters[enumAt].ParameterType).Cast<object?>().ToArray();
        foreach (var value in values)
        {
            yield return [.. parameters.Select((p, i) => i == enumAt ? value : Sample(p.ParameterType))];
        }
    }

    // A plain value of a parameter's type: text, numbers, lists of names, or a record built from such values.
    private static object? Sample(Type type)
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

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        if (type.IsAssignableFrom(typeof(string[])))
        {
            return new[] { "x", "y" };
        }

        if (type.IsAssignableFrom(typeof(List<string?>)) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return new List<string?> { "x", null };
        }

        // A typed reason with no public constructor (TraceFinding) is made by its simplest factory.
        if (type.GetConstructors().OrderBy(c => c.GetParameters().Length).FirstOrDefault() is not { } constructor)
        {
            var factory = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == type).OrderBy(m => m.GetParameters().Length).First();
            return factory.Invoke(null, [.. factory.GetParameters().Select(p => Sample(p.ParameterType))]);
        }

        return constructor.Invoke([.. constructor.GetParameters().Select(p => Sample(p.ParameterType))]);
    }

    [GeneratedRegex(@"new\s+Diagnostic\s*\(|\bCodes\s*\.\s*\w+\s*\.\s*At\s*\(|(Descriptor|[a-z]\w*Code)\s*\.\s*At\s*\(")]
    private static partial Regex Creation();
}
