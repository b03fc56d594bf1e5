using System.Collections.Immutable;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;

namespace MeshStack.Core.Config;

/// <summary>
/// Reads the roots: <c>meshstack:rootCas</c> (named roots, each generate or import) with <c>meshstack:signingRoot</c>,
/// or the one-root shorthand <c>meshstack:rootCa</c> (a root named <see cref="RootSpec.ShorthandName"/>), and the
/// rotation settings (<c>workloadCertTtlHours</c>, <c>forceRootRetire</c>, <c>unprotectRootCa</c>).
/// </summary>
internal static class TrustReader
{
    private static readonly RootCaSpec.Generate Defaults = new("MeshStack Root CA", "MeshStack", KeyAlgorithm.EcdsaP256, 3650);

    /// <summary>Most roots one federation may trust at once.</summary>
    public const int MaxRoots = 16;

    public static TrustSpec Read(NodeReader r, ConfigDocument document, IntermediateCaSpec intermediate)
    {
        var shorthand = document["rootCa"];
        var list = document["rootCas"];
        var signingNode = document["signingRoot"];
        var roots = new List<RootSpec>();
        string? signing = null;
        if (shorthand is not null && list is not null)
        {
            r.Report(DiagnosticBuilder.RootCaAndRootCas(list.Position));
        }

        if (list is not null)
        {
            roots.AddRange(ReadList(r, list, intermediate));
            signing = ReadSigning(r, signingNode, roots);
        }
        else
        {
            roots.Add(ReadRoot(r, shorthand, "meshstack:rootCa", RootSpec.ShorthandName, ConfigKeys.RootCa, intermediate));
            if (signingNode is not null)
            {
                var text = r.String(signingNode, "meshstack:signingRoot");
                if (text is not null && text != RootSpec.ShorthandName)
                {
                    r.Report(DiagnosticBuilder.UnknownSigningRoot(text, signingNode.Position));
                }
            }
        }

        var ttl = r.Int(document["workloadCertTtlHours"], "meshstack:workloadCertTtlHours", 1, 24 * 90, DiagnosticBuilder.InvalidValidity) ?? TrustSpec.DefaultWorkloadCertTtlHours;
        var trust = new TrustSpec
        {
            Roots = roots.OrderBy(x => x.Name, StringComparer.Ordinal).ToImmutableArray(),
            SigningRoot = signing ?? roots.FirstOrDefault()?.Name ?? RootSpec.ShorthandName,
            WorkloadCertTtlHours = ttl,
            ForceRootRetire = r.Bool(document["forceRootRetire"], "meshstack:forceRootRetire") ?? false,
            UnprotectRootCa = r.Bool(document["unprotectRootCa"], "meshstack:unprotectRootCa") ?? false,
        };
        if (trust.Roots.IsEmpty || trust.Find(trust.SigningRoot) is null)
        {
            // Keep the spec usable for the other checks; the errors above stop the compile.
            return trust with { Roots = [Root(RootSpec.ShorthandName, Defaults, 730, "meshstack:rootCa")], SigningRoot = RootSpec.ShorthandName };
        }

        if (trust.UnprotectRootCa && trust.Roots.Any(x => x.Source is RootCaSpec.Generate))
        {
            r.Report(DiagnosticBuilder.RootsUnprotected());
        }

        return trust;
    }

    private static IEnumerable<RootSpec> ReadList(NodeReader r, ConfigNode list, IntermediateCaSpec intermediate)
    {
        var items = r.List(list, "meshstack:rootCas");
        if (items is null)
        {
            yield break;
        }

        if (items.Value.IsEmpty)
        {
            r.Report(DiagnosticBuilder.NoRoots(list.Position));
            yield break;
        }

        if (items.Value.Length > MaxRoots)
        {
            r.Report(DiagnosticBuilder.TooLarge("meshstack:rootCas", BoundedList.Roots, items.Value.Length, MaxRoots, list.Position));
            yield break;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Value.Length; i++)
        {
            var path = ConfigPath.Item("meshstack:rootCas", i);
            var map = r.Map(items.Value[i], path, ConfigKeys.RootCasItem);
            if (map is null)
            {
                continue;
            }

            var nameNode = map["name"];
            if (nameNode is null)
            {
                r.Missing(ConfigPath.Child(path, "name"), RequiredValue.RootName, map.Position);
                continue;
            }

            var name = SpecReader.ReadOptionalLabel(r, nameNode, ConfigPath.Child(path, "name"));
            if (name is null)
            {
                continue;
            }

            if (seen.TryGetValue(name, out var first))
            {
                r.Report(DiagnosticBuilder.DuplicateRootName(ConfigPath.Child(path, "name"), name, first, nameNode.Position));
                continue;
            }

            seen[name] = path;
            yield return ReadRoot(r, map, path, name, ConfigKeys.RootCasItem, intermediate);
        }
    }

    private static string? ReadSigning(NodeReader r, ConfigNode? node, List<RootSpec> roots)
    {
        var names = roots.Select(x => x.Name).ToList();
        if (node is null)
        {
            if (roots.Count > 1)
            {
                r.Report(DiagnosticBuilder.UnknownSigningRoot(names));
            }

            return roots.FirstOrDefault()?.Name;
        }

        var text = r.String(node, "meshstack:signingRoot");
        if (text is null || roots.Count == 0)
        {
            return null;
        }

        if (!names.Contains(text))
        {
            r.Report(DiagnosticBuilder.UnknownSigningRoot(text, names, NodeReader.Closest(text, names), node.Position));
            return null;
        }

        return text;
    }

    private static RootSpec ReadRoot(NodeReader r, ConfigNode? node, string path, string name, IReadOnlyCollection<string> keys, IntermediateCaSpec intermediate)
    {
        var map = r.Map(node, path, keys);
        if (map is null)
        {
            return Root(name, Defaults, DefaultRenewal(Defaults, intermediate), path);
        }

        var generate = map["generate"];
        var import = map["import"];
        if ((generate is null) == (import is null))
        {
            r.Report(DiagnosticBuilder.RootCaChoice(path, map.Position));
            return Root(name, Defaults, DefaultRenewal(Defaults, intermediate), path);
        }

        RootCaSpec source = generate is not null ? ReadGenerate(r, generate, ConfigPath.Child(path, "generate")) : ReadImport(r, import!, ConfigPath.Child(path, "import"));
        var renewPath = ConfigPath.Child(path, "renewBeforeDays");
        var renew = r.Int(map["renewBeforeDays"], renewPath, 0, 36500, DiagnosticBuilder.InvalidValidity);
        if (renew is { } days && source is RootCaSpec.Generate g && days >= g.ValidityDays)
        {
            r.Report(DiagnosticBuilder.InvalidValidity(renewPath, days, g.ValidityDays, map["renewBeforeDays"]!.Position));
        }

        return Root(name, source, renew ?? DefaultRenewal(source, intermediate), path);
    }

    // Twice the intermediates' lifetime: the warning comes while a whole intermediate lifetime is still left to rotate in.
    private static int DefaultRenewal(RootCaSpec source, IntermediateCaSpec intermediate)
    {
        var days = 2 * intermediate.ValidityDays;
        return source is RootCaSpec.Generate g && days >= g.ValidityDays ? g.ValidityDays / 2 : days;
    }

    private static RootSpec Root(string name, RootCaSpec source, int renew, string path) =>
        new() { Name = name, Source = source, RenewBeforeDays = renew, ConfigPath = path };

    private static RootCaSpec.Generate ReadGenerate(NodeReader r, ConfigNode node, string path)
    {
        var g = r.Map(node, path, ConfigKeys.RootCaGenerate);
        return new RootCaSpec.Generate(
            r.String(g?["commonName"], ConfigPath.Child(path, "commonName")) ?? Defaults.CommonName,
            r.String(g?["organization"], ConfigPath.Child(path, "organization")) ?? Defaults.Organization,
            r.Enum(g?["algorithm"], ConfigPath.Child(path, "algorithm"), SpecReader.Algorithms) ?? Defaults.Algorithm,
            r.Int(g?["validityDays"], ConfigPath.Child(path, "validityDays"), 1, 36500, DiagnosticBuilder.InvalidValidity) ?? Defaults.ValidityDays);
    }

    private static RootCaSpec.Import ReadImport(NodeReader r, ConfigNode node, string path)
    {
        var i = r.Map(node, path, ConfigKeys.RootCaImport);
        if (i?["certPem"] is ConfigDeferred)
        {
            // Only typed args make one: an input whose value is not known when the program runs.
            r.Report(DiagnosticBuilder.RootCertificateNotKnown(ConfigPath.Child(path, "certPem")));
            return new RootCaSpec.Import("", new SecretText(null, true));
        }

        var cert = r.String(i?["certPem"], ConfigPath.Child(path, "certPem"));
        if (cert is null)
        {
            r.Missing(ConfigPath.Child(path, "certPem"), RequiredValue.RootCertificate, i?.Position);
        }

        var keyNode = i?["keyPem"];
        if (keyNode is null)
        {
            r.Missing(ConfigPath.Child(path, "keyPem"), RequiredValue.RootKey, i?.Position);
        }

        var key = keyNode is ConfigSecret or ConfigDeferred ? new SecretText(null, true) : new SecretText(r.String(keyNode, ConfigPath.Child(path, "keyPem")), true);
        return new RootCaSpec.Import(cert ?? "", key);
    }
}
