using MeshStack.Core.Diagnostics;
using static MeshStack.Core.Tests.Istio.IstioTestData;

namespace MeshStack.Core.Tests.Istio;

public class IstioConfigTests
{
    private static readonly string Legacy = Fixture("Pulumi.legacy.yaml");
    private static readonly string MultiPrimary = Fixture("Pulumi.multi-primary.yaml");

    [Theory]
    [InlineData("1.8.0", "Istio 1.8 ships a different file")]
    [InlineData("1.8.6", "drops values.global.controlPlaneSecurityEnabled")]
    [InlineData("1.6.0", "no verified copy of that release's file")]
    [InlineData("1.7.9", "carried for 1.6.1-1.6.14 and 1.7.0-1.7.8")]
    public void Legacy_release_without_a_carried_overlay_is_an_error(string version, string message)
    {
        var result = CompilationHelper.Compile(Legacy.Replace("version: 1.7.8", $"version: {version}", StringComparison.Ordinal));
        var d = Assert.Single(result.Errors);
        Assert.Equal(("MSH062", Severity.Error, "meshstack:istio.version"), (d.Code, d.Severity, d.Path));
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        Assert.NotNull(d.Position);
    }

    [Fact]
    public void Legacy_release_outside_1_6_to_1_8_is_reported_once_as_the_profile_range()
    {
        var result = CompilationHelper.Compile(Legacy.Replace("version: 1.7.8", "version: 1.9.0", StringComparison.Ordinal));
        Assert.Equal(["MSH060"], result.Errors.Select(e => e.Code));
    }

    [Theory]
    [InlineData("    releaseDir: ./istio-1.7.8\n", "")]
    [InlineData("    releaseDir: ./istio-1.7.8\n", "    releaseDir: \"\"\n")]
    public void Legacy_without_a_release_folder_is_an_error_that_says_how_to_get_one(string line, string replacement)
    {
        var result = CompilationHelper.Compile(Legacy.Replace(line, replacement, StringComparison.Ordinal));
        var d = Assert.Single(result.Errors);
        Assert.Equal(("MSH063", Severity.Error, "meshstack:istio.releaseDir"), (d.Code, d.Severity, d.Path));
        Assert.Contains("ISTIO_VERSION=1.7.8", d.Message, StringComparison.Ordinal);
        Assert.Contains("releaseDir: ./istio-1.7.8", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_primary_warns_that_it_does_not_read_a_release_folder()
    {
        var result = CompilationHelper.Compile(MultiPrimary.Replace("    version: 1.30.3\n", "    version: 1.30.3\n    releaseDir: ./istio-1.30.3\n", StringComparison.Ordinal));
        Assert.True(result.Succeeded);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("MSH064", Severity.Warning, "meshstack:istio.releaseDir"), (d.Code, d.Severity, d.Path));
    }

    [Fact]
    public void Legacy_node_port_warns_that_it_must_be_the_assigned_one()
    {
        var result = CompilationHelper.Compile(Legacy.Replace("        address: 172.18.255.2\n", "        address: 172.18.255.2\n        nodePort: 31443\n", StringComparison.Ordinal));
        Assert.True(result.Succeeded);
        var d = Assert.Single(result.Diagnostics, x => x.Code != "MSH067");
        Assert.Equal(("MSH065", Severity.Warning, "meshstack:clusters[1].gateway.nodePort"), (d.Code, d.Severity, d.Path));
        Assert.Contains("jsonpath='{.spec.ports[?(@.port==15443)].nodePort}'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_istiod_restart_after_renewal_names_the_command_for_every_cluster()
    {
        var d = Assert.Single(CompilationHelper.Compile(Legacy).Diagnostics);

        Assert.Equal(("MSH067", Severity.Warning, "meshstack:intermediateCa"), (d.Code, d.Severity, d.Path));
        Assert.Contains("kubectl --context kind-cluster1 -n istio-system rollout restart deployment/istiod", d.Message, StringComparison.Ordinal);
        Assert.Contains("kubectl --context kind-cluster2 -n istio-system rollout restart deployment/istiod", d.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CompilationHelper.Compile(MultiPrimary).Diagnostics, x => x.Code == "MSH067");
    }

    [Fact]
    public void The_fixtures_compile_without_diagnostics()
    {
        // The legacy profile always reminds that istiod 1.7 must be restarted after an intermediate renewal (MSH067).
        Assert.Equal(["MSH067"], CompilationHelper.Compile(Legacy).Diagnostics.Select(d => d.Code));
        Assert.Empty(CompilationHelper.Compile(MultiPrimary).Diagnostics);
    }

    [Fact]
    public void The_legacy_default_version_is_carried()
    {
        var result = CompilationHelper.Compile(Legacy.Replace("    version: 1.7.8\n", "", StringComparison.Ordinal));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("1.7.8", result.Spec!.IstioVersion.ToString());
    }
}
