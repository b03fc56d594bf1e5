
namespace MeshStack.Core.Tests.Robustness;

/// <summary>
/// One file of the bad-input catalogue (Fixtures/bad/*.yaml). Each file starts with a comment saying what is wrong,
/// then <c># expect-code: MSHnnn</c> and <c># expect-path: PATH</c> (empty for the document itself), and optionally
/// <c># expect-lock-file: FILE</c>: a damaged lock file (beside it in the folder) read with the valid stack.
/// </summary>
public sealed record BadInput(string Name, string Text, string Code, string Path)
{
    /// <summary>The lock file that goes with the stack, when the lock file is what is broken.</summary>
    public string? LockText { get; init; }

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
        var lockFile = text.Split('\n').Where(l => l.StartsWith("# expect-lock-file:", StringComparison.Ordinal)).Select(l => l["# expect-lock-file:".Length..].Trim()).SingleOrDefault();
        return new BadInput(System.IO.Path.GetFileNameWithoutExtension(file), text, Header("expect-code"), Header("expect-path"))
        {
            LockText = lockFile is null ? null : File.ReadAllText(System.IO.Path.Combine(Folder, lockFile)),
        };
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

    /// <summary>Compiles the stack against its lock file as the CLI does: a damaged lock file stops before planning.</summary>
    public CompileResult Compile(CompileOptions options)
    {
        if (LockText is null)
        {
            return CompilationHelper.Compile(Text, options: options);
        }

        var read = Core.Addressing.AddressTableReader.Read(LockText);
        return read.Table is null ? new CompileResult(null, null, read.Diagnostics) : CompilationHelper.Compile(Text, read.Table, options);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
