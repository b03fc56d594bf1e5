using MeshStack.Core.Model;
using MeshStack.Core.Pki;

namespace MeshStack.Core.Tests.Pki;

/// <summary>meshstack:rootCas and meshstack:signingRoot (issue 20): several trusted roots, one signer, rootCa as the one-root shorthand.</summary>
public class RootCasConfigTests
{
    private const string TwoRoots = """
          meshstack:rootCas:
            - name: ca
              generate: { commonName: Old Root }
            - name: next
              generate: { commonName: New Root, validityDays: 7300 }
          meshstack:signingRoot: next
        """;

    [Fact]
    public void The_rootCa_shorthand_is_one_root_named_ca_that_signs()
    {
        var result = CompilationHelper.Compile(StackBuilder.TwoClusters().WithLines("  meshstack:rootCa: { generate: { commonName: My Root } }").Build());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var trust = result.Spec!.Trust;
        var root = Assert.Single(trust.Roots);
        Assert.Equal(RootSpec.ShorthandName, root.Name);
        Assert.Equal("ca", trust.SigningRoot);
        Assert.Equal("My Root", ((RootCaSpec.Generate)root.Source).CommonName);
        Assert.Equal("ca", result.Plan!.RootCertificate.Root);
    }

    [Fact]
    public void Without_any_root_key_one_default_generated_root_named_ca_signs()
    {
        var result = CompilationHelper.Compile(StackBuilder.TwoClusters().Build());

        var root = Assert.Single(result.Spec!.Trust.Roots);
        Assert.Equal("ca", root.Name);
        Assert.IsType<RootCaSpec.Generate>(root.Source);
        Assert.Equal(730, root.RenewBeforeDays);
    }

    [Fact]
    public void Every_listed_root_is_trusted_sorted_by_name_and_the_signing_root_signs_the_intermediates()
    {
        var result = CompilationHelper.Compile(StackBuilder.TwoClusters().WithLines(TwoRoots).Build());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["ca", "next"], result.Spec!.Trust.Roots.Select(r => r.Name));
        Assert.Equal("next", result.Spec.Trust.SigningRoot);
        Assert.Equal("New Root", result.Plan!.RootCertificate.CommonName);
        Assert.Equal(["Old Root", "New Root"], result.Plan.RootCertificates.Select(r => r.CommonName));
        Assert.All(result.Plan.Clusters, c => Assert.Equal("next", c.IntermediateCertificate.Root));
    }

    [Fact]
    public void The_order_of_rootCas_does_not_change_the_plan()
    {
        var swapped = """
              meshstack:rootCas:
                - name: next
                  generate: { commonName: New Root, validityDays: 7300 }
                - name: ca
                  generate: { commonName: Old Root }
              meshstack:signingRoot: next
            """;
        var a = CompilationHelper.Compile(StackBuilder.TwoClusters().WithLines(TwoRoots).Build());
        var b = CompilationHelper.Compile(StackBuilder.TwoClusters().WithLines(swapped).Build());

        Assert.Equal(a.Plan!.RootCertificates.Select(r => (r.Root, r.CommonName, r.ValidityHours)), b.Plan!.RootCertificates.Select(r => (r.Root, r.CommonName, r.ValidityHours)));
        Assert.Equal(a.Spec!.Trust.Roots.Select(r => r.Name), b.Spec!.Trust.Roots.Select(r => r.Name));
    }

    public static TheoryData<string, string, string, string> Refusals => new()
    {
        // name, extra config, code, path
        { "both rootCa and rootCas", "  meshstack:rootCa: { generate: {} }\n  meshstack:rootCas: [{ name: ca, generate: {} }]", "MSH080", "meshstack:rootCas" },
        { "two roots with one name", "  meshstack:rootCas: [{ name: ca, generate: {} }, { name: ca, generate: {} }]", "MSH081", "meshstack:rootCas[1].name" },
        { "signing root not listed", "  meshstack:rootCas: [{ name: ca, generate: {} }]\n  meshstack:signingRoot: nxt", "MSH082", "meshstack:signingRoot" },
        { "two roots and no signing root", "  meshstack:rootCas: [{ name: ca, generate: {} }, { name: next, generate: {} }]", "MSH082", "meshstack:signingRoot" },
        { "signing root other than ca with the shorthand", "  meshstack:rootCa: { generate: {} }\n  meshstack:signingRoot: next", "MSH082", "meshstack:signingRoot" },
        { "an empty list", "  meshstack:rootCas: []", "MSH089", "meshstack:rootCas" },
        { "a root without a name", "  meshstack:rootCas: [{ generate: {} }]", "MSH004", "meshstack:rootCas[0].name" },
        { "a root name that is not a label", "  meshstack:rootCas: [{ name: Root_2, generate: {} }]", "MSH010", "meshstack:rootCas[0].name" },
        { "a root both generated and imported", "  meshstack:rootCas: [{ name: ca, generate: {}, import: { certPem: x, keyPem: y } }]", "MSH070", "meshstack:rootCas[0]" },
        { "an unknown key in a root", "  meshstack:rootCas: [{ name: ca, generat: {} }]", "MSH002", "meshstack:rootCas[0].generat" },
        { "a renewal window as long as the root", "  meshstack:rootCas: [{ name: ca, generate: { validityDays: 800 }, renewBeforeDays: 800 }]", "MSH078", "meshstack:rootCas[0].renewBeforeDays" },
        { "a workload TTL of zero", "  meshstack:workloadCertTtlHours: 0", "MSH078", "meshstack:workloadCertTtlHours" },
        { "a named root shorter than the intermediates", "  meshstack:rootCas: [{ name: ca, generate: {} }, { name: short, generate: { validityDays: 100 } }]\n  meshstack:signingRoot: ca", "MSH078", "meshstack:intermediateCa.validityDays" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Bad_root_settings_are_refused_with_a_code_at_their_path(string name, string extra, string code, string path)
    {
        var result = CompilationHelper.Compile(StackBuilder.TwoClusters().WithLines(extra).Build());

        Assert.False(result.Succeeded, name);
        Assert.Contains(result.Errors, d => d.Code == code && d.Path == path);
    }

    [Fact]
    public void Unprotected_generated_roots_are_a_warning()
    {
        var result = CompilationHelper.Compile(StackBuilder.TwoClusters().WithLines("  meshstack:unprotectRootCa: true").Build());

        Assert.True(result.Succeeded);
        Assert.True(result.Spec!.Trust.UnprotectRootCa);
        Assert.Contains(result.Diagnostics, d => d.Code == "MSH088");
    }

    [Fact]
    public void Root_cert_pem_holds_every_trusted_root_and_the_chain_only_the_signer()
    {
        var bundle = TrustBundle.RootCerts(["-----A-----\n", "-----B-----"]);
        var chain = TrustBundle.CertChain("-----I-----\n\n", "-----B-----\n");

        Assert.Equal("-----A-----\n-----B-----\n", bundle);
        Assert.Equal("-----I-----\n-----B-----\n", chain);
    }
}
