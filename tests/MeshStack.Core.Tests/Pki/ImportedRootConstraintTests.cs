using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MeshStack.Core.Tests.Pki;

/// <summary>
/// What an imported root (or issuing CA) must allow below it: each cluster's intermediate and the workload leaves it
/// signs. The constraint checks (MSH215, MSH216) are confirmed here against a real chain verifier (X509Chain, OpenSSL on
/// Linux), so the rule is not only MeshStack's idea of RFC 5280.
/// </summary>
public class ImportedRootConstraintTests
{
    private const string CertPath = "meshstack:rootCa.import.certPem";
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    private static CompileResult Import(string certPem, string keyPem) =>
        CompilationHelper.Compile(TestCa.ImportStack(certPem, keyPem), options: new CompileOptions { Now = TestCa.Now });

    [Fact]
    public void A_root_with_pathlen_0_is_refused_with_MSH215_because_the_intermediate_leaves_no_room_for_the_leaf()
    {
        using var root = TestCa.SelfSigned("Tight Root", pathLength: 0);
        var result = Import(TestCa.CertPem(root), TestCa.KeyPem(root));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("MSH215", CertPath), (d.Code, d.Path));
        Assert.Contains("'CN=Tight Root, O=Test' has pathlen:0, but every workload certificate would have 1 CA certificate below it", d.Message, StringComparison.Ordinal);
        Assert.Contains("at least 1", d.Message, StringComparison.Ordinal);
        Assert.False(result.Succeeded);

        // The verifier agrees: root(pathlen 0) → intermediate → leaf does not build; the same with pathlen 1 does.
        Assert.False(ChainBuilds(root));
        using var roomy = TestCa.SelfSigned("Roomy Root", pathLength: 1);
        Assert.True(ChainBuilds(roomy));
        Assert.Empty(Import(TestCa.CertPem(roomy), TestCa.KeyPem(roomy)).Diagnostics);
    }

    [Fact]
    public void An_issuing_CA_with_pathlen_0_under_an_organisation_root_is_refused_with_MSH215_naming_its_place_in_the_chain()
    {
        using var orgRoot = TestCa.SelfSigned("Org Root", pathLength: 2);
        using var issuing = Issue(orgRoot, "Issuing CA", pathLength: 0);
        var result = Import(TestCa.CertPem(issuing) + "\n" + TestCa.CertPem(orgRoot), TestCa.KeyPem(issuing));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("MSH215", d.Code);
        Assert.Contains("'CN=Issuing CA, O=Test' (certificate 1 of 2) has pathlen:0", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_organisation_root_with_pathlen_1_above_an_issuing_CA_is_refused_with_MSH215_it_needs_2()
    {
        using var orgRoot = TestCa.SelfSigned("Org Root", pathLength: 1);
        using var issuing = Issue(orgRoot, "Issuing CA", pathLength: null);
        var d = Assert.Single(Import(TestCa.CertPem(issuing) + "\n" + TestCa.CertPem(orgRoot), TestCa.KeyPem(issuing)).Diagnostics);
        Assert.Equal("MSH215", d.Code);
        Assert.Contains("'CN=Org Root, O=Test' (certificate 2 of 2) has pathlen:1, but every workload certificate would have 2 CA certificates below it", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_whose_extended_key_usage_lacks_serverAuth_is_refused_with_MSH216()
    {
        using var root = TestCa.SelfSigned("Client Only Root", extendedUsages: [ClientAuth]);
        var result = Import(TestCa.CertPem(root), TestCa.KeyPem(root));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("MSH216", CertPath), (d.Code, d.Path));
        Assert.Contains("limits its extended key usage to clientAuth, without serverAuth: istiod verifies its CA for serverAuth", d.Message, StringComparison.Ordinal);

        // The verifier agrees: asked for serverAuth (as istiod's x509.Verify is by default), the chain is refused.
        Assert.False(ChainBuilds(root, ServerAuth));
        Assert.True(ChainBuilds(root));
    }

    [Fact]
    public void A_root_whose_extended_key_usage_lacks_clientAuth_is_refused_with_MSH216_because_peers_verify_client_chains()
    {
        using var root = TestCa.SelfSigned("TLS Server CA", extendedUsages: [ServerAuth]);
        var d = Assert.Single(Import(TestCa.CertPem(root), TestCa.KeyPem(root)).Diagnostics);
        Assert.Equal("MSH216", d.Code);
        Assert.Contains("limits its extended key usage to serverAuth, without clientAuth", d.Message, StringComparison.Ordinal);

        // The server side of an mTLS connection verifies the client's chain for clientAuth (Envoy: purpose ssl_client).
        Assert.True(ChainBuilds(root, ServerAuth));
        Assert.False(ChainBuilds(root, ClientAuth));
    }

    [Fact]
    public void A_root_whose_extended_key_usage_includes_serverAuth_and_clientAuth_is_accepted()
    {
        using var root = TestCa.SelfSigned("Usage Root", extendedUsages: [ServerAuth, ClientAuth]);
        Assert.Empty(Import(TestCa.CertPem(root), TestCa.KeyPem(root)).Diagnostics);
        Assert.True(ChainBuilds(root, ServerAuth));
        Assert.True(ChainBuilds(root, ClientAuth));
    }

    [Fact]
    public void A_root_whose_extended_key_usage_includes_anyExtendedKeyUsage_is_accepted_as_Go_reads_it()
    {
        // Go's x509 (istiod) lets ExtKeyUsageAny satisfy every usage (crypto/x509/verify.go, checkChainForKeyUsage);
        // OpenSSL's purpose check does not, so X509Chain is no oracle for this case.
        using var root = TestCa.SelfSigned("Any Usage Root", extendedUsages: ["2.5.29.37.0", ClientAuth]);
        Assert.Empty(Import(TestCa.CertPem(root), TestCa.KeyPem(root)).Diagnostics);
    }

    [Fact]
    public void A_name_constrained_root_is_refused_with_MSH216_because_istiods_own_serving_certificate_would_break_them()
    {
        using var root = TestCa.SelfSigned("Corp Issuing CA", extensions: PermittedDns(".corp.example.com"));
        var d = Assert.Single(Import(TestCa.CertPem(root), TestCa.KeyPem(root)).Diagnostics);
        Assert.Equal(("MSH216", CertPath), (d.Code, d.Path));
        Assert.Contains("has a nameConstraints extension: istiod re-mints its own serving certificate (istiod.istio-system.svc)", d.Message, StringComparison.Ordinal);

        // The verifier agrees: istiod's DNS leaf under the constrained chain is refused; a SPIFFE-only leaf is not.
        Assert.False(ChainBuilds(root, dnsName: "istiod.istio-system.svc"));
        Assert.True(ChainBuilds(root));
    }

    // Builds root → a cluster-style intermediate (CA, pathlen 0, as MeshStack issues) → a workload leaf and asks the
    // platform verifier whether the chain is valid (optionally for one extended key usage).
    private static bool ChainBuilds(X509Certificate2 root, string? forUsage = null, string? dnsName = null)
    {
        using var intermediate = Issue(root, "Cluster Intermediate", pathLength: 0);
        using var leaf = Issue(intermediate, "workload", pathLength: null, isCa: false, dnsName: dnsName);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(intermediate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = TestCa.Now.UtcDateTime;
        if (forUsage is not null)
        {
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(forUsage));
        }

        return chain.Build(leaf);
    }

    // nameConstraints (RFC 5280 4.2.1.10) permitting one DNS subtree; .NET has no builder for it.
    private static X509Extension PermittedDns(string subtree)
    {
        var w = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0)))
            {
                using (w.PushSequence())
                {
                    w.WriteCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, subtree, new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 2));
                }
            }
        }

        return new X509Extension("2.5.29.30", w.Encode(), critical: true);
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string commonName, int? pathLength, bool isCa = true, string? dnsName = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=Test", key, HashAlgorithmName.SHA256);
        if (!isCa)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddUri(new Uri("spiffe://cluster.local/ns/foo/sa/sleep"));
            if (dnsName is not null)
            {
                san.AddDnsName(dnsName);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, pathLength is not null, pathLength ?? 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(isCa ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var signer = issuer.GetECDsaPrivateKey()!;
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(signer), TestCa.Now.AddDays(-1), TestCa.Now.AddYears(5), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
