using System.Collections.Immutable;
using System.Text;
using MeshStack.Components.Mapping;
using MeshStack.Core.Discovery;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using Pulumi;
using Pulumi.Utilities;
using K8s = Pulumi.Kubernetes;

namespace MeshStack.Components;

/// <summary>
/// One cluster's endpoint discovery items from the plan: the reader token Secret, the peers' remote secrets, the
/// <c>*.local</c> cross-network gateway. It offers the other clusters this cluster's reader token and API server CA,
/// taken from the created token Secret's own <c>data</c> output (the provider waits until Kubernetes has filled it),
/// as a Pulumi secret; never through a lookup.
/// </summary>
internal sealed class EndpointDiscovery : ComponentResource
{
    /// <summary>How many plan items it registered.</summary>
    [Output("itemCount")]
    public Output<int> ItemCount { get; private set; }

    /// <summary>Registers the items on the cluster's provider.</summary>
    public EndpointDiscovery(string name, ClusterItemsArgs args, ComponentResourceOptions? options = null)
        : base("meshstack:index:EndpointDiscovery", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var items = args.Items;
        if (context.RenderOnly)
        {
            // Render mode has no cluster, so no token: a remote secret without one would only make istiod fail.
            var skipped = items.OfType<PlannedObject>().Select(RemoteSecrets.SourceOf).OfType<string>().ToList();
            if (skipped.Count > 0)
            {
                Log.Info(RemoteSecrets.SkipNotice(context.Cluster, skipped, "render-only mode"), this);
                foreach (var o in items.OfType<PlannedObject>().Where(o => RemoteSecrets.SourceOf(o) is not null))
                {
                    // Later stages wait for the plan's keys: a skipped item stands for this component there.
                    context.Register(o.Key, this);
                }

                items = [.. items.Where(i => i is not PlannedObject o || RemoteSecrets.SourceOf(o) is null)];
            }
        }

        PlanItemRegistrar.RegisterAll(items, context, this);
        var token = new ReaderTokenOf(context.Cluster);
        var ca = new ApiServerCaOf(context.Cluster);
        var tokenKey = items.OfType<PlannedObject>().FirstOrDefault(o => o.Kind == "Secret" && o.Name == RemoteSecrets.ReaderTokenSecret)?.Key;
        if (context.RenderOnly || tokenKey is null || context.Registered[tokenKey] is not K8s.Core.V1.Secret secret)
        {
            context.Resolver.Provide(token, Output.CreateSecret(YamlWriter.Placeholder(token)));
            context.Resolver.Provide(ca, Output.Create(YamlWriter.Placeholder(ca)));
        }
        else
        {
            var where = $"{context.Cluster}: {tokenKey}";
            context.Resolver.Provide(token, Output.CreateSecret(secret.Data.Apply(data => Field(data, "token", where, decode: true))));
            context.Resolver.Provide(ca, secret.Data.Apply(data => Field(data, "ca.crt", where, decode: false)));
        }

        ItemCount = Output.Create(items.Length);
        RegisterOutputs(new Dictionary<string, object?> { ["itemCount"] = ItemCount });
    }

    // data holds base64 values, as the API returns them: the kubeconfig wants the token decoded and the CA as it is.
    private static Output<string> Field(ImmutableDictionary<string, string>? data, string key, string where, bool decode)
    {
        if (data is not null && data.TryGetValue(key, out var value) && value.Length > 0)
        {
            var text = decode ? Encoding.UTF8.GetString(Convert.FromBase64String(value)) : value;
            return !decode || ReaderTokenFile.IsServiceAccountToken(text)
                ? Output.Create(text)
                : throw new InvalidOperationException($"{where}: data[\"{key}\"] is not a service-account token (a JWT)");
        }

        // In a preview the Secret is not created yet, so its data is unknown, as Pulumi shows it.
        return Deployment.Instance.IsDryRun
            ? OutputUtilities.CreateUnknown("")
            : throw new InvalidOperationException($"{where} has no data[\"{key}\"]: the token controller did not fill it (does istio-system/{RemoteSecrets.ReaderServiceAccount} exist?)");
    }
}
