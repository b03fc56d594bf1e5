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
            PrivateKeyPem = Output.CreateSecret(import.KeyPem.Value is { } known ? Output.Create(known) : args.ImportedKeyPem?.ToOutput() ?? Output.Create(""));
        }
        else
        {
            // Protected (unless meshstack:unprotectRootCa): the engine then refuses to replace or delete the only copy of
            // the root key (pulumi/pulumi pkg/resource/deploy/step_generator.go, "marked for protection").
            var key = new Tls.PrivateKey($"{name}-key", TlsMapping.Key(request.Algorithm), new CustomResourceOptions { Parent = this, Protect = args.Protect });
            var cert = new Tls.SelfSignedCert($"{name}-cert", TlsMapping.SelfSigned(request, key.PrivateKeyPem), new CustomResourceOptions { Parent = this, Protect = args.Protect });
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

    /// <summary>Protect the generated key and certificate.</summary>
    public bool Protect { get; init; }

    /// <summary>An imported root's key given as a Pulumi input (typed args), when the config does not carry its value.</summary>
    public Input<string>? ImportedKeyPem { get; init; }
}
