using System.Collections.Immutable;
using Pulumi.Testing;

namespace MeshStack.Testing.Doubles;

/// <summary>
/// The least a provider must answer for the federation to register: inputs echoed, PEMs for Tls resources, a hex for
/// RandomId, a gateway chart's own Service (Chart v4 lists the objects it registers; the components read gateway
/// addresses and ClusterIPs from them), and a Corefile for ConfigMap reads; every Service gets a clusterIP and a
/// LoadBalancer ingress.
/// Records nothing, so the mocks cost as little as possible.
/// </summary>
public sealed class FastMocks : IMocks
{
    private static readonly ImmutableDictionary<string, object> Corefile =
        ImmutableDictionary<string, object>.Empty.Add("Corefile", Core.Dns.DefaultCorefiles.Forward);

    private static readonly ImmutableDictionary<string, object> ServiceSpec =
        ImmutableDictionary<string, object>.Empty.Add("clusterIP", "10.96.0.10");

    private static readonly ImmutableDictionary<string, object> ServiceStatus =
        ImmutableDictionary<string, object>.Empty.Add("loadBalancer", ImmutableDictionary<string, object>.Empty.Add("ingress",
            ImmutableArray.Create<object>(ImmutableDictionary<string, object>.Empty.Add("ip", "203.0.113.10"))));

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var read = args.Id is { Length: > 0 };
        var state = args.Type switch
        {
            "tls:index/privateKey:PrivateKey" => args.Inputs.SetItem("privateKeyPem", "-----BEGIN PRIVATE KEY-----\nbench\n-----END PRIVATE KEY-----\n"),
            "tls:index/selfSignedCert:SelfSignedCert" or "tls:index/locallySignedCert:LocallySignedCert" =>
                args.Inputs.SetItem("certPem", "-----BEGIN CERTIFICATE-----\nbench\n-----END CERTIFICATE-----\n"),
            "tls:index/certRequest:CertRequest" => args.Inputs.SetItem("certRequestPem", "-----BEGIN CERTIFICATE REQUEST-----\nbench\n-----END CERTIFICATE REQUEST-----\n"),
            "random:index/randomId:RandomId" => args.Inputs.SetItem("hex", "mesh-c0ffee01"),
            "kubernetes:helm.sh/v4:Chart" => args.Inputs.SetItem("resources", ChartServices(args)),
            "kubernetes:core/v1:ConfigMap" when read => args.Inputs.SetItem("data", Corefile),
            "kubernetes:core/v1:Service" => args.Inputs.SetItem("spec", ServiceSpec).SetItem("status", ServiceStatus),
            _ => args.Inputs,
        };
        return Task.FromResult<(string?, object)>((read ? args.Id : args.Name + "_id", state));
    }

    // The gateway chart renders one Service named after the gateway, registered as "<chart>:<namespace>/<name>".
    private static ImmutableArray<object> ChartServices(MockResourceArgs args) =>
        args.Inputs.GetValueOrDefault("chart") is "gateway" && args.Inputs.GetValueOrDefault("values") is IDictionary<string, object> values
            && values.TryGetValue("name", out var name) && args.Inputs.GetValueOrDefault("namespace") is string ns
            ? [new Pulumi.Kubernetes.Core.V1.Service($"{args.Name}:{ns}/{name}", new Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceArgs
            {
                Metadata = new Pulumi.Kubernetes.Types.Inputs.Meta.V1.ObjectMetaArgs { Name = (string)name, Namespace = ns },
            })]
            : [];

    public Task<object> CallAsync(MockCallArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Task.FromResult<object>(args.Args);
    }
}
