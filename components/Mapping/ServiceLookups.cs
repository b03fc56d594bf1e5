using MeshStack.Core.Plan;
using Pulumi;
using Pulumi.Utilities;
using K8s = Pulumi.Kubernetes;

namespace MeshStack.Components.Mapping;

/// <summary>
/// Deploy-time values (a gateway address, a ClusterIP) from the Service that holds them. Never a <c>Get</c> of an object
/// this program creates: a Read step runs in preview too and the provider answers 404 for an object not created yet
/// (pulumi-kubernetes <c>provider/pkg/provider/provider.go</c>, Read), and an unknown id becomes "" in pulumi-dotnet
/// 3.112.1, which then registers a new, empty Service instead of reading (<c>sdk/Pulumi/Deployment/
/// Deployment_ReadOrRegisterResource.cs</c>, pulumi/pulumi#23757).
/// </summary>
internal static class ServiceLookups
{
    /// <summary>
    /// The value, read from the Service's own outputs. A Service a Helm chart renders is one of the chart's registered
    /// objects (Chart v4 <c>resources</c>, named <c>&lt;chart&gt;:&lt;namespace&gt;/&lt;name&gt;</c>,
    /// <c>provider/pkg/provider/yaml/v2/yaml.go</c>); its status is awaited by the provider before it is known. A Service
    /// an operator creates (legacy: the IstioOperator, awaited with <c>pulumi.com/waitFor</c>) is read only once the
    /// objects that make it exist, inside an apply on their ids: in a first preview the ids are unknown, so nothing is
    /// read and the value is unknown.
    /// </summary>
    public static Output<string> Read(ServiceLookup lookup, ClusterPlan plan, ClusterContext context, Resource? parent)
    {
        var where = $"Service {lookup.Namespace}/{lookup.Name} of cluster {lookup.Cluster}";
        var registered = context.Registered;
        var release = plan.Releases.FirstOrDefault(r => r.Name == lookup.Name && r.Namespace == lookup.Namespace);
        if (release is not null && registered.TryGetValue(release.Key, out var resource) && resource is K8s.Helm.V4.Chart chart)
        {
            var childName = $"{context.NameOf(release)}:{lookup.Namespace}/{lookup.Name}";
            // A chart with an unknown value renders nothing in a preview (pulumi-kubernetes provider/pkg/provider/helm/v4/
            // chart.go, "Preview is incomplete"): the value is then unknown too, never an error.
            var service = chart.Resources.Apply(objects => objects.OfType<K8s.Core.V1.Service>().FirstOrDefault(s => s.GetResourceName() == childName));
            return service.Apply(s => s is null
                ? Missing($"{where}: chart {context.NameOf(release)} registered no Service {childName}")
                : Field(lookup, Output.Create(s), where));
        }

        var stage = plan.Items.Where(i => i.Stage <= lookup.After).Select(i => i.Stage).DefaultIfEmpty(lookup.After).Max();
        var after = plan.Items.Where(i => i.Stage == stage).Select(i => registered[i.Key]).ToList();
        return Output.All(after.Select(Created)).Apply(_ => Field(lookup, Output.Create(K8s.Core.V1.Service.Get(
            $"{context.Prefix}/lookup/{lookup.Namespace}/{lookup.Name}", $"{lookup.Namespace}/{lookup.Name}", new CustomResourceOptions
            {
                Parent = parent,
                Provider = context.Provider,
                DependsOn = after,
            })), where));
    }

    private static Output<string> Field(ServiceLookup lookup, Output<K8s.Core.V1.Service> service, string where) => lookup.Field switch
    {
        ServiceField.ClusterIp => service.Apply(s => s.Spec).Apply(s => s?.ClusterIP is { Length: > 0 } ip
            ? Output.Create(ip)
            : Missing($"{where} has no clusterIP")),
        _ => service.Apply(s => s.Status).Apply(s => s?.LoadBalancer?.Ingress is [var first, ..] && (first.Ip ?? first.Hostname) is { Length: > 0 } address
            ? Output.Create(address)
            : Missing($"{where} has no LoadBalancer ingress; set the cluster's gateway.address, or give the cluster a load-balancer controller")),
    };

    // In a preview nothing is created: the provider leaves a new object's status out and a dry-run create assigns no
    // clusterIP (provider.go, Create with preview). The value is unknown then, as Pulumi shows it, never an error.
    private static Output<string> Missing(string message) =>
        Deployment.Instance.IsDryRun ? OutputUtilities.CreateUnknown("") : throw new InvalidOperationException(message);

    // Known once the resource exists: a custom resource's id, a chart's list of objects.
    private static Output<string> Created(Resource resource) => resource switch
    {
        CustomResource custom => custom.Id,
        K8s.Helm.V4.Chart chart => chart.Resources.Apply(_ => ""),
        _ => Output.Create(""),
    };
}
