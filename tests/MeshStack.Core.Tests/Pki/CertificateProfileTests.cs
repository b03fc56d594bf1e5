using System.Security.Cryptography.X509Certificates;
using MeshStack.Core.Model;
using MeshStack.Core.Pki;

namespace MeshStack.Core.Tests.Pki;

public class CertificateProfileTests
{
    private static MeshSpec Spec(string extra = "") => CompilationHelper.Compile(StackBuilder.Empty()
        .With("rootCa", "{ generate: { commonName: Example Root, organization: Example, algorithm: rsa-4096, validityDays: 3650 } }")
        .With("intermediateCa", $"{{ validityDays: 90, renewBeforeDays: 10{extra} }}")
        .Cluster("cluster1", null)
        .Cluster("cluster2", null)
        .Build()).Spec!;

    [Fact]
    public void The_root_is_a_CA_that_signs_certificates_and_CRLs_for_the_configured_time()
    {
        var root = CertificateProfile.Root(Spec());
        Assert.Equal((CertificateRole.Root, "Example Root", "Example", KeyAlgorithm.Rsa4096, 3650 * 24, true, (int?)null),
            (root.Role, root.CommonName, root.Organization, root.Algorithm, root.ValidityHours, root.IsCa, root.MaxPathLength));
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, KeyUsages.Flags(root));
    }

    [Fact]
    public void An_intermediate_names_its_cluster_cannot_issue_CAs_and_renews_early()
    {
        var spec = Spec(", algorithm: ecdsa-p384");
        var intermediate = CertificateProfile.Intermediate(spec, spec.Clusters[1]);
        Assert.Equal(("cluster2", "Intermediate CA cluster2", "cluster2", "Example", KeyAlgorithm.EcdsaP384, 90 * 24, 10 * 24, true, (int?)0),
            (intermediate.Cluster, intermediate.CommonName, intermediate.Locality, intermediate.Organization, intermediate.Algorithm,
             intermediate.ValidityHours, intermediate.EarlyRenewalHours, intermediate.IsCa, intermediate.MaxPathLength));
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment,
            KeyUsages.Flags(intermediate));
    }

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256, "ECDSA", "P256", null)]
    [InlineData(KeyAlgorithm.EcdsaP384, "ECDSA", "P384", null)]
    [InlineData(KeyAlgorithm.Rsa4096, "RSA", null, 4096)]
    public void Key_algorithms_map_to_Pulumi_Tls_words(KeyAlgorithm algorithm, string family, string? curve, int? bits) =>
        Assert.Equal((family, curve, bits), (KeyAlgorithms.Family(algorithm), KeyAlgorithms.EcdsaCurve(algorithm), KeyAlgorithms.RsaBits(algorithm)));
}
