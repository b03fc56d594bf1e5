using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Config;

/// <summary>
/// The <c>meshstack:*</c> keys of one stack, keyed by the name after the namespace (<c>clusters</c>, <c>meshId</c>…).
/// </summary>
public sealed record ConfigDocument(ImmutableArray<ConfigEntry> Keys)
{
    /// <summary>The Pulumi project name, which is also the config namespace.</summary>
    public const string Namespace = "meshstack";

    /// <summary>Where the <c>config:</c> mapping starts in its file, when known.</summary>
    public SourcePosition? Position { get; init; }

    /// <summary>The value of a key, or null.</summary>
    public ConfigNode? this[string key] => Keys.FirstOrDefault(e => e.Key == key)?.Value;

    /// <summary>The config path of a top-level key, as users write it.</summary>
    public static string PathOf(string key) => $"{Namespace}:{key}";

    /// <summary>
    /// Builds a document from a stack file's <c>config:</c> mapping. Keys of other namespaces
    /// (<c>kubernetes:context</c>) are left alone; keys without a namespace belong to the project.
    /// </summary>
    public static ConfigDocument FromStackConfig(ConfigMap config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var keys = ImmutableArray.CreateBuilder<ConfigEntry>();
        foreach (var entry in config.Entries)
        {
            var colon = entry.Key.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                keys.Add(entry);
            }
            else if (entry.Key.AsSpan(0, colon).SequenceEqual(Namespace))
            {
                keys.Add(entry with { Key = entry.Key[(colon + 1)..] });
            }
        }

        return new ConfigDocument(keys.ToImmutable()) { Position = config.Position };
    }
}
