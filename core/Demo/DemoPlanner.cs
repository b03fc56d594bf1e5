using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Demo;

/// <summary>
/// The guide's demo, behind <c>meshstack:demo: true</c>: a <c>sleep</c> client in namespace <c>foo</c> of every consumer
/// cluster, and in each home cluster an HTTP echo server (httpbin) behind every shared service, one Deployment per version.
/// Namespaces are labelled for sidecar injection.
/// </summary>
internal static class DemoPlanner
{
    public const string ClientNamespace = "foo";
    public const string SleepImage = "curlimages/curl:8.16.0";
    public const string HttpbinImage = "docker.io/mccutchen/go-httpbin:v2.15.0";
    private const int HttpbinPort = 8080;

    /// <summary>The demo's items; services that share a ServiceAccount get it once.</summary>
    public static IEnumerable<PlanItem> Plan(PlanContext context, ClusterSpec cluster) =>
        Items(context, cluster).DistinctBy(i => i.Key, StringComparer.Ordinal);

    private static IEnumerable<PlanItem> Items(PlanContext context, ClusterSpec cluster)
    {
        if (!context.Spec.Demo)
        {
            yield break;
        }

        var hosted = context.Spec.Services.Where(s => s.HomeClusters.Contains(cluster.Name)).ToList();
        var consumes = context.Spec.Services.Any(s => s.Consumers.Contains(cluster.Name));
        var namespaces = hosted.Select(s => s.Namespace).ToHashSet(StringComparer.Ordinal);
        if (consumes)
        {
            namespaces.Add(ClientNamespace);
        }

        namespaces.Remove(KubeObjects.IstioSystem);
        foreach (var ns in namespaces.Order(StringComparer.Ordinal))
        {
            yield return KubeObjects.Object(cluster.Name, Stage.Namespaces, Concern.Demo, "v1", "Namespace", null, ns, MapValue.Empty,
                labels: [KeyValuePair.Create("istio-injection", "enabled")]);
        }

        if (consumes && !hosted.Any(s => s.Namespace == ClientNamespace && s.Name == "sleep"))
        {
            foreach (var item in Workload(cluster.Name, ClientNamespace, "sleep", "sleep", null, SleepImage,
                         Value.Map(("command", Value.List("/bin/sleep", "infinity"))), [("http", 80, 80)]))
            {
                yield return item;
            }
        }

        foreach (var service in hosted.Where(s => s.Namespace != KubeObjects.IstioSystem))
        {
            var ports = service.Ports.Select(p => (p.Name, p.Number, HttpbinPort)).ToArray();
            var versions = service.Versions.IsEmpty ? ["v1"] : service.Versions.ToArray();
            foreach (var item in Workload(cluster.Name, service.Namespace, service.Name, service.Account, versions, HttpbinImage, MapValue.Empty, ports))
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// One container port per service port, named like it where Kubernetes allows the name (an IANA service name: at
    /// most 15 characters, with a letter): istiod then sends an owner-side entry's port to this named port whatever its
    /// targetPort (pilot/pkg/serviceregistry/kube/controller/pod.go, getPortMap; serviceentry/conversion.go).
    /// </summary>
    private static ListValue ContainerPorts((string Name, int Port, int TargetPort)[] ports) =>
        Value.List(ports
            .Select(p => (Name: IsIanaServiceName(p.Name) ? p.Name : null, p.TargetPort))
            .DistinctBy(p => p.Name ?? $"#{p.TargetPort}")
            .Select(p => (Value)Value.Map(("name", p.Name is null ? null : (Value)p.Name), ("containerPort", p.TargetPort))));

    // Kubernetes' IsValidPortName: 1-15 characters, lower-case letters, digits and '-', at least one letter,
    // no leading, trailing or doubled '-'.
    private static bool IsIanaServiceName(string name) =>
        name.Length is >= 1 and <= 15 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && name.Any(c => c is >= 'a' and <= 'z') && !name.StartsWith('-') && !name.EndsWith('-') && !name.Contains("--", StringComparison.Ordinal);

    private static IEnumerable<PlanItem> Workload(
        string cluster, string ns, string app, string account, string[]? versions, string image, MapValue containerExtra, (string Name, int Port, int TargetPort)[] ports)
    {
        // The pods run as the service's account: the identity callers pin (ServiceSpec.Identity).
        yield return KubeObjects.Object(cluster, Stage.Workloads, Concern.Demo, "v1", "ServiceAccount", ns, account, MapValue.Empty);
        yield return KubeObjects.Object(cluster, Stage.Workloads, Concern.Demo, "v1", "Service", ns, app, Value.Map(("spec", Value.Map(
            ("selector", Value.Map(("app", app))),
            ("ports", Value.List(ports.Select(p => (Value)Value.Map(("name", p.Name), ("port", p.Port), ("targetPort", p.TargetPort)))))))),
            labels: [KeyValuePair.Create("app", app)]);
        foreach (var version in versions ?? [null!])
        {
            var name = version is null ? app : $"{app}-{version}";
            var labels = version is null
                ? Value.Map(("app", app))
                : Value.Map(("app", app), ("version", version));
            var container = new MapValue(Value.Map(
                    ("name", app),
                    ("image", image),
                    ("ports", ContainerPorts(ports))).Entries
                .AddRange(containerExtra.Entries));
            yield return KubeObjects.Object(cluster, Stage.Workloads, Concern.Demo, "apps/v1", "Deployment", ns, name, Value.Map(("spec", Value.Map(
                ("replicas", 1),
                ("selector", Value.Map(("matchLabels", labels))),
                ("template", Value.Map(
                    ("metadata", Value.Map(("labels", labels))),
                    ("spec", Value.Map(
                        ("serviceAccountName", account),
                        ("containers", Value.List(container))))))))));
        }
    }
}
