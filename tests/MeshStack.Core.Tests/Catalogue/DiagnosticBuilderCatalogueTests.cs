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

    /// <summary>
    /// A builder method owns its message: callers pass facts (names, values, ports, typed reasons such as
    /// <see cref="TraceFinding"/> or an enum), never a finished sentence. A text parameter named like prose fails here;
    /// the few that quote someone else's words are listed with the reason.
    /// </summary>
    [Fact]
    public void No_builder_method_takes_a_finished_message()
    {
        var quoted = new Dictionary<string, string>
        {
            // istiod's own validation message, ported with its upstream wording (core/Validation/Istio).
            ["RejectedByIstiod.finding"] = "istiod",
            ["IstiodWarning.finding"] = "istiod",
            // The address table's own conflict-marker line, or System.Text.Json's first sentence about it.
            ["UnreadableAddressTable.detail"] = "the damaged file or its JSON parser",
        };
        var offenders = BuilderMethods
            .SelectMany(m => m.GetParameters().Select(p => (Method: m.Name, Parameter: p)))
            .Where(x => x.Parameter.ParameterType == typeof(string) && ProseName().IsMatch(x.Parameter.Name!))
            .Select(x => $"{x.Method}.{x.Parameter.Name}")
            .Where(name => !quoted.ContainsKey(name))
            .Distinct()
            .ToList();
        Assert.True(offenders.Count == 0, "builder parameters that carry a finished message (pass the facts, or a typed reason, and word it in the builder):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_tracer_passes_findings_not_text()
    {
        // A TraceFinding is made only by its factories (core/Diagnostics/TraceFinding.cs), a TraceFailure only from one
        // (no public constructor), and each tracer code's builder method takes one: the compiler refuses a string.
        Assert.DoesNotContain(typeof(TraceFinding).GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance), c => !c.IsPrivate);
        Assert.Empty(typeof(MeshStack.Core.Tracing.TraceFailure).GetConstructors());
        Assert.All(typeof(DiagnosticBuilder).GetMethods(BindingFlags.NonPublic | BindingFlags.Static).Where(m => m.Name.StartsWith("Trace", StringComparison.Ordinal) && m.GetParameters().Length == 5),
            m => Assert.Equal(typeof(TraceFinding), m.GetParameters()[3].ParameterType));
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

        if (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal))
        {
            return Activator.CreateInstance(type, [.. type.GetGenericArguments().Select(Sample)]);
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

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) && type.GetGenericArguments()[0] != typeof(string))
        {
            var item = type.GetGenericArguments()[0];
            var array = Array.CreateInstance(item, 1);
            array.SetValue(Sample(item), 0);
            return array;
        }

        // An abstract value (DeployValue) is its first concrete kind by name.
        if (type.IsAbstract && !type.IsInterface)
        {
            return Sample(type.Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsPublic && type.IsAssignableFrom(t)).OrderBy(t => t.Name, StringComparer.Ordinal).First());
        }

        // A typed reason with no public constructor (TraceFinding) is made by its simplest factory.
        if (type.GetConstructors().OrderBy(c => c.GetParameters().Length).FirstOrDefault() is not { } constructor)
        {
            var factory = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == type).OrderBy(m => m.GetParameters().Length).First();
            return factory.Invoke(null, [.. factory.GetParameters().Select(p => Sample(p.ParameterType))]);
        }

        return constructor.Invoke([.. constructor.GetParameters().Select(p => Sample(p.ParameterType))]);
    }

    // Parameter names of prose: a message, its reason, a hint, a problem's wording.
    [GeneratedRegex(@"^(message|why|reason|finding|problem|hint|detail|explanation|because)$", RegexOptions.IgnoreCase)]
    private static partial Regex ProseName();

    [GeneratedRegex(@"new\s+Diagnostic\s*\(|\bCodes\s*\.\s*\w+\s*\.\s*At\s*\(|(Descriptor|[a-z]\w*Code)\s*\.\s*At\s*\(")]
    private static partial Regex Creation();
}
