using MeshStack.Core.Plan;
using Pulumi;
using K8s = Pulumi.Kubernetes;

namespace MeshStack.Components.Mapping;

/// <summary>Reads deploy-time values (a gateway address, a ClusterIP) from the Service that holds them.</summary>
internal static class ServiceLookups
{
    /// <summary>
    /// Reads the Service holding a value after the stage that creates it. The id stays unknown while those resources
    /// are being created, so a first preview shows the value as unknown instead of failing to read a missing Service.
    /// </summary>
    public static Output<string> Read(ServiceLookup lookup, ClusterPlan plan, ClusterContext context, Resource? parent)
    {
        var stage = plan.Items.Where(i => i.Stage <= lookup.After).Select(i => i.Stage).DefaultIfEmpty(lookup.After).Max();
        var registered = context.Registered;
        var after = plan.Items.Where(i => i.Stage == stage).Select(i => registered[i.Key]).ToList();
        var id = Output.All(after.Select(Created)).Apply(_ => $"{lookup.Namespace}/{lookup.Name}");
        var service = K8s.Core.V1.Service.Get($"{lookup.Cluster}/lookup/{lookup.Namespace}/{lookup.Name}", id, new CustomResourceOptions
        {
            Parent = parent,
            Provider = context.Provider,
            DependsOn = after,
        });
        var where = $"Service {lookup.Namespace}/{lookup.Name} of cluster {lookup.Cluster}";
        return lookup.Field switch
        {
            ServiceField.ClusterIp => service.Spec.Apply(s => s?.ClusterIP is { Length: > 0 } ip ? ip : throw new InvalidOperationException($"{where} has no clusterIP")),
            _ => service.Status.Apply(s => s?.LoadBalancer?.Ingress is [var first, ..] && (first.Ip ?? first.Hostname) is { Length: > 0 } address
                ? address
                : throw new InvalidOperationException($"{where} has no LoadBalancer ingress yet; set the cluster's gateway.address or wait for the load balancer")),
        };
    }

    // Known once the resource exists: a custom resource's id, a chart's list of objects.
    private static Output<string> Created(Resource resource) => resource switch
    {
        CustomResource custom => custom.Id,
        K8s.Helm.V4.Chart chart => chart.Resources.Apply(_ => ""),
        _ => Output.Create(""),
    };
}
