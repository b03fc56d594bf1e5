using MeshStack.Core.Diagnostics;

namespace MeshStack.Core.Render;

/// <summary>What <c>meshstack render</c> says about the CA material it wrote or did not write.</summary>
public static class RenderNotices
{
    /// <summary>MSH126: no cacerts was rendered, so the clusters will not trust each other yet.</summary>
    public static Diagnostic NoCaCerts(int clusters, string stackFile = "STACK_FILE") => Codes.NoCaCerts.At("--ca-dir",
        $"no cacerts Secret was rendered for {clusters} cluster(s) (no --ca-dir): each istiod will sign workload certificates with its own " +
        "self-signed CA, and cross-cluster mTLS will NOT work until istio-system/cacerts (intermediate + shared root) is applied in every " +
        $"cluster before istiod starts; mint the CA with 'meshstack ca init {stackFile} --out DIR' (a folder outside the repository) and render with --ca-dir DIR");

    /// <summary>MSH127: the rendered cacerts files hold private keys.</summary>
    public static Diagnostic KeysWritten(int clusters, string folder) => Codes.CaCertsHoldKeys.At("--ca-dir",
        $"{folder} of {clusters} cluster(s) holds the intermediate CA's private key (ca-key.pem), written readable by its owner only (0600); " +
        "do not commit it in plain text: encrypt it (SOPS, Sealed Secrets) or apply it out of band and keep it out of Git (see docs/gitops.md, 'Key material in GitOps')");

    /// <summary>MSH128: <c>ca init --out</c> wrote keys into a Git work tree where nothing ignores them.</summary>
    public static Diagnostic CaFolderInRepository(string folder, string repository, string ignoreEntry) => Codes.CaFolderInRepository.At("--out",
        $"'{folder}' is inside the Git repository '{repository}' and no .gitignore covers it, but it holds private keys (root-key.pem, <cluster>/ca-key.pem); " +
        $"move it outside the repository (e.g. --out ../mesh-ca) or add '{ignoreEntry}' to the repository's .gitignore");

    /// <summary>MSH097: render --ca-dir would write the intermediates' keys into a Git work tree that does not ignore the output.</summary>
    public static Diagnostic CaKeysInRepository(string folder, string repository, string ignoreEntry) => Codes.CaKeysInRepository.At("--out",
        $"'{folder}' is inside the Git repository '{repository}' and no .gitignore covers it, but with --ca-dir the rendered cacerts Secrets hold every intermediate's private key in plain text; " +
        $"nothing was written. Render to a folder outside the repository, or add '{ignoreEntry}' to the repository's .gitignore (and encrypt the Secrets before they go to Git: SOPS, Sealed Secrets)");

    /// <summary>MSH168: the remote secrets of some clusters were not rendered, for lack of their reader tokens.</summary>
    public static Diagnostic RemoteSecretsSkipped(IEnumerable<string> lines) => Codes.RemoteSecretsSkipped.At("--remote-secret-token",
        string.Join("; ", lines) + ". Apply 05-meshconfig (it creates the reader token Secrets), then render again with " +
        $"{DeployFlags.Usage(DeployOption.RemoteSecretToken, "CLUSTER")} for each cluster");
}
