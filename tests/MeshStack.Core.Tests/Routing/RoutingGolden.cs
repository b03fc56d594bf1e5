
namespace MeshStack.Core.Tests.Routing;

/// <summary>Compares text with a committed golden file under Golden/routing; rewrites it only when MESHSTACK_UPDATE_GOLDEN=1.</summary>
internal static class RoutingGolden
{
    public static void Match(string fileName, string actual) => GoldenFile.Verify($"routing/{fileName}", actual);
}
