using System.Collections.Immutable;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core.Istio;

/// <summary>
/// One upstream <c>values-istio-multicluster-gateways.yaml</c> (the IstioOperator overlay of the classic
/// "replicated control planes" guide) and the Istio releases that ship it unchanged.
/// </summary>
/// <param name="From">First release (inclusive).</param>
/// <param name="To">Last release (inclusive).</param>
/// <param name="UpstreamPath">Where the file sits in the istio/istio tree at those tags.</param>
/// <param name="GitBlob">The file's git blob id, the same at every tag in the range.</param>
/// <param name="Document">The whole file as data: apiVersion, kind, spec.</param>
internal sealed record LegacyOverlay(IstioVersion From, IstioVersion To, string UpstreamPath, string GitBlob, MapValue Document)
{
    /// <summary>The IstioOperator spec of the file.</summary>
    public MapValue Spec => (MapValue)Document["spec"]!;

    /// <summary>True when <paramref name="version"/> ships this file.</summary>
    public bool Covers(IstioVersion version) => version >= From && version <= To;
}

/// <summary>
/// The upstream overlays, encoded as data because core reads no files. Each release range was read from
/// istio/istio's tags (the file's blob id per tag); a test checks each variant against the reference copies
/// and their blob ids. Releases whose file MeshStack has no reference copy of (1.6.0, every 1.8.x) are not
/// covered: <see cref="IstioChecks"/> reports them (MSH062) rather than guess.
/// </summary>
internal static class LegacyOverlays
{
    /// <summary>In Istio 1.6 the examples lived under operator/data.</summary>
    public const string OperatorDataPath = "operator/data/examples/multicluster/values-istio-multicluster-gateways.yaml";

    /// <summary>From 1.7 they live under manifests.</summary>
    public const string ManifestsPath = "manifests/examples/multicluster/values-istio-multicluster-gateways.yaml";

    /// <summary>Every covered range, oldest first.</summary>
    public static ImmutableArray<LegacyOverlay> All { get; } =
    [
        new(new(1, 6, 1), new(1, 6, 11), OperatorDataPath, "c028d3641ebf5870e64ea564adb7796928fc7c27", WithoutEnvoyFilterSwitch()),
        new(new(1, 6, 12), new(1, 6, 14), OperatorDataPath, "8363dd6384c6917ba614a7252f894ec4224a24ae", WithEnvoyFilterSwitch()),
        new(new(1, 7, 0), new(1, 7, 3), ManifestsPath, "c028d3641ebf5870e64ea564adb7796928fc7c27", WithoutEnvoyFilterSwitch()),
        new(new(1, 7, 4), new(1, 7, 8), ManifestsPath, "200ef42e5fc24a0e8ddd78b460caebc9e9696970", WithEnvoyFilterSwitch()),
    ];

    /// <summary>The overlay a release ships, or null when MeshStack does not carry it.</summary>
    public static LegacyOverlay? For(IstioVersion version) => All.FirstOrDefault(o => o.Covers(version));

    /// <summary>Blob c028d364: 1.6.1-1.6.11 and 1.7.0-1.7.3.</summary>
    private static MapValue WithoutEnvoyFilterSwitch() => Overlay(Value.Map(("enabled", true)));

    /// <summary>
    /// Blobs 8363dd63 (1.6.12-1.6.14, suffix written "global" in quotes) and 200ef42e (1.7.4-1.7.8, unquoted):
    /// the same data, adding the switches for the .global rewrite EnvoyFilter.
    /// </summary>
    private static MapValue WithEnvoyFilterSwitch() => Overlay(Value.Map(
        ("enabled", true),
        ("globalDomainSuffix", "global"),
        ("includeEnvoyFilter", true)));

    private static MapValue Overlay(MapValue multiCluster) => Value.Map(
        ("apiVersion", IstioCharts.OperatorApiVersion),
        ("kind", IstioCharts.OperatorKind),
        ("spec", Value.Map(
            ("addonComponents", Value.Map(
                ("istiocoredns", Value.Map(("enabled", true))))),
            ("components", Value.Map(
                ("egressGateways", Value.List(Value.Map(
                    ("name", IstioCharts.EgressGateway),
                    ("enabled", true)))))),
            ("values", Value.Map(
                ("global", Value.Map(
                    ("podDNSSearchNamespaces", Value.List("global")),
                    ("multiCluster", multiCluster),
                    ("controlPlaneSecurityEnabled", true))),
                ("gateways", Value.Map(
                    (IstioCharts.EgressGateway, Value.Map(
                        ("env", Value.Map(("ISTIO_META_REQUESTED_NETWORK_VIEW", "external"))))))))))));
}
