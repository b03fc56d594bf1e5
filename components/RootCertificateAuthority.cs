using MeshStack.Components.Mapping;
using MeshStack.Core.Model;
using MeshStack.Core.Pki;
using Pulumi;
using Tls = Pulumi.Tls;

namespace MeshStack.Components;

/// <summary>The shared root CA: a generated key and self-signed certificate (Pulumi.Tls), or an organisation's imported root.</summary>
internal sealed class RootCertificateAuthority : ComponentResource
{
    /// <summary>The root certificate (public).</summary>
    [Output("certificatePem")]
    public Output<string> CertificatePem { get; private set; }

    /// <summary>The root key, a Pulumi secret. Not a component output: it signs the intermediates and goes nowhere else.</summary>
    internal Output<string> PrivateKeyPem { get; }

    /// <summary>Creates the root CA.</summary>
    public RootCertificateAuthority(string name, RootCertificateAuthorityArgs args, ComponentResourceOptions? options = null)
        : base("meshstack:index:RootCertificateAuthority", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var request = args.Request;
        if (args.Source is RootCaSpec.Import import)
        {
            CertificatePem = Output.Create(import.CertificatePem);
            PrivateKeyPem = Output.CreateSecret(import.KeyPem.Value ?? "");
        }
        else
        {
            var key = new Tls.PrivateKey($"{name}-key", TlsMapping.Key(request.Algorithm), new CustomResourceOptions { Parent = this });
            var cert = new Tls.SelfSignedCert($"{name}-cert", TlsMapping.SelfSigned(request, key.PrivateKeyPem), new CustomResourceOptions { Parent = this });
            CertificatePem = cert.CertPem;
            PrivateKeyPem = Output.CreateSecret(key.PrivateKeyPem);
        }

        RegisterOutputs(new Dictionary<string, object?> { ["certificatePem"] = CertificatePem });
    }
}

/// <summary>Inputs of <see cref="RootCertificateAuthority"/>: core's root request and where the root comes from.</summary>
internal sealed class RootCertificateAuthorityArgs : ResourceArgs
{
    /// <summary>The root certificate profile (used when generating).</summary>
    public required CertificateRequest Request { get; init; }

    /// <summary>Generate or import.</summary>
    public required RootCaSpec Source { get; init; }
}
