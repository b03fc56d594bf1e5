using System.Security.Cryptography.X509Certificates;

namespace MeshStack.Core.Tests.Pki;

public class ImportedRootChecksTests
{
    private const string CertPath = "meshstack:rootCa.import.certPem";
    private const string KeyPath = "meshstack:rootCa.import.keyPem";

    private static CompileResult Import(X509Certificate2 root, X509Certificate2? keyOf = null, DateTimeOffset? now = null, int intermediateDays = 365) =>
        CompilationHelper.Compile(TestCa.ImportStack(TestCa.CertPem(root), TestCa.KeyPem(keyOf ?? root), intermediateDays: intermediateDays), options: new CompileOptions { Now = now ?? TestCa.Now });

    private static (string Code, string Path) Single(CompileResult result)
    {
        var d = Assert.Single(result.Diagnostics);
        return (d.Code, d.Path);
    }

    [Fact]
    public void A_sound_imported_root_compiles_without_findings()
    {
        using var root = TestCa.SelfSigned("Org Root");
        var result = Import(root);
        Assert.Empty(result.Diagnostics);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void A_root_with_CA_false_is_refused_with_MSH071()
    {
        using var leaf = TestCa.SelfSigned("Not A CA", isCa: false);
        var result = Import(leaf);
        Assert.Equal(("MSH071", CertPath), Single(result));
        Assert.Contains("'CN=Not A CA, O=Test' has basicConstraints CA:FALSE", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void A_root_without_basic_constraints_is_refused_with_MSH071()
    {
        using var leaf = TestCa.SelfSigned("Plain", isCa: null);
        Assert.Equal(("MSH071", CertPath), Single(Import(leaf)));
    }

    [Fact]
    public void A_CA_root_without_keyCertSign_is_refused_with_MSH071()
    {
        using var root = TestCa.SelfSigned("No Sign", usages: X509KeyUsageFlags.DigitalSignature);
        Assert.Equal(("MSH071", CertPath), Single(Import(root)));
    }

    [Fact]
    public void A_key_of_another_certificate_is_refused_with_MSH072_without_printing_the_key()
    {
        using var root = TestCa.SelfSigned("Org Root");
        using var other = TestCa.SelfSigned("Other");
        var result = Import(root, keyOf: other);
        Assert.Equal(("MSH072", KeyPath), Single(result));
        Assert.DoesNotContain(TestCa.KeyPem(other).Split('\n')[1], result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_root_is_refused_with_MSH073()
    {
        using var root = TestCa.SelfSigned("Old", notBefore: TestCa.Now.AddYears(-3), notAfter: TestCa.Now.AddDays(-1));
        var result = Import(root);
        Assert.Equal(("MSH073", CertPath), Single(result));
        Assert.Contains("expired on 2030-05-31 12:00:00Z (now is 2030-06-01 12:00:00Z)", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_valid_only_from_tomorrow_is_refused_with_MSH074()
    {
        using var root = TestCa.SelfSigned("Future", notBefore: TestCa.Now.AddDays(1), notAfter: TestCa.Now.AddYears(5));
        Assert.Equal(("MSH074", CertPath), Single(Import(root)));
    }

    [Fact]
    public void A_root_expiring_before_the_intermediates_would_is_refused_with_MSH075()
    {
        using var root = TestCa.SelfSigned("Short", notAfter: TestCa.Now.AddDays(100));
        var result = Import(root, intermediateDays: 365);
        Assert.Equal(("MSH075", CertPath), Single(result));
        Assert.Contains("intermediateCa.validityDays", result.Diagnostics[0].Message, StringComparison.Ordinal);
        // Long enough for 90-day intermediates, but inside its renewal window (twice 90 days): a warning to rotate (issue 20).
        Assert.Equal("MSH086", Assert.Single(Import(root, intermediateDays: 90).Diagnostics).Code);
    }

    [Fact]
    public void Time_checks_are_skipped_without_a_clock()
    {
        using var root = TestCa.SelfSigned("Old", notBefore: TestCa.Now.AddYears(-3), notAfter: TestCa.Now.AddDays(-1));
        var result = CompilationHelper.Compile(TestCa.ImportStack(TestCa.CertPem(root), TestCa.KeyPem(root)), options: new CompileOptions { Now = null });
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_secret_key_the_compiler_cannot_read_skips_only_the_key_check()
    {
        using var leaf = TestCa.SelfSigned("Not A CA", isCa: false);
        var result = CompilationHelper.Compile(TestCa.ImportStack(TestCa.CertPem(leaf), keyPem: null), options: new CompileOptions { Now = TestCa.Now });
        Assert.Equal(("MSH071", CertPath), Single(result));
    }

    [Fact]
    public void Text_that_is_not_a_certificate_is_refused_with_MSH079_quoting_it()
    {
        using var root = TestCa.SelfSigned("Org Root");
        var result = CompilationHelper.Compile(TestCa.ImportStack("hello, I am not a certificate", TestCa.KeyPem(root)), options: new CompileOptions { Now = TestCa.Now });
        Assert.Equal(("MSH079", CertPath), Single(result));
        Assert.Contains("'hello, I am not a certificate'", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_certificate_block_is_refused_with_MSH079()
    {
        var result = CompilationHelper.Compile(TestCa.ImportStack("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", null), options: new CompileOptions { Now = TestCa.Now });
        Assert.Equal(("MSH079", CertPath), Single(result));
    }

    [Fact]
    public void A_key_that_is_not_a_private_key_is_refused_with_MSH079()
    {
        using var root = TestCa.SelfSigned("Org Root");
        var result = CompilationHelper.Compile(TestCa.ImportStack(TestCa.CertPem(root), TestCa.CertPem(root)), options: new CompileOptions { Now = TestCa.Now });
        Assert.Equal(("MSH079", KeyPath), Single(result));
    }

    [Fact]
    public void A_generated_root_shorter_than_the_intermediates_is_refused_with_MSH078()
    {
        var result = CompilationHelper.Compile(StackBuilder.Empty()
            .With("rootCa", "{ generate: { commonName: R, organization: O, algorithm: ecdsa-p256, validityDays: 100 } }")
            .With("intermediateCa", "{ validityDays: 365, renewBeforeDays: 30 }")
            .Cluster("cluster1", null)
            .Build());
        Assert.Equal(("MSH078", "meshstack:intermediateCa.validityDays"), Single(result));
    }
}
