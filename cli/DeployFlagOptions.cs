using System.CommandLine;
using MeshStack.Core.Render;

namespace MeshStack.Cli;

/// <summary>The <c>--flag CLUSTER=VALUE</c> options of <c>meshstack render</c>; core checks what they hold.</summary>
internal sealed class DeployFlagOptions
{
    private readonly Dictionary<DeployOption, Option<string[]>> options;

    public DeployFlagOptions()
    {
        options = new Dictionary<DeployOption, Option<string[]>>
        {
            [DeployOption.GatewayAddress] = new("--gateway-address") { Description = "CLUSTER=ADDRESS (IP or host name) for clusters whose gateway address is 'auto'." },
            [DeployOption.EgressGatewayIp] = new("--egress-gateway-ip") { Description = "CLUSTER=IP: the ClusterIP of a cluster's egress gateway (egress routing with IP gateways)." },
            [DeployOption.IstioCoreDnsIp] = new("--istiocoredns-ip") { Description = "CLUSTER=IP: the ClusterIP of istiocoredns (legacy DNS: coredns-<version>, kube-dns)." },
            [DeployOption.Corefile] = new("--corefile") { Description = "CLUSTER=FILE: the cluster's live coredns ConfigMap (kubectl -n kube-system get configmap coredns -o yaml) or its Corefile. Without it the default Corefile of the configured CoreDNS version is assumed." },
            [DeployOption.RemoteSecretToken] = new("--remote-secret-token") { Description = "CLUSTER=FILE: the cluster's reader token Secret (kubectl -n istio-system get secret istio-reader-service-account-istio-remote-secret-token -o yaml); the other clusters' remote secrets for it are rendered from it (discovery: endpoints or both). Without it they are skipped." },
            [DeployOption.StubDomains] = new("--stub-domains") { Description = "CLUSTER=FILE: the cluster's live kube-dns ConfigMap (kubectl -n kube-system get configmap kube-dns -o yaml) or its stubDomains JSON. Without it no stub domains are assumed." },
        };
    }

    public IEnumerable<Option> All => options.Values;

    /// <summary>Every flag occurrence in command-line order per flag; file flags carry the file's text. Syntax errors are usage errors.</summary>
    public IReadOnlyList<FlagArgument> Read(ParseResult parse, CliContext context)
    {
        var list = new List<FlagArgument>();
        foreach (var (flag, option) in options)
        {
            foreach (var pair in parse.GetValue(option) ?? [])
            {
                var name = DeployFlags.Name(flag);
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == pair.Length - 1)
                {
                    throw new UsageException($"{name} expects CLUSTER={(DeployFlags.TakesFile(flag) ? "FILE" : "VALUE")}, got '{pair}'");
                }

                var value = pair[(eq + 1)..];
                if (DeployFlags.TakesFile(flag))
                {
                    var path = context.Resolve(value);
                    if (!File.Exists(path))
                    {
                        throw new UsageException($"{name} {pair}: file '{value}' not found");
                    }

                    value = File.ReadAllText(path);
                }

                list.Add(new FlagArgument(flag, pair[..eq], value, pair));
            }
        }

        return list;
    }
}
