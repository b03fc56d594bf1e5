using System.Collections.Immutable;
using System.Globalization;
using MeshStack.Core.Config;
using Pulumi;
using Pulumi.Utilities;

namespace MeshStack.Components.Mapping;

/// <summary>
/// Typed args as the config document core reads, key for key as a stack settings file writes them, so both ways in
/// share one reader, one set of diagnostics and one set of paths (<c>meshstack:clusters[1].gateway.address</c>). A
/// Pulumi input whose value is known (a plain string) is read as that value; one that is not yet known becomes a
/// deploy-time value (<see cref="ConfigDeferred"/>), supplied by the components.
/// </summary>
internal static class ArgsDocument
{
    public static ConfigDocument Of(MeshFederationArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new ConfigDocument(Entries(
            ("meshId", Text(args.MeshId)),
            ("profile", Text(args.Profile)),
            ("istio", args.Istio is { } istio ? Map(("version", Text(istio.Version)), ("releaseDir", Text(istio.ReleaseDir))) : null),
            ("rootCa", args.RootCa is { } root ? Map(
                ("generate", Generate(root.Generate)),
                ("import", Import(root.Import)),
                ("renewBeforeDays", Number(root.RenewBeforeDays))) : null),
            ("rootCas", args.RootCas is null ? null : List(args.RootCas, r => Map(
                ("name", Text(r?.Name)),
                ("generate", Generate(r?.Generate)),
                ("import", Import(r?.Import)),
                ("renewBeforeDays", Number(r?.RenewBeforeDays))))),
            ("signingRoot", Text(args.SigningRoot)),
            ("workloadCertTtlHours", Number(args.WorkloadCertTtlHours)),
            ("forceRootRetire", Flag(args.ForceRootRetire)),
            ("unprotectRootCa", Flag(args.UnprotectRootCa)),
            ("intermediateCa", args.IntermediateCa is { } ca ? Map(("validityDays", Number(ca.ValidityDays)), ("renewBeforeDays", Number(ca.RenewBeforeDays)), ("algorithm", Text(ca.Algorithm))) : null),
            ("clusters", args.Clusters is null ? null : List(args.Clusters, Cluster)),
            ("services", args.Services is not { Count: > 0 } ? null : List(args.Services, Service)),
            ("addressPool", Text(args.AddressPool)),
            ("trustDomain", Text(args.TrustDomain)),
            ("allowSampleCerts", Flag(args.AllowSampleCerts)),
            ("demo", Flag(args.Demo)),
            ("renderYamlTo", Text(args.RenderYamlTo)),
            ("discovery", Text(args.Discovery))));
    }

    /// <summary>The value of an input when it is known now (a string given as is), else null.</summary>
    public static string? KnownNow(Input<string>? input)
    {
        if (input is null)
        {
            return null;
        }

        var output = input.ToOutput();
        var known = OutputUtilities.GetIsKnownAsync(output);
        var value = OutputUtilities.GetValueAsync(output);
        return known.IsCompletedSuccessfully && known.Result && value.IsCompletedSuccessfully ? value.Result : null;
    }

    private static ConfigMap? Generate(MeshRootCaGenerateArgs? g) => g is null ? null
        : Map(("commonName", Text(g.CommonName)), ("organization", Text(g.Organization)), ("algorithm", Text(g.Algorithm)), ("validityDays", Number(g.ValidityDays)));

    private static ConfigMap? Import(MeshRootCaImportArgs? i) => i is null ? null : Map(("certPem", Text(i.CertPem)), ("keyPem", Secret(i.KeyPem)));

    private static ConfigNode Cluster(MeshClusterArgs c) => Map(
        ("name", Text(c?.Name)),
        ("context", Text(c?.Context)),
        ("kubeconfig", Secret(c?.Kubeconfig)),
        ("network", Text(c?.Network)),
        ("dns", Text(c?.Dns)),
        ("coreDnsVersion", Text(c?.CoreDnsVersion)),
        ("gateway", c?.Gateway is { } g ? Map(("address", Deferred(g.Address)), ("nodePort", Number(g.NodePort)), ("globalGateway", Flag(g.GlobalGateway))) : null),
        ("egressGateway", Flag(c?.EgressGateway)),
        ("locality", Text(c?.Locality)),
        ("kubernetesVersion", Text(c?.KubernetesVersion)),
        ("apiServer", Text(c?.ApiServer)),
        ("adopt", Flag(c?.Adopt)),
        ("reconnect", Flag(c?.Reconnect)),
        ("unreachable", Flag(c?.Unreachable)));

    private static ConfigNode Service(MeshServiceArgs s) => Map(
        ("name", Text(s?.Name)),
        ("namespace", Text(s?.Namespace)),
        ("clusters", s?.Clusters is { } clusters ? List(clusters, Text) : null),
        ("ports", s?.Ports is { } ports ? List(ports, p => Map(("name", Text(p?.Name)), ("number", Number(p?.Number)), ("protocol", Text(p?.Protocol)), ("targetPort", Number(p?.TargetPort)))) : null),
        ("consumers", s?.Consumers is { Count: > 0 } consumers ? List(consumers, Text) : null),
        ("route", Text(s?.Route)),
        ("versions", s?.Versions is { Count: > 0 } versions ? List(versions, Text) : null),
        ("weights", s?.Weights is { } weights ? new ConfigMap([.. weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new ConfigEntry(w.Key, Number(w.Value)!, null))]) : null),
        ("address", Text(s?.Address)),
        ("serviceAccount", Text(s?.ServiceAccount)));

    private static ImmutableArray<ConfigEntry> Entries(params (string Key, ConfigNode? Value)[] entries) =>
        [.. entries.Where(e => e.Value is not null).Select(e => new ConfigEntry(e.Key, e.Value!, null))];

    private static ConfigMap Map(params (string Key, ConfigNode? Value)[] entries) => new(Entries(entries));

    // A null entry of a list is kept as null, so core reports it at its index (as for a stack file's "- ~").
    private static ConfigList List<T>(IEnumerable<T> items, Func<T, ConfigNode?> node) =>
        new([.. items.Select(i => i is null ? Null : node(i) ?? Null)]);

    private static readonly ConfigScalar Null = new("", ScalarStyle.Null);

    private static ConfigScalar? Text(string? value) => value is null ? null : new ConfigScalar(value, ScalarStyle.Quoted);

    private static ConfigScalar? Number(int? value) => value is { } n ? new ConfigScalar(n.ToString(CultureInfo.InvariantCulture), ScalarStyle.Number) : null;

    private static ConfigScalar? Flag(bool? value) => value is { } b ? new ConfigScalar(b ? "true" : "false", ScalarStyle.Boolean) : null;

    // A secret input: its text when known (core never prints it), else present but unknown, as an encrypted stack value.
    private static ConfigNode? Secret(Input<string>? input) => input is null ? null : KnownNow(input) is { } text ? Text(text) : new ConfigSecret();

    // A deploy-time input (a gateway address): its text when known, else a value core plans as known only when deployed.
    private static ConfigNode? Deferred(Input<string>? input) => input is null ? null : KnownNow(input) is { } text ? Text(text) : new ConfigDeferred();
}
