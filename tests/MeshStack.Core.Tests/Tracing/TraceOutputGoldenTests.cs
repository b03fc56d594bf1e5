using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MeshStack.Core.Plan;
using MeshStack.Core.Routing;
using MeshStack.Core.Synthesis;
using MeshStack.Core.Tests.Routing;
using MeshStack.Core.Tracing;

namespace MeshStack.Core.Tests.Tracing;

/// <summary>
/// The tracer's whole output, every path's title, hops and failure in order (<see cref="PathTracer.Trace(FederationPlan, TraceQuery?)"/>,
/// <see cref="PathTracer.DeadPaths"/> and the diagnostics compile reports), on synthetic federations of several sizes
/// and seeds, the demo stacks, the tracer's fixtures under both profiles, endpoint discovery, egress, and plans with a
/// defect put back so that paths die at every hop. Golden/tracing/verdicts.txt holds one SHA-256 per input, captured
/// from the tracer before its work was shared per shape (issue 23): the oracle that the output stays byte-identical.
/// MESHSTACK_TRACE_DUMP=DIR writes each input's full text to DIR to diff a mismatch.
/// </summary>
public partial class TraceOutputGoldenTests
{
    [Fact]
    public void The_tracer_output_of_every_input_is_byte_identical_to_the_golden()
    {
        var lines = new StringBuilder();
        foreach (var (name, plan, query) in Inputs())
        {
            var text = Capture(plan, query);
            var dead = PathTracer.DeadPaths(plan).Length;
            lines.Append(name).Append(' ').Append(dead).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))).Append('\n');
            if (Environment.GetEnvironmentVariable("MESHSTACK_TRACE_DUMP") is { Length: > 0 } dir)
            {
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, name + ".txt"), text);
            }
        }

        GoldenFile.Verify("tracing/verdicts.txt", lines.ToString());
    }

    /// <summary>Every path of the query (or all), then only the dead paths as compile asks for them, then compile's diagnostics.</summary>
    private static string Capture(FederationPlan plan, TraceQuery? query)
    {
        var sb = new StringBuilder();
        var all = PathTracer.Trace(plan, query);
        Append(sb, "trace", all);
        if (query is null)
        {
            var dead = PathTracer.DeadPaths(plan);
            Append(sb, "dead", dead);
            foreach (var d in PathTracer.Diagnostics(dead))
            {
                sb.Append("diagnostic ").Append(d).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string what, IEnumerable<TracedPath> paths)
    {
        foreach (var p in paths)
        {
            sb.Append(what).Append(' ').Append(p.Title).Append(p.IsOk ? " ok" : " dead").Append('\n');
            foreach (var hop in p.Hops)
            {
                sb.Append("  ").Append(hop).Append('\n');
            }

            if (p.Failure is { } f)
            {
                sb.Append("  failure ").Append(f.Descriptor.Code).Append(" | ").Append(f.Hop).Append(" | ").Append(f.Message).Append(" | ").Append(f.Rule).Append('\n');
            }
        }
    }

    private static IEnumerable<(string Name, FederationPlan Plan, TraceQuery? Query)> Inputs()
    {
        foreach (var stack in new[] { "Pulumi.dev.yaml", "Pulumi.staging.yaml", "Pulumi.endpoints.yaml" })
        {
            var text = File.ReadAllText(Path.Combine(Repo.Root, stack));
            foreach (var mode in new[] { "global", "endpoints", "both" })
            {
                var withMode = Regex.Replace(text, "  meshstack:discovery: \\w+\n", "");
                withMode = withMode.Replace("  meshstack:profile: multi-primary\n", $"  meshstack:profile: multi-primary\n  meshstack:discovery: {mode}\n", StringComparison.Ordinal);
                if (withMode == text.Replace("  meshstack:profile: multi-primary\n", "", StringComparison.Ordinal) || !withMode.Contains("meshstack:discovery", StringComparison.Ordinal))
                {
                    yield return ($"stack-{stack}", CompilationHelper.Plan(text, options: Options), null);
                    break;
                }

                if (TryCompile(withMode) is { } plan)
                {
                    yield return ($"stack-{stack}-{mode}", plan, null);
                }
            }
        }

        foreach (var fixture in new[] { "rich-federation.yaml", "dns-hosts.yaml", "dns-legacy.yaml" })
        {
            yield return ($"fixture-{fixture}", CompilationHelper.Plan(File.ReadAllText(Repo.Fixture(fixture)), options: Options), null);
        }

        foreach (var profile in RoutingFixtures.Profiles)
        {
            foreach (var fixture in RoutingFixtures.Names)
            {
                var plan = RoutingFixtures.Plan(fixture, profile);
                yield return ($"routing-{fixture}-{profile}", plan, null);
                yield return ($"routing-{fixture}-{profile}-from-cluster1", plan, new TraceQuery(From: "cluster1"));
                foreach (var (defect, broken) in Defects(plan))
                {
                    yield return ($"routing-{fixture}-{profile}-{defect}", broken, null);
                }
            }
        }

        foreach (var (clusters, services, seed) in new[] { (3, 20, 3UL), (6, 60, 1UL), (11, 120, 7UL), (20, 400, 11UL) })
        {
            foreach (var profile in RoutingFixtures.Profiles)
            {
                var plan = CompilationHelper.Plan(Synthesized(clusters, services, seed, profile), options: Options);
                yield return ($"synth-{clusters}x{services}-seed{seed}-{profile}", plan, null);
                if (services <= 120)
                {
                    foreach (var (defect, broken) in Defects(plan))
                    {
                        yield return ($"synth-{clusters}x{services}-seed{seed}-{profile}-{defect}", broken, null);
                    }
                }
            }

            foreach (var mode in new[] { "endpoints", "both" })
            {
                var text = ApiServers().Replace(Synthesized(clusters, services, seed, "multi-primary"), "$1      apiServer: https://$2.api.example:6443\n")
                    .Replace("  meshstack:profile: multi-primary\n", $"  meshstack:profile: multi-primary\n  meshstack:discovery: {mode}\n", StringComparison.Ordinal);
                var plan = CompilationHelper.Plan(text, options: Options);
                yield return ($"synth-{clusters}x{services}-seed{seed}-discovery-{mode}", plan, null);
                if (services <= 60)
                {
                    foreach (var (defect, broken) in Defects(plan))
                    {
                        yield return ($"synth-{clusters}x{services}-seed{seed}-discovery-{mode}-{defect}", broken, null);
                    }
                }
            }
        }

        yield return ("synth-50x2000-seed1-multi-primary", CompilationHelper.Plan(Synthesized(50, 2000, 1, "multi-primary"), options: Options), null);
    }

    /// <summary>Defects put back into a plan that traces all-ok, each in the first cluster, the second, or all.</summary>
    private static IEnumerable<(string Name, FederationPlan Plan)> Defects(FederationPlan plan)
    {
        var first = plan.Clusters[0].Cluster.Name;
        var second = plan.Clusters.Length > 1 ? plan.Clusters[1].Cluster.Name : first;
        yield return ("no-rules-first", PlanSurgery.Remove(plan, o => o.Cluster == first && o.Kind == "DestinationRule"));
        yield return ("no-rules-second", PlanSurgery.Remove(plan, o => o.Cluster == second && o.Kind == "DestinationRule"));
        yield return ("no-gateways-second", PlanSurgery.Remove(plan, o => o.Cluster == second && o.Kind == "Gateway"));
        yield return ("no-gateways-first", PlanSurgery.Remove(plan, o => o.Cluster == first && o.Kind == "Gateway"));
        yield return ("no-caller-entries-first", PlanSurgery.Remove(plan, o => o.Cluster == first && o.Kind == "ServiceEntry" && o.Namespace == KubeObjects.IstioSystem));
        yield return ("no-owner-entries", PlanSurgery.Remove(plan, o => o.Kind == "ServiceEntry" && o.Namespace != KubeObjects.IstioSystem));
        yield return ("no-namespaces-second", PlanSurgery.Remove(plan, o => o.Cluster == second && o.Kind == "Namespace" && o.ApiVersion == "v1"));
        yield return ("no-dns-first", PlanSurgery.Remove(plan, o => o.Cluster == first && o.Concern == Concern.Dns));
        yield return ("no-secrets", PlanSurgery.Remove(plan, o => o.Kind == "Secret"));
        yield return ("no-gateway-services", PlanSurgery.Remove(plan, o => o.Kind == "Service"));
        yield return ("no-helm-values", PlanSurgery.Edit(plan, i => i is HelmRelease r && r.Values is MapValue values
            ? r with { Values = PlanSurgery.WithoutDeep(PlanSurgery.WithoutDeep(values, "proxyMetadata"), "env") }
            : i));
        yield return ("no-egress-release", PlanSurgery.Edit(plan, i => i is HelmRelease { Name: Core.Istio.IstioCharts.EgressGateway } ? null : i));
        yield return ("no-eastwest-release-second", PlanSurgery.Edit(plan, i => i is HelmRelease { Name: Core.Istio.IstioCharts.EastWestGateway } r && r.Cluster == second ? null : i));
        yield return ("strangers", PlanSurgery.EditSpec(plan, o => o.Kind == "ServiceEntry" && o.Namespace == KubeObjects.IstioSystem && o.Cluster == first,
            spec => spec["subjectAltNames"] is null ? spec : spec.With("subjectAltNames", Value.List("spiffe://cluster.local/ns/x/sa/stranger"))));
        yield return ("plain-endpoints", PlanSurgery.EditSpec(plan, o => o.Kind == "ServiceEntry" && o.Cluster == second,
            spec => PlanSurgery.WithoutDeep(PlanSurgery.WithoutDeep(spec, "workloadSelector"), RoutingPlanner.TlsModeLabel)));
        yield return ("no-subsets-second", PlanSurgery.EditSpec(plan, o => o.Kind == "DestinationRule" && o.Cluster == second,
            spec => PlanSurgery.Without(spec, "subsets")));
        yield return ("no-caller-endpoints-first", PlanSurgery.EditSpec(plan, o => o.Kind == "ServiceEntry" && o.Namespace == KubeObjects.IstioSystem && o.Cluster == first,
            spec => spec["endpoints"] is null ? spec : spec.With("endpoints", Value.List())));
        yield return ("static-callers-first", PlanSurgery.EditSpec(plan, o => o.Kind == "ServiceEntry" && o.Namespace == KubeObjects.IstioSystem && o.Cluster == first,
            spec => spec.With("resolution", "STATIC")));
        yield return ("deaf-pods", PlanSurgery.EditSpec(plan, o => o.Kind == "ServiceEntry" && o.Namespace != KubeObjects.IstioSystem,
            spec => spec["ports"] is ListValue ports ? spec.With("ports", Value.List(ports.Items.Select(p => p is MapValue m ? (Value)m.With("targetPort", 9999) : p))) : spec));
        yield return ("no-tls-first", PlanSurgery.EditSpec(plan, o => o.Kind == "DestinationRule" && o.Cluster == first,
            spec => PlanSurgery.Without(spec, "trafficPolicy")));
    }

    private static string Synthesized(int clusters, int services, ulong seed, string profile)
    {
        var text = FederationSynthesizer.Generate(new SynthesisOptions { Clusters = clusters, Services = services, Seed = seed });
        return profile != "legacy-gateways" ? text
            : text.Replace("  meshstack:profile: multi-primary\n", "  meshstack:profile: legacy-gateways\n", StringComparison.Ordinal)
                .Replace("    version: 1.30.3\n", "    version: 1.7.8\n    releaseDir: ./istio-1.7.8\n", StringComparison.Ordinal)
                .Replace("      dns: proxy\n", "      dns: coredns-1.7.0\n", StringComparison.Ordinal);
    }

    private static FederationPlan? TryCompile(string text) => CompilationHelper.Compile(text, options: Options) is { Succeeded: true, Plan: { } plan } ? plan : null;

    private static CompileOptions Options => new() { TracePaths = false, Now = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero) };

    [GeneratedRegex("(      context: (\\S+)\n)")]
    private static partial Regex ApiServers();
}
