using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using CsCheck;
using MeshStack.Core.Config;
using MeshStack.Core.Render;
using MeshStack.Core.Tests.Support;
using Xunit.Abstractions;

namespace MeshStack.Core.Tests.Robustness;

/// <summary>
/// Random mutations of valid stacks, seeded and reproducible (CsCheck prints the seed of a failing case; pass it as
/// <c>seed:</c> to replay). Whatever the mutation: no exception; a rejection carries an error diagnostic; an acceptance
/// plans objects that the upstream schemas and istiod's rules accept, and that render to YAML and plan JSON.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Tree mutations: delete, duplicate, swap, rename, retype and replace values of the parsed config.</summary>
    public const int TreeIterations = 6_500;

    /// <summary>Text mutations: delete, duplicate, swap, indent and truncate lines; insert YAML punctuation; replace values.</summary>
    public const int TextIterations = 3_500;

    private static readonly string[] Scalars =
    [
        "", "x", "cluster1", "cluster2", "cluster3", "c1", "bar", "foo", "httpbin", "v1", "v2", "http", "tcp", "grpc", "tls", "auto", "egress", "direct",
        "proxy", "hosts", "kube-dns", "coredns-1.4", "coredns-1.6", "legacy-gateways", "multi-primary", "1.7.8", "1.30.3", "1.8.6",
        "240.0.0.5", "240.0.0.0/24", "240.0.0.0/30", "224.0.0.1", "192.0.2.9", "::1", "gw.example.com", "-gw.", "0", "1", "-1", "100", "15443",
        "31443", "65536", "2147483648", "99999999999999999999", "1.5", "1e3", "0x10", "true", "false", "null", "~", "ecdsa-p256", "rsa-4096",
        new string('a', 64), new string('9', 400), "Ünïcödé", "a b", "a\nb", "\t", "'", "\"", "*x", "&y", "{", "[", "#", "---", "\u0000", "\uFFFF",
    ];

    private static readonly string[] Keys =
    [
        "name", "namespace", "clusters", "consumers", "ports", "number", "protocol", "address", "route", "versions", "weights", "gateway",
        "nodePort", "egressGateway", "dns", "network", "context", "kubeconfig", "locality", "globalGateway", "meshstack:clusters",
        "meshstack:services", "meshstack:addressPool", "meshstack:profile", "meshstack:istio", "meshstack:rootCa", "meshstack:meshId", "unknown",
    ];

    private static readonly Lazy<ImmutableArray<(string File, string Text, ConfigMap Config)>> Seeds = new(() => ConfigTrees.SeedFiles
        .Select(f => (File: f, Text: ConfigTrees.SeedText(f)))
        .Select(s => (s.File, s.Text, Config: ConfigTrees.ConfigOf(s.Text)))
        .ToImmutableArray());

    private static readonly ConcurrentDictionary<string, string> CheckedObjects = new(StringComparer.Ordinal);

    [Fact]
    public void Every_seed_is_valid()
    {
        foreach (var seed in Seeds.Value)
        {
            var result = CompilationHelper.Compile(seed.Config, options: CompilationHelper.FixedClock);
            Assert.True(result.Succeeded, $"{seed.File}:\n{string.Join("\n", result.Diagnostics)}");
        }
    }

    [Fact]
    public void Tree_mutations_are_rejected_with_a_diagnostic_or_planned_into_valid_objects()
    {
        var outcomes = new ConcurrentDictionary<bool, int>();
        var watch = Stopwatch.StartNew();
        Gen.Select(Gen.Int[0, Seeds.Value.Length - 1], Gen.Int[1, 4], Gen.Int).Sample((seed, edits, randomSeed) =>
        {
            var random = new Random(randomSeed);
            ConfigNode config = Seeds.Value[seed].Config;
            for (var i = 0; i < edits; i++)
            {
                config = Mutate(config, random);
            }

            var ok = Check(() => CompilationHelper.Compile((ConfigMap)config, options: CompilationHelper.FixedClock));
            outcomes.AddOrUpdate(ok, 1, (_, n) => n + 1);
        }, iter: TreeIterations, seed: "0000tree6500", print: t => $"seed {Seeds.Value[t.Item1].File}, {t.Item2} edit(s), random {t.Item3}");
        Report("tree", TreeIterations, outcomes, watch);
    }

    [Fact]
    public void Text_mutations_are_rejected_with_a_diagnostic_or_planned_into_valid_objects()
    {
        var outcomes = new ConcurrentDictionary<bool, int>();
        var watch = Stopwatch.StartNew();
        Gen.Select(Gen.Int[0, Seeds.Value.Length - 1], Gen.Int[1, 3], Gen.Int).Sample((seed, edits, randomSeed) =>
        {
            var random = new Random(randomSeed);
            var text = Seeds.Value[seed].Text;
            for (var i = 0; i < edits; i++)
            {
                text = MutateText(text, random);
            }

            var ok = Check(() => CompilationHelper.Compile(text, options: CompilationHelper.FixedClock), positioned: true);
            outcomes.AddOrUpdate(ok, 1, (_, n) => n + 1);
        }, iter: TextIterations, seed: "0000text3500", print: t => $"seed {Seeds.Value[t.Item1].File}, {t.Item2} edit(s), random {t.Item3}");
        Report("text", TextIterations, outcomes, watch);
    }

    // True when the mutated config was accepted.
    private static bool Check(Func<CompileResult> compile, bool positioned = false)
    {
        var result = compile();
        if (positioned)
        {
            // Text is read with positions: every diagnostic says where (issue 14).
            Assert.All(result.Diagnostics, d => Assert.True(d.Position is not null, $"no line and column: {d}"));
        }

        if (!result.Succeeded)
        {
            Assert.Contains(result.Diagnostics, d => d.IsError);
            Assert.All(result.Errors, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
            return false;
        }

        var plan = result.Plan!;
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "MSH091");
        Assert.NotEmpty(PlanJsonWriter.ToJson(plan));
        foreach (var item in plan.Clusters.SelectMany(c => c.Objects))
        {
            var json = ManifestJson.From(item.Manifest)!.ToJsonString();
            if (!CheckedObjects.TryAdd(json, item.Key))
            {
                continue;
            }

            Assert.NotEmpty(YamlWriter.ToYaml(item.Manifest));
            if (SchemaValidator.Default.Covers(item.ApiVersion, item.Kind))
            {
                var problems = SchemaValidator.Default.Validate(item.Manifest);
                Assert.True(problems.IsEmpty, $"{item.Cluster} {item.Key}:\n{string.Join("\n", problems)}\n{json}");
            }

            if (Core.Validation.Istio.IstioWebhookRules.Applies(item.Manifest))
            {
                Assert.DoesNotContain(Core.Validation.Istio.IstioWebhookRules.Validate(item.Manifest), f => f.IsError);
            }
        }

        return true;
    }

    private void Report(string kind, int iterations, ConcurrentDictionary<bool, int> outcomes, Stopwatch watch) =>
        output.WriteLine($"{kind}: {iterations} mutations in {watch.Elapsed.TotalSeconds:F1} s: {outcomes.GetValueOrDefault(true)} accepted, " +
            $"{outcomes.GetValueOrDefault(false)} rejected with a diagnostic; {CheckedObjects.Count} distinct objects checked so far");

    private static ConfigNode Mutate(ConfigNode root, Random random)
    {
        var paths = ConfigTrees.Paths(root);
        var path = paths[random.Next(paths.Count)];
        if (path.IsEmpty)
        {
            return root;
        }

        var parent = path[..^1];
        return random.Next(8) switch
        {
            0 => ConfigTrees.Edit(root, path, _ => null),
            1 => ConfigTrees.Edit(root, path, _ => RandomScalar(random)),
            2 => ConfigTrees.Edit(root, path, _ => OtherNode(root, paths, random)),
            3 => ConfigTrees.Edit(root, path, n => random.Next(3) switch
            {
                0 => new ConfigList([n]),
                1 => new ConfigMap([new ConfigEntry(Keys[random.Next(Keys.Length)], n, null)]),
                _ => random.Next(2) == 0 ? new ConfigList([]) : new ConfigMap([]),
            }),
            4 => ConfigTrees.Edit(root, parent, p => p switch
            {
                ConfigList list => list with { Items = list.Items.Insert(random.Next(list.Items.Length + 1), list.Items[(int)path[^1]]) },
                ConfigMap map => Rename(map, (string)path[^1], random),
                _ => p,
            }),
            5 => ConfigTrees.Edit(root, parent, p => p is ConfigList { Items.Length: > 1 } list ? Swap(list, (int)path[^1], random) : p),
            6 => ConfigTrees.Edit(root, path, n => n is ConfigScalar s ? s with { Text = Tweak(s.Text, random) } : RandomScalar(random)),
            _ => ConfigTrees.Edit(root, path, n => n is ConfigScalar s
                ? s with { Style = (ScalarStyle)random.Next(5) }
                : new ConfigSecret()),
        };
    }

    private static ConfigMap Rename(ConfigMap map, string key, Random random)
    {
        var name = Keys[random.Next(Keys.Length)];
        return map.Entries.Any(e => e.Key == name)
            ? map
            : map with { Entries = map.Entries.Select(e => e.Key == key ? e with { Key = name } : e).ToImmutableArray() };
    }

    private static ConfigList Swap(ConfigList list, int index, Random random)
    {
        var other = random.Next(list.Items.Length);
        var items = list.Items.ToBuilder();
        (items[index], items[other]) = (items[other], items[index]);
        return list with { Items = items.ToImmutable() };
    }

    private static ConfigNode OtherNode(ConfigNode root, List<ImmutableArray<object>> paths, Random random)
    {
        ConfigNode node = root;
        foreach (var step in paths[random.Next(paths.Count)])
        {
            node = (node, step) switch
            {
                (ConfigMap m, string k) => m[k]!,
                (ConfigList l, int i) => l.Items[i],
                _ => node,
            };
        }

        return node;
    }

    private static ConfigScalar RandomScalar(Random random)
    {
        var text = random.Next(10) == 0 ? RandomText(random) : Scalars[random.Next(Scalars.Length)];
        var style = text is "" or "null" or "~" ? ScalarStyle.Null : random.Next(3) == 0 ? ScalarStyle.Quoted : ScalarStyle.Plain;
        return new ConfigScalar(text, style);
    }

    private static string Tweak(string text, Random random) => random.Next(4) switch
    {
        0 when text.Length > 0 => text.Remove(random.Next(text.Length), 1),
        1 => text.Insert(random.Next(text.Length + 1), ((char)random.Next(32, 127)).ToString()),
        2 => text + text,
        _ => text.ToUpperInvariant(),
    };

    private static string RandomText(Random random)
    {
        var chars = new char[random.Next(0, 20)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(0, 0x3000);
        }

        return new string(chars);
    }

    private static string MutateText(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var line = random.Next(lines.Count);
        switch (random.Next(8))
        {
            case 0:
                lines.RemoveAt(line);
                break;
            case 1:
                lines.Insert(line, lines[line]);
                break;
            case 2:
                var other = random.Next(lines.Count);
                (lines[line], lines[other]) = (lines[other], lines[line]);
                break;
            case 3:
                lines[line] = random.Next(2) == 0 ? "  " + lines[line] : lines[line].TrimStart();
                break;
            case 4:
                return text[..random.Next(text.Length + 1)];
            case 5:
                var at = random.Next(text.Length + 1);
                var punctuation = new[] { "[", "]", "{", "}", ":", "- ", "&a ", "*a", "!!binary ", "|", ">", "'", "\"", "#", "\t", "\n", ",", "? ", "<<: " };
                return text.Insert(at, punctuation[random.Next(punctuation.Length)]);
            case 6:
                var colon = lines[line].IndexOf(": ", StringComparison.Ordinal);
                if (colon >= 0)
                {
                    lines[line] = lines[line][..(colon + 2)] + Scalars[random.Next(Scalars.Length)].Replace("\n", " ", StringComparison.Ordinal);
                }

                break;
            default:
                lines[line] = Tweak(lines[line], random);
                break;
        }

        return string.Join('\n', lines);
    }
}
