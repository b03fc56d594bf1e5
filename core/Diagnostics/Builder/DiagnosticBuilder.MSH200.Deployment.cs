using System.Globalization;

namespace MeshStack.Core.Diagnostics;

// MSH200-MSH214: day 2 (issue 19), what a change does to a deployed federation; MSH211 is the typed args' (issue 22).
public static partial class DiagnosticBuilder
{
    /// <summary>MSH200: a cluster to deploy without context or kubeconfig.</summary>
    internal static Diagnostic ClusterWithoutConnection(string path, string cluster) => At(path,
        $"cluster '{cluster}' has neither context nor kubeconfig: pulumi up would deploy it to whatever the current kubectl context is. Set context: <kubeconfig context> or kubeconfig: <path or contents>");

    /// <summary>MSH201: a deployed cluster would switch to render mode into <paramref name="folder"/>.</summary>
    internal static Diagnostic ApplyToRenderSwitch(string cluster, string? folder) => At("meshstack:renderYamlTo",
        $"cluster '{cluster}' is deployed to a live cluster; rendering it to '{folder}' instead would replace its provider, and the engine deletes every live object through the old provider afterwards. To get manifests of a deployed stack use 'meshstack render' or another stack; to stop managing the cluster run 'pulumi destroy' first");

    /// <summary>MSH202: a cluster rendered to <paramref name="folder"/> switches to applying.</summary>
    internal static Diagnostic RenderToApplySwitch(string cluster, string folder) => At("meshstack:renderYamlTo",
        $"cluster '{cluster}' was rendered to '{folder}'; this update creates its objects in the cluster (an object that already exists there, applied by hand from those files, fails with AlreadyExists: set adopt: true for one update) and then deletes the rendered files, except the Istio CRDs' 0-crd/ files, which the charts keep");

    /// <summary>MSH203: a new cluster name with a deployed cluster's connection.</summary>
    internal static Diagnostic ClusterRenamed(string path, string cluster, string old) => At(path,
        $"'{cluster}' connects like the deployed cluster '{old}': renaming a deployed cluster creates its whole install again under new names while the old ones are deleted, and both are the same objects. Keep the name '{old}', or remove '{old}' in one update and add '{cluster}' in the next");

    /// <summary>MSH204: adopt is set.</summary>
    internal static Diagnostic AdoptingCluster(string path, string cluster) => At(path,
        $"cluster '{cluster}': the next update takes over every object that already exists there (upsertExistingObjects), including another stack's; remove adopt after that update, or a later replacement would delete what was adopted");

    /// <summary>MSH205: render mode into <paramref name="folder"/> still reads the ambient kubeconfig.</summary>
    internal static Diagnostic AmbientKubeconfigInRenderMode(string? folder) => At("meshstack:renderYamlTo",
        $"render mode ('{folder}'): the Kubernetes provider still loads this machine's kubeconfig and, when its cluster answers, renders the Istio charts against that cluster and writes files during preview too. Run with KUBECONFIG=/dev/null for a render that is the same on every machine");

    /// <summary>MSH206: an item waits for a peer stack that has exported no gateway address yet.</summary>
    internal static Diagnostic PeerNotDeployedYet(string cluster, string key, string peer, string peerStack, string stack) => At($"{cluster}/{key}",
        $"{key} needs the gateway address of '{peer}', whose stack {peerStack} has not exported one yet: it is left out of this update. Deploy {peerStack}, then run pulumi up on {stack} again");

    /// <summary>MSH207: a first deployment: no previous state in the stack output <paramref name="output"/>.</summary>
    public static Diagnostic NoPreviousState(string output) => At(output,
        $"no previous state (a first deployment): export the federation's state as the stack output '{output}' so the next run keeps every address where it is");

    /// <summary>MSH208: a deployed stack that exports no state output; <paramref name="component"/> is the federation's variable name in the hint.</summary>
    public static Diagnostic StateNotExported(string output, string component) => At(output,
        $"the stack was deployed before but exports no '{output}': without the federation's previous state its addresses would be allocated afresh. Export it: return new Dictionary<string, object?> {{ [\"{output}\"] = {component}.State, … }} (or set previousState)");

    /// <summary>MSH209: the federation's previous state cannot be read: <paramref name="jsonError"/> is the JSON parser's message, null when the JSON is no object.</summary>
    internal static Diagnostic DeploymentRecordDamaged(string? jsonError) => At("previous state",
        $"the federation's previous state cannot be read ({jsonError ?? "it is not a JSON object"}); MeshStack stops instead of allocating addresses afresh. Pass the state output of the last run unchanged");

    /// <summary>MSH209: the stack output's deployment record has a <paramref name="version"/> this MeshStack does not read.</summary>
    internal static Diagnostic DeploymentRecordDamaged(int version) =>
        StackOutputDamaged(string.Create(CultureInfo.InvariantCulture, $"version {version} is not one this MeshStack reads ({Deployment.DeploymentRecord.CurrentVersion}); upgrade MeshStack"));

    /// <summary>MSH209: the stack output is no deployment record; <paramref name="error"/> is what reading it threw.</summary>
    internal static Diagnostic DeploymentRecordDamaged(Exception error) => StackOutputDamaged($"it is not a MeshStack deployment record ({error.GetType().Name})");

    private static Diagnostic StackOutputDamaged(string what, [System.Runtime.CompilerServices.CallerMemberName] string code = "") => At("stack output deployment",
        $"the stack's deployment record cannot be read: {what}. MeshStack stops instead of guessing what is deployed; restore the output from the stack's history (pulumi stack history / pulumi stack export)", code: code);

    /// <summary>MSH210: the root stack has no outputs yet, or (<paramref name="unreadableSecret"/> given) a secret output this stack cannot decrypt.</summary>
    public static Diagnostic RootStackOutputUnreadable(string rootStack, string? unreadableSecret) => At("meshstack:stackMode", unreadableSecret is null
        ? $"the root stack {rootStack} has no outputs yet: deploy {rootStack} first (it creates the root CA and the mesh ID)"
        : $"the root stack {rootStack} exports rootCertificatePem but its secret {unreadableSecret} cannot be read here: every per-cluster stack must use the same secrets provider (the same passphrase or KMS key); Pulumi drops secret outputs it cannot decrypt");

    /// <summary>MSH211: a Kubernetes provider given to the federation.</summary>
    public static Diagnostic ProviderGivenToFederation() => At("options.providers",
        "MeshFederation creates each cluster's Kubernetes provider itself; pass each cluster's connection as clusters[].kubeconfig (an input, e.g. a cluster resource's kubeconfig output) or clusters[].context instead of a provider");

    /// <summary>MSH212: a deployed cluster now reached through another <paramref name="context"/> or another kubeconfig.</summary>
    internal static Diagnostic ClusterRetargeted(string path, string cluster, bool kubeconfig, string? context)
    {
        var how = !kubeconfig ? $"context '{context}'" : "a kubeconfig whose context names another API server";
        return At(path,
            $"cluster '{cluster}' was deployed through another connection and now uses {how}: its provider keeps its identity, so pulumi would take the new target for the deployed one (unchanged objects are never created there, changed ones fail with NotFound). If it is the same cluster reached another way, set reconnect: true for one update; to move the install to another cluster, remove '{cluster}' in one update and add it again in the next");
    }

    /// <summary>MSH213: reconnect on a cluster whose target did not change.</summary>
    internal static Diagnostic ReconnectWithoutChange(string path, string cluster) =>
        At(path, $"cluster '{cluster}' is reached as it was deployed: remove reconnect, or a later change of target would go unchecked");

    /// <summary>MSH214: an imported root certificate that is an unknown output.</summary>
    internal static Diagnostic RootCertificateNotKnown(string path) => At(path,
        "the imported root certificate is an output not known yet (a resource this update creates): MeshStack checks the root and writes it into every cluster's root-cert.pem before it registers anything. Pass its PEM text, or an output known in preview such as a stack reference's");
}
