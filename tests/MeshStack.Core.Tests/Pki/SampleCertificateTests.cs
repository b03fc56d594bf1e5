using System.Text.Json;
using MeshStack.Core.Pki;

namespace MeshStack.Core.Tests.Pki;

/// <summary>Istio's sample CA is refused by fingerprint (issue 4); the deny-list is checked against the reference data.</summary>
public class SampleCertificateTests
{
    private static readonly string SampleDir = Repo.ReferenceFile("istio", "sample-certs");

    public static TheoryData<string> SampleFiles() => new(Fingerprints().RootElement.GetProperty("files").EnumerateObject()
        .Where(f => f.Value.TryGetProperty("certificates", out _)).Select(f => f.Name));

    private static JsonDocument Fingerprints() => JsonDocument.Parse(File.ReadAllText(Path.Combine(SampleDir, "fingerprints.json")));

    [Fact]
    public void The_deny_list_equals_every_certificate_in_the_reference_fingerprints()
    {
        using var json = Fingerprints();
        var files = json.RootElement.GetProperty("files").EnumerateObject().ToList();
        var reference = files.Where(f => f.Value.TryGetProperty("certificates", out _))
            .SelectMany(f => f.Value.GetProperty("certificates").EnumerateArray())
            .Select(c => (c.GetProperty("certSha256").GetString()!, c.GetProperty("spkiSha256").GetString()!))
            .ToHashSet();
        var denied = SampleCertificates.All.Select(s => (s.CertSha256, s.SpkiSha256)).ToHashSet();
        Assert.Equal(reference.Order(), denied.Order());
        Assert.Equal(SampleCertificates.All.Length, denied.Count);

        var keySpki = files.Single(f => f.Name == "ca-key.pem").Value.GetProperty("publicKeySpkiSha256").GetString()!;
        Assert.NotNull(SampleCertificates.FindByKey(keySpki));
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Core_computes_the_fingerprints_openssl_computed(string file)
    {
        using var json = Fingerprints();
        var expected = json.RootElement.GetProperty("files").GetProperty(file).GetProperty("certificates").EnumerateArray()
            .Select(c => (c.GetProperty("certSha256").GetString(), c.GetProperty("spkiSha256").GetString())).ToList();
        var certificates = Pem.Certificates(File.ReadAllText(Path.Combine(SampleDir, file)), out var error)!.Value;
        Assert.Null(error);
        Assert.Equal(expected, certificates.Select(c => ((string?)Pem.CertSha256(c), (string?)Pem.SpkiSha256(c))).ToList());
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Importing_a_sample_certificate_as_root_is_refused_with_MSH076(string file)
    {
        var stack = TestCa.ImportStack(File.ReadAllText(Path.Combine(SampleDir, file)), keyPem: null);
        var result = CompilationHelper.Compile(stack);
        var sample = Assert.Single(result.Diagnostics, d => d.Code == "MSH076");
        Assert.Equal("meshstack:rootCa.import.certPem", sample.Path);
        Assert.Contains("samples/certs/", sample.Message, StringComparison.Ordinal);
        Assert.Contains("allowSampleCerts", sample.Message, StringComparison.Ordinal);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void The_sample_key_is_recognised_by_its_public_key_even_under_another_certificate()
    {
        using var root = TestCa.SelfSigned("Org Root");
        var stack = TestCa.ImportStack(TestCa.CertPem(root), File.ReadAllText(Path.Combine(SampleDir, "ca-key.pem")));
        var result = CompilationHelper.Compile(stack);
        Assert.Contains(result.Diagnostics, d => d.Code == "MSH076" && d.Path == "meshstack:rootCa.import.keyPem");
        Assert.Contains(result.Diagnostics, d => d.Code == "MSH072");
    }

    [Fact]
    public void A_dev_stack_may_use_the_sample_CA_with_only_an_MSH077_warning()
    {
        var stack = TestCa.ImportStack(File.ReadAllText(Path.Combine(SampleDir, "ca-cert.pem")), File.ReadAllText(Path.Combine(SampleDir, "ca-key.pem")), allowSampleCerts: true);
        var result = CompilationHelper.Compile(stack, options: new CompileOptions { Now = TestCa.Now });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.All(result.Diagnostics, d => Assert.Equal(("MSH077", Diagnostics.Severity.Warning), (d.Code, d.Severity)));
        Assert.Equal(["meshstack:rootCa.import.certPem", "meshstack:rootCa.import.keyPem"], result.Diagnostics.Select(d => d.Path).Order(StringComparer.Ordinal));
    }
}
