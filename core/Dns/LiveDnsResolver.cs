using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;

namespace MeshStack.Core.Dns;

/// <summary>
/// Resolves the DNS merge values from the live (or given) ConfigMap data, and everything else through
/// <paramref name="inner"/>, which also supplies <see cref="IstioCoreDnsIpOf"/>. <paramref name="liveCorefileOf"/>
/// returns a cluster's Corefile, or null to assume <see cref="DefaultCorefiles.For"/> its version;
/// <paramref name="liveStubDomainsOf"/> returns its kube-dns <c>stubDomains</c>, or null for none.
/// A live value that cannot be merged stays unresolved and is reported in <see cref="Problems"/>.
/// </summary>
public sealed class LiveDnsResolver(
    IDeployValueResolver inner, Func<string, string?> liveCorefileOf, Func<string, string?> liveStubDomainsOf) : IDeployValueResolver
{
    private readonly List<Diagnostic> problems = [];

    /// <summary>Why a merge value could not be resolved, one diagnostic per cluster and key.</summary>
    public ImmutableArray<Diagnostic> Problems => problems.Distinct().ToImmutableArray();

    /// <inheritdoc />
    public string? Resolve(DeployValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case MergedCorefile m:
                string? ip = null;
                if (m.NeedsIstioCoreDns && (ip = inner.Resolve(new IstioCoreDnsIpOf(m.Cluster))) is null)
                {
                    return null;
                }

                var corefile = m.MergeInto(liveCorefileOf(m.Cluster) ?? DefaultCorefiles.For(m.Version), ip);
                if (corefile.Error is { } error)
                {
                    problems.Add(DiagnosticBuilder.CorefileNotMergeable(m.Cluster, error));
                }

                return corefile.Text;
            case MergedStubDomains s:
                if (inner.Resolve(new IstioCoreDnsIpOf(s.Cluster)) is not { } server)
                {
                    return null;
                }

                var stubs = StubDomains.Merge(liveStubDomainsOf(s.Cluster), server);
                if (stubs.Error is { } stubError)
                {
                    problems.Add(DiagnosticBuilder.StubDomainsNotMergeable(s.Cluster, stubError));
                }

                return stubs.Text;
            default:
                return inner.Resolve(value);
        }
    }
}
