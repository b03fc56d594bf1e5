using System.Globalization;

namespace MeshStack.Core.Model;

/// <summary>A Kubernetes minor release, as the user states it for a cluster (<c>1.21</c>, <c>v1.21.3</c>).</summary>
public sealed record KubernetesVersion(int Major, int Minor) : IComparable<KubernetesVersion>
{
    /// <summary>Kubernetes 1.22 removed admissionregistration.k8s.io/v1beta1, which Istio 1.6-1.8's charts use for their webhooks.</summary>
    public static KubernetesVersion FirstWithoutV1Beta1Webhooks { get; } = new(1, 22);

    /// <summary>Parses <c>MAJOR.MINOR</c> with an optional leading <c>v</c> and an ignored patch; null when it is not one.</summary>
    public static KubernetesVersion? TryParse(string? text)
    {
        var parts = (text ?? "").TrimStart('v').Split('.');
        return parts.Length is 2 or 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            && (parts.Length == 2 || int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? new KubernetesVersion(major, minor)
            : null;
    }

    /// <inheritdoc />
    public int CompareTo(KubernetesVersion? other) =>
        other is null ? 1 : Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <summary>Ordering.</summary>
    public static bool operator >=(KubernetesVersion left, KubernetesVersion right) => left is not null && left.CompareTo(right) >= 0;

    /// <summary>Ordering.</summary>
    public static bool operator <=(KubernetesVersion left, KubernetesVersion right) => left is not null && left.CompareTo(right) <= 0;

    /// <summary>Ordering.</summary>
    public static bool operator >(KubernetesVersion left, KubernetesVersion right) => left is not null && left.CompareTo(right) > 0;

    /// <summary>Ordering.</summary>
    public static bool operator <(KubernetesVersion left, KubernetesVersion right) => left is not null && left.CompareTo(right) < 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");
}
