using System.Globalization;

namespace MeshStack.Core.Model;

/// <summary>An Istio release, major.minor.patch.</summary>
public readonly record struct IstioVersion(int Major, int Minor, int Patch) : IComparable<IstioVersion>
{
    /// <summary>The release MeshStack installs by default, pinned in one place.</summary>
    public static readonly IstioVersion Current = new(1, 30, 3);

    /// <summary>The legacy profile's default: the last release of the classic guide's values file.</summary>
    public static readonly IstioVersion LegacyDefault = new(1, 7, 8);

    /// <summary>Parses "1.30.3" (a leading "v" is accepted).</summary>
    public static bool TryParse(string text, out IstioVersion version)
    {
        version = default;
        var parts = text.TrimStart('v').Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new IstioVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>True for a release whose minor version is in [from, to].</summary>
    public bool IsMinorBetween(int fromMinor, int toMinor) => Major == 1 && Minor >= fromMinor && Minor <= toMinor;

    /// <inheritdoc />
    public int CompareTo(IstioVersion other) => (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    /// <summary>Compares.</summary>
    public static bool operator <(IstioVersion a, IstioVersion b) => a.CompareTo(b) < 0;

    /// <summary>Compares.</summary>
    public static bool operator >(IstioVersion a, IstioVersion b) => a.CompareTo(b) > 0;

    /// <summary>Compares.</summary>
    public static bool operator <=(IstioVersion a, IstioVersion b) => a.CompareTo(b) <= 0;

    /// <summary>Compares.</summary>
    public static bool operator >=(IstioVersion a, IstioVersion b) => a.CompareTo(b) >= 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
