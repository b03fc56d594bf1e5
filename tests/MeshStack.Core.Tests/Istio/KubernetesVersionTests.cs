using MeshStack.Core.Model;

namespace MeshStack.Core.Tests.Istio;

public class KubernetesVersionTests
{
    [Theory]
    [InlineData("1.21", "1.21")]
    [InlineData("v1.22.4", "1.22")]
    [InlineData("1.30.0", "1.30")]
    [InlineData("latest", null)]
    [InlineData("1", null)]
    [InlineData("1.x", null)]
    [InlineData("1.21.3.4", null)]
    [InlineData("", null)]
    public void Parses_major_minor_as_kubectl_prints_it(string text, string? expected) =>
        Assert.Equal(expected, KubernetesVersion.TryParse(text)?.ToString());

    [Theory]
    [InlineData("1.21", "legacy-gateways", null)]
    [InlineData("1.22", "legacy-gateways", "MSH066")]
    [InlineData("1.30", "multi-primary", null)]
    public void Only_the_legacy_charts_are_refused_on_Kubernetes_1_22_or_later(string version, string profile, string? code)
    {
        var stack = StackBuilder.Mesh().With("profile", profile);
        if (profile == "legacy-gateways")
        {
            stack = stack.With("istio", "{ version: 1.7.8, releaseDir: ./istio-1.7.8 }");
        }

        var text = stack.Cluster("cluster1", "192.0.2.1", $"kubernetesVersion: \"{version}\"").Cluster("cluster2", "192.0.2.2")
            .Service("httpbin", "bar", "[cluster2]").Build();

        var errors = CompilationHelper.Compile(text).Errors.Select(d => (d.Code, d.Path)).ToList();

        Assert.Equal(code is null ? [] : [(code, "meshstack:clusters[0].kubernetesVersion")], errors);
    }
}
