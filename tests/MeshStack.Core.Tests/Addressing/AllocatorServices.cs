using MeshStack.Core.Model;

namespace MeshStack.Core.Tests.Addressing;

/// <summary>The service the allocator tests allocate for: namespace bar, served in c2, called from c1, one HTTP port.</summary>
internal static class AllocatorServices
{
    public static ServiceSpec Service(string name) => new()
    {
        Name = name,
        Namespace = "bar",
        HomeClusters = ["c2"],
        Ports = [new PortSpec("http", 80, "HTTP")],
        Consumers = ["c1"],
    };
}
