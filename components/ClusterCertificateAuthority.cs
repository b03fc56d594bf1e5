using System.Collections.Immutable;
using MeshStack.Components.Mapping;
using MeshStack.Core.Pki;
using MeshStack.Core.Plan;
using MeshStack.Core.Render;
using Pulumi;
using Tls = Pulumi.Tls;

namespace MeshStack.Components;

/// <summary>
/// One cluster's Istio CA: an intermediate key and certificate signed by the root (Pulumi.Tls), offered to the plan as the
/// <c>cacerts</c> files (all secret), and the plan's PKI objects (the <c>cacerts</c> Secret) on the cluster's provider.
/// </summary>
internal sealed class ClusterCertificateAuthority : ComponentResource
{
    /// <summary>The intermediate certificate (public).</summary>
    [Output("certificatePem")]
    public Output<string> CertificatePem { get; private set; }

    /// <summary>True once the cluster's cacerts Secret has been written (unknown in preview).</summary>
    internal Output<bool> Written { get; }

    /// <summary>Creates the intermediate and registers the PKI items.</summary>
    public ClusterCertificateAuthority(string name, ClusterCertificateAuthorityArgs args, ComponentResourceOptions? options = null)
        : base("meshstack:index:ClusterCertificateAuthority", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var request = args.Request;
        CustomResourceOptions Child(string suffix) => new()
        {
            Parent = this,
            Aliases = Naming.Was($"{name}-{suffix}", args.PreviousName is null ? null : $"{args.PreviousName}-{suffix}"),
        };
        var key = new Tls.PrivateKey($"{name}-key", TlsMapping.Key(request.Algorithm), Child("key"));
        var csr = new Tls.CertRequest($"{name}-csr", new Tls.CertRequestArgs
        {
            PrivateKeyPem = key.PrivateKeyPem,
            Subject = TlsMapping.RequestSubject(request),
        }, Child("csr"));
        var cert = new Tls.LocallySignedCert($"{name}-cert", TlsMapping.LocallySigned(request, csr.CertRequestPem, args.RootPrivateKeyPem, args.RootCertificatePem), Child("cert"));
        CertificatePem = cert.CertPem;

        var cluster = args.Context.Cluster;
        var root = args.RootCertificatePem.ToOutput();
        // root-cert.pem: every trusted root; cert-chain.pem: the intermediate and its own signing root (core's TrustBundle).
        var files = new Dictionary<CaFile, Output<string>>
        {
            [CaFile.CaCert] = cert.CertPem,
            [CaFile.CaKey] = key.PrivateKeyPem,
            [CaFile.RootCert] = args.TrustedRootsPem?.ToOutput() ?? root,
            [CaFile.CertChain] = TlsMapping.Chain(cert.CertPem, root),
        };
        foreach (var file in CaFiles.All)
        {
            // Render mode writes Secrets to plaintext files: the key goes there only on request (ProviderSettings.MayRender).
            var value = new CaFileOf(cluster, file);
            args.Context.Resolver.Provide(value, args.Context.RenderOnly && !args.RenderKeyMaterial && !ProviderSettings.MayRender(value)
                ? Output.CreateSecret(YamlWriter.Placeholder(value))
                : Output.CreateSecret(files[file]));
        }

        var secrets = PlanItemRegistrar.RegisterAll(args.Items, args.Context, this).OfType<CustomResource>().ToList();
        // Known once every cacerts object is written (its id), so the deployment record never runs ahead of a failed update.
        Written = Output.All(secrets.Select(s => s.Id)).Apply(_ => true);
        RegisterOutputs(new Dictionary<string, object?> { ["certificatePem"] = CertificatePem });
    }
}

/// <summary>Inputs of <see cref="ClusterCertificateAuthority"/>.</summary>
internal sealed class ClusterCertificateAuthorityArgs : ResourceArgs
{
    /// <summary>The root certificate that signs the intermediate.</summary>
    [Input("rootCertificatePem", required: true)]
    public required Input<string> RootCertificatePem { get; init; }

    /// <summary>The root key (a secret).</summary>
    [Input("rootPrivateKeyPem", required: true)]
    public required Input<string> RootPrivateKeyPem { get; init; }

    /// <summary>Every trusted root (root-cert.pem); the signing root alone when null.</summary>
    [Input("trustedRootsPem")]
    public Input<string>? TrustedRootsPem { get; init; }

    /// <summary>Core's intermediate request for the cluster.</summary>
    public required CertificateRequest Request { get; init; }

    /// <summary>The plan's PKI items of the cluster (the cacerts Secret).</summary>
    public required ImmutableArray<PlanItem> Items { get; init; }

    /// <summary>Write the intermediate key into rendered manifests in render mode (see <see cref="ClusterComponentArgs.RenderKeyMaterial"/>).</summary>
    public bool RenderKeyMaterial { get; init; }

    /// <summary>The component's name before names carried the federation's name: its children get aliases from it.</summary>
    internal string? PreviousName { get; init; }

    internal ClusterContext Context { get; init; } = null!;
}
