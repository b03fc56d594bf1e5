namespace MeshStack.Core.Model;

/// <summary>How a cluster resolves <c>*.global</c> names.</summary>
public sealed record DnsSpec(DnsMode Mode, CoreDnsVersion? CoreDnsVersion);

/// <summary>The DNS variants of the guide and of current Istio.</summary>
public enum DnsMode
{
    /// <summary>Istio's DNS proxy in each sidecar answers for ServiceEntry addresses; no cluster DNS change.</summary>
    Proxy,

    /// <summary>The cluster's CoreDNS serves a <c>global</c> zone from the address table (hosts plugin).</summary>
    Hosts,

    /// <summary>kube-dns: a <c>global</c> stub domain pointing at istiocoredns.</summary>
    KubeDns,

    /// <summary>CoreDNS: a <c>global</c> server block forwarding to istiocoredns (proxy or forward by version).</summary>
    CoreDns,
}

/// <summary>A CoreDNS release, major.minor.patch.</summary>
public readonly record struct CoreDnsVersion(int Major, int Minor, int Patch) : IComparable<CoreDnsVersion>
{
    /// <summary>Parses "1.8.0" (a leading "v" is accepted).</summary>
    public static bool TryParse(string text, out CoreDnsVersion version)
    {
        version = default;
        if (!IstioVersion.TryParse(text, out var v))
        {
            var parts = text.TrimStart('v').Split('.');
            if (parts.Length == 2 && IstioVersion.TryParse($"{parts[0]}.{parts[1]}.0", out v))
            {
                version = new CoreDnsVersion(v.Major, v.Minor, 0);
                return true;
            }

            return false;
        }

        version = new CoreDnsVersion(v.Major, v.Minor, v.Patch);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(CoreDnsVersion other) => (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    /// <summary>Compares versions.</summary>
    public static bool operator <(CoreDnsVersion a, CoreDnsVersion b) => a.CompareTo(b) < 0;

    /// <summary>Compares versions.</summary>
    public static bool operator >(CoreDnsVersion a, CoreDnsVersion b) => a.CompareTo(b) > 0;

    /// <summary>Compares versions.</summary>
    public static bool operator <=(CoreDnsVersion a, CoreDnsVersion b) => a.CompareTo(b) <= 0;

    /// <summary>Compares versions.</summary>
    public static bool operator >=(CoreDnsVersion a, CoreDnsVersion b) => a.CompareTo(b) >= 0;

    /// <inheritdoc />
    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
