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
        using var root = TestCa.SelfSigned("Client Only Root", extendedUsages: ClientAuth);
        var result = Import(TestCa.CertPem(root), TestCa.KeyPem(root));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("MSH216", CertPath), (d.Code, d.Path));
        Assert.Contains("limits its extended key usage to clientAuth; istiod verifies its CA for serverAuth", d.Message, StringComparison.Ordinal);

        // The verifier agrees: asked for serverAuth (as istiod's x509.Verify is by default), the chain is refused.
        Assert.False(ChainBuilds(root, ServerAuth));
        Assert.True(ChainBuilds(root));
    }

    [Fact]
    public void A_root_whose_extended_key_usage_includes_serverAuth_is_accepted()
    {
        using var root = TestCa.SelfSigned("Usage Root", extendedUsages: [ServerAuth, ClientAuth]);
        Assert.Empty(Import(TestCa.CertPem(root), TestCa.KeyPem(root)).Diagnostics);
        Assert.True(ChainBuilds(root, ServerAuth));
    }

    [Fact]
    public void A_root_whose_extended_key_usage_includes_anyExtendedKeyUsage_is_accepted_as_Go_reads_it()
    {
        // Go's x509 (istiod) lets ExtKeyUsageAny satisfy every usage (crypto/x509/verify.go, checkChainForKeyUsage);
        // OpenSSL's purpose check does not, so X509Chain is no oracle for this case.
        using var root = TestCa.SelfSigned("Any Usage Root", extendedUsages: ["2.5.29.37.0", ClientAuth]);
        Assert.Empty(Import(TestCa.CertPem(root), TestCa.KeyPem(root)).Diagnostics);
    }

    // Builds root → a cluster-style intermediate (CA, pathlen 0, as MeshStack issues) → a workload leaf and asks the
    // platform verifier whether the chain is valid (optionally for one extended key usage).
    private static bool ChainBuilds(X509Certificate2 root, string? forUsage = null)
    {
        using var intermediate = Issue(root, "Cluster Intermediate", pathLength: 0);
        using var leaf = Issue(intermediate, "workload", pathLength: null, isCa: false);
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

    private static X509Certificate2 Issue(X509Certificate2 issuer, string commonName, int? pathLength, bool isCa = true)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=Test", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, pathLength is not null, pathLength ?? 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(isCa ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var signer = issuer.GetECDsaPrivateKey()!;
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(signer), TestCa.Now.AddDays(-1), TestCa.Now.AddYears(5), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
