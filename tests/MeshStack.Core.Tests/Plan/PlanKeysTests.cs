using CsCheck;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Tests.Plan;

// The planner sorts and checks for duplicates on a key's parts instead of its string (issue 23): both must agree with
// string.CompareOrdinal on PlanItem.Key, however the parts split the key.
public class PlanKeysTests
{
    private static PlannedObject Object(string kind, string? ns, string name) =>
        KubeObjects.Object("c1", Stage.MeshConfig, Concern.Routing, "v1", kind, ns, name, MapValue.Empty);

    private static HelmRelease Release(string ns, string name) => new()
    {
        Cluster = "c1", Stage = Stage.MeshConfig, Concern = Concern.Istio, Name = name, Namespace = ns, Chart = "base", Version = "1", Repository = "r", Values = MapValue.Empty,
    };

    public static TheoryData<PlanItem, PlanItem> Pairs => new()
    {
        { Object("ServiceEntry", "istio", "a"), Object("ServiceEntry", "istio-system", "a") },
        { Object("Service", "x", "a"), Object("ServiceEntry", "x", "a") },
        { Object("Namespace", null, "bar"), Object("Namespace", "-", "bar") },
        { Object("Namespace", null, "bar"), Object("Namespace", "", "bar") },
        { Object("ServiceEntry", "istio-system", "a.b.global"), Object("ServiceEntry", "istio-system", "a-b.global") },
        { Object("ServiceEntry", "istio-system", "a"), Object("ServiceEntry", "istio-system", "a") },
        { Object("ServiceEntry", "istio-system", "a"), Object("ServiceEntry", "istio-system", "ab") },
        { Object("A/B", "c", "d"), Object("A", "B/c", "d") },
        { Object("A", "b", "c/d"), Object("A", "b/c", "d") },
        { Object("HelmRelease", "istio-system", "istiod"), Release("istio-system", "istiod") },
        { Release("istio-system", "istio-base"), Release("istio-system", "istiod") },
        { Object("Gateway", "istio-system", "x"), Release("istio-system", "x") },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Items_compare_and_match_as_their_keys_do(PlanItem a, PlanItem b)
    {
        var expected = Math.Sign(string.CompareOrdinal(a.Key, b.Key));

        Assert.Equal(expected, Math.Sign(PlanKeys.CompareKeys(a, b)));
        Assert.Equal(-expected, Math.Sign(PlanKeys.CompareKeys(b, a)));
        Assert.Equal(expected == 0, PlanKeys.SameKey.Equals(a, b));
        if (expected == 0)
        {
            Assert.Equal(PlanKeys.SameKey.GetHashCode(a), PlanKeys.SameKey.GetHashCode(b));
        }
    }

    [Fact]
    public void Any_two_keys_compare_as_their_strings()
    {
        var part = Gen.String[Gen.Char["-./aAz"], 0, 4];
        var item = Gen.Select(Gen.Bool, part, part, part).Select(x => x.Item1 ? (PlanItem)Object(x.Item2, x.Item3.Length == 0 ? null : x.Item3, x.Item4) : Release(x.Item3, x.Item4));
        Gen.Select(item, item).Sample((a, b) =>
        {
            var expected = Math.Sign(string.CompareOrdinal(a.Key, b.Key));
            return Math.Sign(PlanKeys.CompareKeys(a, b)) == expected
                && PlanKeys.SameKey.Equals(a, b) == (expected == 0)
                && (expected != 0 || PlanKeys.SameKey.GetHashCode(a) == PlanKeys.SameKey.GetHashCode(b));
        });
    }
}
