using Pulumi;
using Pulumi.Utilities;

namespace MeshStack.Components.Tests.Program;

/// <summary>
/// The <c>deployment</c> output says what was deployed, so it must not run ahead of the update: the engine saves the
/// outputs a failed update had already registered (pulumi/pulumi pkg/resource/deploy/step_executor.go, #15754), and a
/// record written before the cacerts Secrets would start a rotation's clock for trust that never reached a cluster
/// (second CA red team). It resolves only once every cluster's cacerts Secret is written.
/// </summary>
public class DeploymentRecordOrderTests
{
    [Fact]
    public async Task The_deployment_record_waits_for_every_clusters_cacerts_Secret_and_is_unknown_in_preview()
    {
        var world = new ClusterDouble();
        var (preview, up) = await StrictDeployments.PreviewAndUpAsync("Pulumi.dev.yaml", world, config: StackConfig.LiveDev.ToString());

        var federation = up.Resources.OfType<MeshFederation>().Single();
        var dependencies = await OutputUtilities.GetDependenciesAsync(federation.DeploymentRecord);
        var cacerts = up.Resources.OfType<CustomResource>()
            .Where(r => OutputUtilities.GetValueAsync(r.Urn).GetAwaiter().GetResult()!.EndsWith("Secret/istio-system/cacerts", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, cacerts.Count);
        Assert.All(cacerts, secret => Assert.Contains(secret, dependencies));
        Assert.NotNull(await OutputUtilities.GetValueAsync(federation.DeploymentRecord));

        var previewed = preview.Resources.OfType<MeshFederation>().Single();
        Assert.False(await OutputUtilities.GetIsKnownAsync(previewed.DeploymentRecord));
        Assert.False(await OutputUtilities.GetIsKnownAsync(previewed.State));
    }
}
