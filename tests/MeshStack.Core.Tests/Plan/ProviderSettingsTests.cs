using MeshStack.Core.Istio;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Plan;

// What each cluster's Kubernetes provider gets (issue 12: the real provider's CheckConfig, AlreadyExists since 4.29,
// Secret replacements, server-side-apply conflicts with istiod).
public class ProviderSettingsTests
{
    private static MeshSpec Dev() => CompilationHelper.Compile(File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.dev.yaml"))).Spec!;

    [Fact]
    public void Render_mode_gives_the_provider_a_folder_per_cluster_and_no_connection()
    {
        var spec = Dev();
        var settings = ProviderSettings.For(spec, spec.Clusters[0]);
        Assert.Equal($"{spec.RenderYamlTo}/{spec.Clusters[0].Name}", settings.RenderDirectory);
        Assert.Null(settings.Context);
        Assert.Null(settings.Kubeconfig);
    }

    [Fact]
    public void A_deployed_cluster_connects_updates_secrets_and_config_maps_in_place_and_forces_conflicts_but_adopts_nothing()
    {
        var spec = Dev() with { RenderYamlTo = null };
        var settings = ProviderSettings.For(spec, spec.Clusters[0]);
        Assert.Equal("kind-cluster1", settings.Context);
        Assert.Null(settings.RenderDirectory);
        Assert.True(settings.ServerSideApply && settings.MutableSecrets && settings.MutableConfigMaps && settings.ForceConflicts && settings.RetainsOnDelete);
        Assert.False(settings.AdoptExistingObjects);
        Assert.True(ProviderSettings.For(spec, spec.Clusters[0] with { Adopt = true }).AdoptExistingObjects);
    }

    [Fact]
    public void The_cluster_identifier_survives_a_kubeconfig_edit_and_changes_only_with_the_target()
    {
        var spec = Dev() with { RenderYamlTo = null };
        var cluster = spec.Clusters[0];
        var identifier = ProviderSettings.For(spec, cluster).ClusterIdentifier;
        var edited = cluster with { Connection = new ClusterConnection { Kubeconfig = new SecretText("apiVersion: v1\nclusters: []\n", true) } };
        Assert.Equal(identifier, ProviderSettings.For(spec, edited).ClusterIdentifier);
        var rendered = ProviderSettings.For(spec with { RenderYamlTo = "./out" }, cluster);
        var elsewhere = ProviderSettings.For(spec with { RenderYamlTo = "./other" }, cluster);
        Assert.NotEqual(identifier, rendered.ClusterIdentifier);
        Assert.NotEqual(rendered.ClusterIdentifier, elsewhere.ClusterIdentifier);
        Assert.False(rendered.RetainsOnDelete);
    }

    [Fact]
    public void Only_the_intermediate_key_is_kept_out_of_rendered_files()
    {
        Assert.False(ProviderSettings.MayRender(new CaFileOf("cluster1", CaFile.CaKey)));
        Assert.True(ProviderSettings.MayRender(new CaFileOf("cluster1", CaFile.CaCert)));
        Assert.True(ProviderSettings.MayRender(new GatewayAddressOf("cluster1")));
    }

    [Theory]
    [InlineData("auto", null)]
    [InlineData("172.18.255.1", "true")]
    [InlineData("gw.example.com", "true")]
    public void The_east_west_Service_is_awaited_only_when_its_address_is_auto(string address, string? skipAwait)
    {
        GatewayAddress given = address switch
        {
            "auto" => new GatewayAddress.Auto(),
            _ when char.IsDigit(address[0]) => new GatewayAddress.Ip(address),
            _ => new GatewayAddress.Hostname(address),
        };
        var cluster = Dev().Clusters[0] with { Gateway = new GatewaySpec { Address = given } };
        var service = (MapValue)MultiPrimaryInstall.EastWestValues(cluster)["service"]!;
        Assert.Equal("LoadBalancer", ((Scalar)service["type"]!).Content);
        var annotation = (service["annotations"] as MapValue)?[MultiPrimaryInstall.SkipAwaitAnnotation] as Scalar;
        Assert.Equal(skipAwait, annotation?.Content as string);
    }
}
