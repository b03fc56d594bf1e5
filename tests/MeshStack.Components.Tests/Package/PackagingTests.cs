using System.Diagnostics;

namespace MeshStack.Components.Tests.Package;

/// <summary>Packs core and components, then builds and runs tests/ConsumerSample against only those packages.</summary>
public class PackagingTests
{
    [Fact]
    [Trait("Category", "Packaging")]
    public void The_packed_packages_build_a_consumer_that_creates_a_MeshFederation_under_mocks()
    {
        var work = Directory.CreateTempSubdirectory("meshstack-pack-");
        try
        {
            var feed = Path.Combine(work.FullName, "feed");
            var version = "0.1.0-consumer." + DateTimeOffset.UtcNow.ToUnixTimeSeconds();

            // Pack from a copy of the sources: packing in the repository would share obj/ and bin/ with the
            // builds and test runs going on beside this test.
            var source = Path.Combine(work.FullName, "src");
            foreach (var item in new[] { "core", "components", "Directory.Build.props", "Directory.Packages.props", ".editorconfig" })
            {
                Copy(Path.Combine(Repo.Root, item), Path.Combine(source, item));
            }

            foreach (var project in new[] { "core/MeshStack.Core.csproj", "components/MeshStack.Components.csproj" })
            {
                Run(source, "pack", Path.Combine(source, project), "-c", "Release", "-o", feed, $"-p:Version={version}");
            }

            Assert.Contains(Directory.GetFiles(feed), f => f.EndsWith($"MeshStack.Components.{version}.snupkg", StringComparison.Ordinal));
            var sample = Path.Combine(work.FullName, "sample");
            Directory.CreateDirectory(sample);
            foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "tests", "ConsumerSample")).Where(f => !f.Contains("/bin/", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(sample, Path.GetFileName(file)));
            }

            // The packed folder is added to the machine's own sources; packages restore into the temp folder.
            File.WriteAllText(Path.Combine(sample, "nuget.config"),
                $"<configuration><packageSources><add key=\"packed\" value=\"{feed}\" /></packageSources></configuration>");
            var output = Run(sample, "run", "--project", "ConsumerSample.csproj", $"-p:MeshStackVersion={version}",
                $"-p:RestorePackagesPath={Path.Combine(work.FullName, "packages")}", "--", "--mocks");
            Assert.Contains("federations=1 clusters=2", output, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // Copies a file, or a folder without its build output.
    private static void Copy(string from, string to)
    {
        if (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj")
            {
                continue;
            }

            Copy(file, Path.Combine(to, relative));
        }
    }

    private static string Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
