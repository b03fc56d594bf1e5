using System.Collections.Immutable;
using MeshStack.Core.Config;

namespace MeshStack.Core.Tests.Robustness;

/// <summary>Valid seed stacks as config trees, and the tree edits the fuzzer and the determinism tests make.</summary>
public static class ConfigTrees
{
    /// <summary>The fixed time every robustness compile uses.</summary>
    /// <summary>Valid stack files of the repository and its fixtures (relative to the repository root).</summary>
    public static readonly ImmutableArray<string> SeedFiles =
    [
        "Pulumi.dev.yaml",
        "tests/MeshStack.Core.Tests/Fixtures/rich-federation.yaml",
        "tests/MeshStack.Core.Tests/Fixtures/dns-hosts.yaml",
        "tests/MeshStack.Core.Tests/Fixtures/dns-legacy.yaml",
        "tests/MeshStack.Core.Tests/Fixtures/routing/egress-hostname.yaml",
        "tests/MeshStack.Core.Tests/Fixtures/routing/four-clusters.yaml",
        "tests/MeshStack.Core.Tests/Fixtures/routing/nodeport.yaml",
        "tests/MeshStack.Core.Tests/Fixtures/routing/two-homes.yaml",
        "tests/MeshStack.Core.Tests/Fixtures/routing/versions.yaml",
    ];

    /// <summary>The text of a seed file.</summary>
    public static string SeedText(string file) => File.ReadAllText(Path.Combine(Repo.Root, file));

    /// <summary>The <c>config:</c> mapping of a stack text.</summary>
    public static ConfigMap ConfigOf(string text)
    {
        var (root, diagnostics) = YamlConfigLoader.Load(text);
        Assert.Empty(diagnostics);
        return (ConfigMap)((ConfigMap)root!)["config"]!;
    }

    /// <summary>Every node of the tree with the path of edits that reaches it (map keys and list indexes).</summary>
    public static List<ImmutableArray<object>> Paths(ConfigNode node)
    {
        var result = new List<ImmutableArray<object>>();
        Walk(node, [], result);
        return result;
    }

    /// <summary>Replaces (or, when <paramref name="change"/> returns null, removes) the node at <paramref name="path"/>.</summary>
    public static ConfigNode Edit(ConfigNode node, ImmutableArray<object> path, Func<ConfigNode, ConfigNode?> change, int at = 0)
    {
        if (at == path.Length)
        {
            return change(node) ?? node;
        }

        var last = at == path.Length - 1;
        switch (node, path[at])
        {
            case (ConfigMap map, string key):
            {
                var entries = map.Entries.ToBuilder();
                var index = entries.FindIndex(e => e.Key == key);
                var value = last ? change(entries[index].Value) : Edit(entries[index].Value, path, change, at + 1);
                if (value is null)
                {
                    entries.RemoveAt(index);
                }
                else
                {
                    entries[index] = entries[index] with { Value = value };
                }

                return map with { Entries = entries.ToImmutable() };
            }

            case (ConfigList list, int index):
            {
                var items = list.Items.ToBuilder();
                var value = last ? change(items[index]) : Edit(items[index], path, change, at + 1);
                if (value is null)
                {
                    items.RemoveAt(index);
                }
                else
                {
                    items[index] = value;
                }

                return list with { Items = items.ToImmutable() };
            }

            default:
                throw new InvalidOperationException($"no step {path[at]} in {node.Describe()}");
        }
    }

    /// <summary>Shuffles every list of the tree (recursively); mappings keep their order.</summary>
    public static ConfigNode ShuffleLists(ConfigNode node, Random random) => node switch
    {
        ConfigMap map => map with { Entries = map.Entries.Select(e => e with { Value = ShuffleLists(e.Value, random) }).ToImmutableArray() },
        ConfigList list => list with { Items = list.Items.Select(i => ShuffleLists(i, random)).OrderBy(_ => random.Next()).ToImmutableArray() },
        _ => node,
    };

    private static void Walk(ConfigNode node, ImmutableArray<object> path, List<ImmutableArray<object>> result)
    {
        result.Add(path);
        switch (node)
        {
            case ConfigMap map:
                foreach (var e in map.Entries)
                {
                    Walk(e.Value, path.Add(e.Key), result);
                }

                break;
            case ConfigList list:
                for (var i = 0; i < list.Items.Length; i++)
                {
                    Walk(list.Items[i], path.Add(i), result);
                }

                break;
        }
    }

    private static int FindIndex(this ImmutableArray<ConfigEntry>.Builder entries, Predicate<ConfigEntry> match)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (match(entries[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
