using Pulumi;

namespace MeshStack.Components;

/// <summary>The Istio release (<c>meshstack:istio</c>).</summary>
public sealed class MeshIstioArgs : ResourceArgs
{
    /// <summary>The version (default 1.30.3 for multi-primary).</summary>
    [Input("version")]
    public string? Version { get; set; }

    /// <summary>The unpacked release folder (legacy-gateways only).</summary>
    [Input("releaseDir")]
    public string? ReleaseDir { get; set; }
}

/// <summary>Where the shared root CA comes from (<c>meshstack:rootCa</c>): set one of the two.</summary>
public sealed class MeshRootCaArgs : ResourceArgs
{
    /// <summary>MeshStack generates the root.</summary>
    [Input("generate")]
    public MeshRootCaGenerateArgs? Generate { get; set; }

    /// <summary>An organisation's root.</summary>
    [Input("import")]
    public MeshRootCaImportArgs? Import { get; set; }

    /// <summary>Days before expiry from which every run warns to start a rotation (default twice the intermediates' validity).</summary>
    [Input("renewBeforeDays")]
    public int? RenewBeforeDays { get; set; }
}

/// <summary>One named root of <c>meshstack:rootCas</c>: set one of generate or import.</summary>
public sealed class MeshRootCaEntryArgs : ResourceArgs
{
    /// <summary>The root's name (a DNS label; its resources are named after it).</summary>
    [Input("name", required: true)]
    public string Name { get; set; } = null!;

    /// <summary>MeshStack generates the root.</summary>
    [Input("generate")]
    public MeshRootCaGenerateArgs? Generate { get; set; }

    /// <summary>An organisation's root.</summary>
    [Input("import")]
    public MeshRootCaImportArgs? Import { get; set; }

    /// <summary>Days before expiry from which every run warns to start a rotation.</summary>
    [Input("renewBeforeDays")]
    public int? RenewBeforeDays { get; set; }
}

/// <summary>A root MeshStack generates.</summary>
public sealed class MeshRootCaGenerateArgs : ResourceArgs
{
    /// <summary>The subject's common name.</summary>
    [Input("commonName")]
    public string? CommonName { get; set; }

    /// <summary>The subject's organisation.</summary>
    [Input("organization")]
    public string? Organization { get; set; }

    /// <summary><c>ecdsa-p256</c> (default), <c>ecdsa-p384</c>, <c>rsa-2048</c>, <c>rsa-3072</c> or <c>rsa-4096</c>.</summary>
    [Input("algorithm")]
    public string? Algorithm { get; set; }

    /// <summary>Validity in days (default 3650).</summary>
    [Input("validityDays")]
    public int? ValidityDays { get; set; }
}

/// <summary>An organisation's root: its certificate, and its key as a secret.</summary>
public sealed class MeshRootCaImportArgs : ResourceArgs
{
    /// <summary>The root certificate (PEM).</summary>
    [Input("certPem", required: true)]
    public string CertPem { get; set; } = null!;

    /// <summary>The root key (PEM), a secret.</summary>
    [Input("keyPem", required: true)]
    [SecretInput]
    public Input<string> KeyPem { get; set; } = null!;
}

/// <summary>How each cluster's intermediate CA is issued (<c>meshstack:intermediateCa</c>).</summary>
public sealed class MeshIntermediateCaArgs : ResourceArgs
{
    /// <summary>Validity in days (default 365).</summary>
    [Input("validityDays")]
    public int? ValidityDays { get; set; }

    /// <summary>Re-issue this many days before expiry (default 30).</summary>
    [Input("renewBeforeDays")]
    public int? RenewBeforeDays { get; set; }

    /// <summary>The intermediate's key algorithm.</summary>
    [Input("algorithm")]
    public string? Algorithm { get; set; }
}
