using System.Collections.Immutable;
using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Dns;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Render;

/// <summary>The deploy-time values <c>meshstack render</c> was given, checked against the stack.</summary>
public sealed record DeployInputs
{
    /// <summary>
    /// Addresses from <c>--gateway-address</c>, <c>--egress-gateway-ip</c>, <c>--istiocoredns-ip</c>, the fixed gateway
    /// addresses of the stack, and reader tokens with their CA data from <c>--remote-secret-token</c> (secret: never printed).
    /// </summary>
    public required ImmutableDictionary<DeployValue, string> Values { get; init; }

    /// <summary>Live Corefiles by cluster (<c>--corefile</c>).</summary>
    public required ImmutableDictionary<string, string> Corefiles { get; init; }

    /// <summary>Live kube-dns stubDomains by cluster (<c>--stub-domains</c>).</summary>
    public required ImmutableDictionary<string, string> StubDomains { get; init; }

    /// <summary>Errors in the flags (MSH120–MSH123) and warnings about assumed DNS content (MSH124).</summary>
    public required ImmutableArray<Diagnostic> Diagnostics { get; init; }
}

/// <summary>Checks deploy-time flags: well-formed values, declared clusters, values that really are deploy-time, no repeats.</summary>
public static class DeployInputChecker
{
    /// <summary>Checks every flag and reports every problem at once.</summary>
    public static DeployInputs Check(MeshSpec spec, IEnumerable<FlagArgument> arguments)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(arguments);
        var values = ImmutableDictionary.CreateBuilder<DeployValue, string>();
        var corefiles = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var stubs = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var seen = new HashSet<(DeployOption, string)>();

        // Fixed gateway addresses decide the egress resolution together with the flags' ones.
        foreach (var c in spec.Clusters.Where(c => c.Gateway.Address is not GatewayAddress.Auto))
        {
            values[new GatewayAddressOf(c.Name)] = Describe(c.Gateway.Address);
        }

        foreach (var a in arguments)
        {
            var flag = DeployFlags.Name(a.Flag);
            if (!seen.Add((a.Flag, a.Cluster)))
            {
                diagnostics.Add(DiagnosticBuilder.FlagRepeated(a));
                continue;
            }

            if (spec.FindCluster(a.Cluster) is not { } cluster)
            {
                diagnostics.Add(DiagnosticBuilder.FlagUnknownCluster(a, spec.Clusters.Select(c => c.Name)));
                continue;
            }

            if (NotDeployTime(a.Flag, cluster, spec) is { } notDeployTime)
            {
                diagnostics.Add(DiagnosticBuilder.FlagNotDeployTime(a, notDeployTime.Reason, cluster.Name, notDeployTime.Setting));
                continue;
            }

            switch (a.Flag)
            {
                case DeployOption.GatewayAddress when !Names.IsIpAddress(a.Value) && !Names.IsHostname(a.Value):
                    diagnostics.Add(DiagnosticBuilder.InvalidFlagValue(a, FlagValueProblem.NotAnAddress));
                    break;
                case DeployOption.EgressGatewayIp or DeployOption.IstioCoreDnsIp when !Names.IsIpAddress(a.Value):
                    diagnostics.Add(DiagnosticBuilder.InvalidFlagValue(a, FlagValueProblem.NotAnIp));
                    break;
                case DeployOption.GatewayAddress:
                    values[new GatewayAddressOf(a.Cluster)] = a.Value;
                    break;
                case DeployOption.EgressGatewayIp:
                    values[new EgressGatewayIpOf(a.Cluster)] = a.Value;
                    break;
                case DeployOption.IstioCoreDnsIp:
                    values[new IstioCoreDnsIpOf(a.Cluster)] = a.Value;
                    break;
                case DeployOption.RemoteSecretToken:
                    var (token, caData, tokenProblem) = Discovery.ReaderTokenFile.Read(a.Value);
                    if (token is null)
                    {
                        diagnostics.Add(DiagnosticBuilder.InvalidFlagValue(a, tokenProblem!.Value));
                    }
                    else
                    {
                        values[new ReaderTokenOf(a.Cluster)] = token;
                        values[new ApiServerCaOf(a.Cluster)] = caData!;
                    }

                    break;
                case DeployOption.Corefile or DeployOption.StubDomains:
                    var key = a.Flag == DeployOption.Corefile ? "Corefile" : "stubDomains";
                    if (LiveConfigMapText.DataKey(a.Value, key) is not { } text)
                    {
                        diagnostics.Add(DiagnosticBuilder.InvalidFlagValue(a, FlagValueProblem.NoDataKey));
                    }
                    else
                    {
                        (a.Flag == DeployOption.Corefile ? corefiles : stubs)[a.Cluster] = text;
                    }

                    break;
                default:
                    break;
            }
        }

        foreach (var c in spec.Clusters)
        {
            if (c.Dns.Mode is DnsMode.CoreDns or DnsMode.Hosts && !corefiles.ContainsKey(c.Name) && !seen.Contains((DeployOption.Corefile, c.Name)))
            {
                diagnostics.Add(DiagnosticBuilder.DefaultDnsAssumed(c.Name, AssumedCoreDns(c)));
            }

            if (c.Dns.Mode == DnsMode.KubeDns && !stubs.ContainsKey(c.Name) && !seen.Contains((DeployOption.StubDomains, c.Name)))
            {
                diagnostics.Add(DiagnosticBuilder.DefaultDnsAssumed(c.Name));
            }
        }

        return new DeployInputs
        {
            Values = values.ToImmutable(),
            Corefiles = corefiles.ToImmutable(),
            StubDomains = stubs.ToImmutable(),
            Diagnostics = diagnostics.ToImmutable(),
        };
    }

    /// <summary>Why a cluster takes no value from this flag and the stack's setting that says so, or null when it does.</summary>
    private static (NotDeployTimeReason Reason, string Setting)? NotDeployTime(DeployOption flag, ClusterSpec c, MeshSpec spec) => flag switch
    {
        DeployOption.RemoteSecretToken when !spec.DiscoversEndpoints => (NotDeployTimeReason.NoRemoteSecrets, Config.ConfigWords.Of(spec.Discovery)),
        DeployOption.GatewayAddress when c.Gateway.Address is not GatewayAddress.Auto => (NotDeployTimeReason.GatewayAddressSet, Describe(c.Gateway.Address)),
        DeployOption.EgressGatewayIp when !c.EgressGateway => (NotDeployTimeReason.NoEgressGateway, ""),
        DeployOption.IstioCoreDnsIp when c.Dns.Mode is not (DnsMode.CoreDns or DnsMode.KubeDns) => (NotDeployTimeReason.NoIstioCoreDns, DnsWord(c)),
        DeployOption.Corefile when c.Dns.Mode is not (DnsMode.CoreDns or DnsMode.Hosts) => (NotDeployTimeReason.CorefileUnchanged, DnsWord(c)),
        DeployOption.StubDomains when c.Dns.Mode != DnsMode.KubeDns => (NotDeployTimeReason.NotKubeDns, DnsWord(c)),
        _ => null,
    };

    private static string DnsWord(ClusterSpec c) => c.Dns.Mode.ToString().ToLowerInvariant();

    private static string Describe(GatewayAddress address) => address switch
    {
        GatewayAddress.Ip ip => ip.Value,
        GatewayAddress.Hostname h => h.Value,
        _ => address.ToString(),
    };

    // The CoreDNS release whose default Corefile render merges into when no live one is given (null: the current upstream default).
    private static CoreDnsVersion? AssumedCoreDns(ClusterSpec c) =>
        c.Dns.Mode == DnsMode.CoreDns ? c.Dns.CoreDnsVersion ?? CoreDnsPlugins.LegacyDefault : c.Dns.CoreDnsVersion;
}
