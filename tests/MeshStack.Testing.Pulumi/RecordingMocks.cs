using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace MeshStack.Testing.Doubles;

/// <summary>Echoes inputs, supplies the outputs providers compute (PEMs, random hex, Service status), and records every call.</summary>
public sealed class RecordingMocks : IMocks
{
    public ConcurrentQueue<MockResourceArgs> Registered { get; } = new();

    /// <summary>What a stack reference to the stack itself returns (the previous run's outputs).</summary>
    public ImmutableDictionary<string, object> PreviousOutputs { get; init; } = ImmutableDictionary<string, object>.Empty;

    /// <summary>The data of a live ConfigMap read (by the read's name); by default a stock CoreDNS Corefile for coredns, nothing else.</summary>
    public Func<string, ImmutableDictionary<string, object>> LiveConfigMapData { get; init; } = name => name.EndsWith("/coredns", StringComparison.Ordinal)
        ? ImmutableDictionary<string, object>.Empty.Add("Corefile", MeshStack.Core.Dns.DefaultCorefiles.Forward)
        : ImmutableDictionary<string, object>.Empty;

    /// <summary>Outputs of other stacks read through stack references, by stack name (the stack itself: <see cref="PreviousOutputs"/>).</summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, object>> StackOutputs { get; init; } = ImmutableDictionary<string, ImmutableDictionary<string, object>>.Empty;

    /// <summary>Which outputs of a referenced stack are secret, by stack name.</summary>
    public ImmutableDictionary<string, ImmutableArray<object>> StackSecretOutputNames { get; init; } = ImmutableDictionary<string, ImmutableArray<object>>.Empty;

    private readonly ChartStateGate chartGate = new();

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Registered.Enqueue(args);
        var outputs = args.Inputs.ToBuilder();
        switch (args.Type)
        {
            case "tls:index/privateKey:PrivateKey":
                outputs["privateKeyPem"] = $"-----BEGIN PRIVATE KEY-----\n{args.Name}\n-----END PRIVATE KEY-----\n";
                break;
            case "tls:index/selfSignedCert:SelfSignedCert" or "tls:index/locallySignedCert:LocallySignedCert":
                outputs["certPem"] = $"-----BEGIN CERTIFICATE-----\n{args.Name}\n-----END CERTIFICATE-----\n";
                break;
            case "tls:index/certRequest:CertRequest":
                outputs["certRequestPem"] = $"-----BEGIN CERTIFICATE REQUEST-----\n{args.Name}\n-----END CERTIFICATE REQUEST-----\n";
                break;
            case "random:index/randomId:RandomId":
                outputs["hex"] = $"{args.Inputs.GetValueOrDefault("prefix")}c0ffee01";
                break;
            case "pulumi:pulumi:StackReference":
                outputs["outputs"] = StackOutputs.TryGetValue(args.Id ?? args.Name!, out var other) ? other : PreviousOutputs;
                outputs["secretOutputNames"] = StackSecretOutputNames.TryGetValue(args.Id ?? args.Name!, out var secret) ? secret : ImmutableArray<object>.Empty;
                break;
            case "kubernetes:core/v1:Secret" when args.Inputs.GetValueOrDefault("type") as string == "kubernetes.io/service-account-token":
                // The provider waits until the token controller has filled data (as StrictRules.ServiceAccountTokenFilled).
                outputs["data"] = ImmutableDictionary<string, object>.Empty
                    .Add("token", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("eyJhbGciOiJSUzI1NiJ9.recording." + string.Concat(args.Name!.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')))))
                    .Add("ca.crt", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"ca-of-{args.Name}")));
                break;
            case "kubernetes:core/v1:ConfigMap" when args.Id is { Length: > 0 }:
                outputs["data"] = LiveConfigMapData(args.Name!);
                break;
            case "kubernetes:helm.sh/v4:Chart":
                // Chart v4 registers the chart's objects and lists them in `resources`; the Services are what MeshStack reads.
                outputs["resources"] = ChartModel.Render(args.Name!, args.Inputs).Where(o => o.Kind == "Service")
                    .Select(o => (object)new Pulumi.Kubernetes.Core.V1.Service($"{args.Name}:{o.Namespace}/{o.Name}", new Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceArgs
                    {
                        Metadata = new Pulumi.Kubernetes.Types.Inputs.Meta.V1.ObjectMetaArgs { Name = o.Name, Namespace = o.Namespace },
                    }))
                    .ToImmutableArray();
                break;
            case "kubernetes:core/v1:Service":
                outputs["spec"] = ImmutableDictionary<string, object>.Empty.Add("clusterIP", $"10.96.0.{Octet(args.Name!)}");
                outputs["status"] = ImmutableDictionary<string, object>.Empty.Add("loadBalancer",
                    ImmutableDictionary<string, object>.Empty.Add("ingress", ImmutableArray.Create<object>(
                        ImmutableDictionary<string, object>.Empty.Add("ip", $"203.0.113.{Octet(args.Name!)}"))));
                break;
        }

        var result = ((string?)(args.Id is { Length: > 0 } existing ? existing : args.Name + "_id"), (object)outputs.ToImmutable());
        return args.Type == "kubernetes:helm.sh/v4:Chart" ? chartGate.ThroughAsync(() => Task.FromResult(result)) : Task.FromResult(result);
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);

    /// <summary>The mock address of a Service: stable per cluster (cluster1 → 1, mesh-cluster1 → 1).</summary>
    public static int Octet(string lookupName) => int.Parse(new string(lookupName.TakeWhile(c => c != '/').Where(char.IsDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
}
