using System.Collections.Frozen;
using Pulumi;
using K8s = Pulumi.Kubernetes;

namespace MeshStack.Components.Mapping;

/// <summary>The typed resource classes of the Kubernetes SDK, by type token (<c>kubernetes:core/v1:Service</c>).</summary>
internal static class KubernetesTypes
{
    private static readonly FrozenDictionary<string, Type> ByToken = typeof(K8s.Provider).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && typeof(Resource).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributesData()
            .Where(a => a.AttributeType.Name == "KubernetesResourceTypeAttribute" && a.ConstructorArguments.Count == 1)
            .Select(a => KeyValuePair.Create((string)a.ConstructorArguments[0].Value!, t)))
        .GroupBy(p => p.Key, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    /// <summary>The token of an object: the core group is spelled <c>core</c> in tokens; patches end in <c>Patch</c>.</summary>
    public static string Token(string apiVersion, string kind, bool patch) =>
        $"kubernetes:{(apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion : "core/" + apiVersion)}:{kind}{(patch ? "Patch" : "")}";

    /// <summary>The typed class and its args type for a token, or null (custom resources such as Istio's).</summary>
    public static (Type Resource, Type Args)? Find(string token)
    {
        if (!ByToken.TryGetValue(token, out var type))
        {
            return null;
        }

        var constructor = type.GetConstructors().Single(c => c.GetParameters() is [{ ParameterType.Name: "String" }, { ParameterType: var a }, _] && typeof(ResourceArgs).IsAssignableFrom(a));
        return (type, constructor.GetParameters()[1].ParameterType);
    }
}
