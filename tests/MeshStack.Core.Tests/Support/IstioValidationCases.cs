using System.Collections.Immutable;
using MeshStack.Core.Plan;
using YamlDotNet.RepresentationModel;

namespace MeshStack.Core.Tests.Support;

/// <summary>One upstream istiod validation test case from the shared reference cases.yaml.</summary>
public sealed record IstioValidationCase(
    int Index, string Kind, string Name, bool Valid, bool Warning, bool WarningChecked, string? ErrorContains, string? WarningContains,
    string Func, string? Fragment, string? Note, MapValue? Metadata, MapValue Spec, string Source)
{
    /// <summary>A short label for test output.</summary>
    public override string ToString() => $"#{Index} {Kind}/{Func}: {Name} ({Source})";
}

/// <summary>Loads istio/validation-1.30.3/cases.yaml (274 YAML documents) once.</summary>
public static class IstioValidationCases
{
    /// <summary>The file, under the shared reference folder.</summary>
    public static string FilePath => Repo.ReferenceFile("istio", "validation-1.30.3", "cases.yaml");

    /// <summary>All cases in file order.</summary>
    public static ImmutableArray<IstioValidationCase> All { get; } = Load();

    private static ImmutableArray<IstioValidationCase> Load()
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(FilePath)))
        {
            stream.Load(reader);
        }

        return stream.Documents
            .Select((document, index) => Case(index, (YamlMappingNode)document.RootNode))
            .ToImmutableArray();
    }

    private static IstioValidationCase Case(int index, YamlMappingNode node)
    {
        var map = (MapValue)YamlValues.From(node)!;
        string? Text(string key) => map[key] is Scalar { Content: var c } ? Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) : null;
        bool Flag(string key) => map[key] is Scalar { Content: true };
        return new IstioValidationCase(
            index, Text("kind")!, Text("name")!, Flag("valid"), Flag("warning"), Flag("warning_checked"), Text("error_contains"),
            Text("warning_contains"), Text("func")!, Text("fragment"), Text("note"), map["metadata"] as MapValue,
            map["spec"] as MapValue ?? MapValue.Empty, Text("source")!);
    }
}
