using System.Collections.Immutable;
using MeshStack.Core;
using MeshStack.Core.Deployment;
using MeshStack.Core.Plan;
using Pulumi;

namespace MeshStack.Components;

/// <summary>
/// Inputs of <see cref="MeshFederation"/>: the same settings as the <c>meshstack:</c> keys of a stack settings file, with
/// the same names. Structure (names, networks, services, ports) is plain, so MeshStack validates and plans it before
/// anything is registered; connection and deploy-time values (a kubeconfig, a gateway address, an imported root's key)
/// are Pulumi inputs.
/// </summary>
public sealed class MeshFederationArgs : ResourceArgs
{
    /// <summary>The Istio mesh ID shared by every cluster; generated once (and kept in state) when absent.</summary>
    [Input("meshId")]
    public string? MeshId { get; set; }

    /// <summary><c>multi-primary</c> (default) or <c>legacy-gateways</c>.</summary>
    [Input("profile")]
    public string? Profile { get; set; }

    /// <summary>The Istio release.</summary>
    [Input("istio")]
    public MeshIstioArgs? Istio { get; set; }

    /// <summary>Where the shared root CA comes from: generated (default) or imported.</summary>
    [Input("rootCa")]
    public MeshRootCaArgs? RootCa { get; set; }

    /// <summary>Several trusted roots, each named (instead of <see cref="RootCa"/>, the one-root shorthand for a root named <c>ca</c>).</summary>
    [Input("rootCas")]
    public List<MeshRootCaEntryArgs>? RootCas { get; set; }

    /// <summary>The root of <see cref="RootCas"/> that signs every intermediate.</summary>
    [Input("signingRoot")]
    public string? SigningRoot { get; set; }

    /// <summary>The workload certificate lifetime in hours (istiod's DEFAULT_WORKLOAD_CERT_TTL, 24): the wait between rotation phases.</summary>
    [Input("workloadCertTtlHours")]
    public int? WorkloadCertTtlHours { get; set; }

    /// <summary>Take a rotation step before the workload certificate lifetime has passed.</summary>
    [Input("forceRootRetire")]
    public bool? ForceRootRetire { get; set; }

    /// <summary>Do not protect the generated roots (a throwaway dev stack that must be destroyable).</summary>
    [Input("unprotectRootCa")]
    public bool? UnprotectRootCa { get; set; }

    /// <summary>How each cluster's intermediate CA is issued.</summary>
    [Input("intermediateCa")]
    public MeshIntermediateCaArgs? IntermediateCa { get; set; }

    /// <summary>The clusters of the federation (at least one).</summary>
    [Input("clusters", required: true)]
    public List<MeshClusterArgs> Clusters { get; set; } = [];

    /// <summary>The services shared across clusters.</summary>
    [Input("services")]
    public List<MeshServiceArgs> Services { get; set; } = [];

    /// <summary>Where virtual addresses come from (default <c>240.0.0.0/16</c>).</summary>
    [Input("addressPool")]
    public string? AddressPool { get; set; }

    /// <summary>Every cluster's trust domain (default <c>cluster.local</c>).</summary>
    [Input("trustDomain")]
    public string? TrustDomain { get; set; }

    /// <summary>Marks a throwaway dev stack that may use Istio's public sample certificates.</summary>
    [Input("allowSampleCerts")]
    public bool? AllowSampleCerts { get; set; }

    /// <summary>Deploy the guide's sleep and httpbin demo workloads.</summary>
    [Input("demo")]
    public bool? Demo { get; set; }

    /// <summary>Write each cluster's manifests to <c>&lt;folder&gt;/&lt;cluster&gt;/</c> instead of applying them.</summary>
    [Input("renderYamlTo")]
    public string? RenderYamlTo { get; set; }

    /// <summary><c>global</c> (default), <c>endpoints</c> or <c>both</c>: how clusters find each other's services.</summary>
    [Input("discovery")]
    public string? Discovery { get; set; }

    /// <summary>
    /// The federation's <c>state</c> output of the previous run. Leave it unset and the federation reads it back itself
    /// from the stack output <see cref="MeshFederation.StateOutputName"/> (export <see cref="MeshFederation.State"/> under
    /// that name), so addresses never move and MeshStack can refuse a change that would delete live objects.
    /// </summary>
    [Input("previousState")]
    public string? PreviousState { get; set; }

    /// <summary>
    /// In render mode, write the intermediate CA keys into the rendered <c>cacerts</c> Secrets (plaintext files). Off by
    /// default: the keys are written as placeholders, as <c>meshstack render</c> does without <c>--ca-dir</c>.
    /// </summary>
    [Input("renderKeyMaterial")]
    public bool? RenderKeyMaterial { get; set; }

    // A plan compiled elsewhere (the components' own tests register plans directly).
    internal FederationPlan? Plan { get; init; }

    // The MeshStack program's way in (its stack file, read, and what it read from the stacks). A reference type: the
    // package's deserializer sets every property, internal ones too, and leaves this null.
    internal ProgramInputs? FromProgram { get; init; }
}

/// <summary>What the MeshStack program hands the federation besides the args: the read stack file and the other stacks' outputs.</summary>
internal sealed record ProgramInputs
{
    public required SpecRead Config { get; init; }

    public required FederationState Previous { get; init; }

    public bool AmbientKubeconfig { get; init; }

    public string? OnlyCluster { get; init; }

    public SharedRootCa? SharedRoot { get; init; }

    public Input<string>? SharedMeshId { get; init; }

    public ImmutableSortedSet<string> PendingGateways { get; init; } = [];

    public IReadOnlyDictionary<string, string> PeerGatewayAddresses { get; init; } = ImmutableDictionary<string, string>.Empty;

    public Func<string, string>? StackOf { get; init; }

    public ClusterStacks? ClusterStacks { get; init; }
}

/// <summary>A root CA shared from another stack: the certificate, and the key (treated as a secret whatever its origin).</summary>
internal sealed record SharedRootCa(Input<string> CertificatePem, Input<string> PrivateKeyPem, Input<string>? TrustedRootsPem = null);
