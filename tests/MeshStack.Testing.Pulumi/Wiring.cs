using System.Collections.Concurrent;
using Pulumi;

namespace MeshStack.Testing.Doubles;

/// <summary>Records each resource's options as registered (parent, provider, dependsOn) through a transformation on the top component.</summary>
public sealed class Wiring
{
    public ConcurrentDictionary<string, ResourceTransformationArgs> ByName { get; } = new();

    public ResourceTransformation Transformation => args =>
    {
        ByName[(args.Resource is ProviderResource ? "provider:" : "") + args.Resource.GetResourceName()] = args;
        return null;
    };
}
