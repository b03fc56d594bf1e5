using MeshStack.Core.Tests.Support;

namespace MeshStack.Core.Tests.Robustness;

/// <summary>
/// One file of the bad-input catalogue (Fixtures/bad/*.yaml). Each file starts with a comment saying what is wrong,
/// then <c># expect-code: MSHnnn</c> and <c># expect-path: PATH</c> (empty for the document itself).
/// </summary>
public sealed record BadInput(string Name, string Text, string Code, string Path)
{
    /// <summary>The catalogue folder in the source tree.</summary>
    public static string Folder => System.IO.Path.Combine(Repo.TestProjectDir(), "Fixtures", "bad");

    /// <summary>Every file of the catalogue, by name.</summary>
    public static IReadOnlyList<BadInput> All { get; } = Directory.GetFiles(Folder, "*.yaml")
        .Order(StringComparer.Ordinal)
        .Select(Read)
        .ToList();

    /// <summary>Reads one catalogue file and its expectation header.</summary>
    public static BadInput Read(string file)
    {
        var text = File.ReadAllText(file);
        string Header(string key) => text.Split('\n')
            .Where(l => l.StartsWith($"# {key}:", StringComparison.Ordinal))
            .Select(l => l[(key.Length + 3)..].Trim())
            .SingleOrDefault() ?? throw new InvalidOperationException($"{file}: no '# {key}:' header");
        return new BadInput(System.IO.Path.GetFileNameWithoutExtension(file), text, Header("expect-code"), Header("expect-path"));
    }

    /// <summary>The catalogue as xunit rows (the name only; the file is read by name).</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var input in All)
        {
            data.Add(input.Name);
        }

        return data;
    }

    /// <summary>A catalogue entry by name.</summary>
    public static BadInput Named(string name) => All.Single(b => b.Name == name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
