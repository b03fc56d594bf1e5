using System.Collections.Immutable;
using MeshStack.Components;
using MeshStack.Components.Mapping;
using MeshStack.Core;
using MeshStack.Core.Config;
using MeshStack.Core.Deployment;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using Pulumi;

namespace MeshStack;

/// <summary>
/// Reads the <c>meshstack:</c> config and what the stack (and, per cluster, the other stacks) deployed before, compiles
/// once with core, and registers a <see cref="MeshFederation"/>. A config with errors, or a change core refuses, fails
/// before a single resource is registered.
/// </summary>
public static class MeshProgram
{
    /// <summary>The stack output that carries the address table; read back on the next run so addresses stay put.</summary>
    public const string AddressTableOutput = "addressTable";

    /// <summary>The stack output that carries the deployment record; read back on the next run so core can check the change.</summary>
    public const string DeploymentOutput = "deployment";

    /// <summary>The root stack's secret output holding the root key (stack per cluster only).</summary>
    public const string RootPrivateKeyOutput = "rootPrivateKeyPem";

    private const string Failed = "MeshStack: the configuration has errors (see above); nothing was registered.";

    /// <summary>Runs the program.</summary>
    public static Task<int> RunAsync() => Deployment.RunAsync(BodyAsync);

    /// <summary>The stack body: config → core → components; returns the stack outputs.</summary>
    public static Task<IDictionary<string, object?>> BodyAsync() => BodyAsync(observe: null);

    /// <summary>The stack body, with a transformation on the federation (the tests' strict doubles record options through it).</summary>
    internal static async Task<IDictionary<string, object?>> BodyAsync(ResourceTransformation? observe)
    {
        var config = new Config(ConfigDocument.Namespace);
        var values = ConfigKeys.TopLevel
            .Select(key => (Key: key, Raw: config.Get(key)))
            .Where(v => v.Raw is not null)
            .Select(v => KeyValuePair.Create(v.Key, v.Raw!));
        var (document, loadDiagnostics) = JsonConfigLoader.FromPulumiValues(values);
        var self = Deployment.Instance;
        var file = $"Pulumi.{self.StackName}.yaml";
        Fail(file, loadDiagnostics);

        // A bad config stops here, before anything is asked of the engine; then the program reads what the stack (and,
        // per cluster, the root stack) deployed before, and compiles this read once.
        var read = MeshCompiler.Read(document);
        if (!read.Succeeded)
        {
            Fail(file, MeshCompiler.Compile(read).Diagnostics);
        }
        StackLayout? layout = null;
        if (read.Spec is { StackMode: StackMode.PerCluster } perCluster)
        {
            var (found, problem) = StackLayout.For(perCluster, self.StackName);
            Fail(file, problem is null ? [] : [problem]);
            layout = found;
        }

        var stacks = new Dictionary<string, StackReference>(StringComparer.Ordinal);
        StackReference Reference(string stack) => stacks.TryGetValue(stack, out var r)
            ? r
            : stacks[stack] = new StackReference($"{self.OrganizationName}/{self.ProjectName}/{stack}");

        var own = await OutputsAsync(Reference(self.StackName)).ConfigureAwait(false);
        var peers = new Dictionary<string, ImmutableDictionary<string, object>>(StringComparer.Ordinal);
        if (layout is not null)
        {
            foreach (var peer in read.Spec!.Clusters.Select(c => c.Name).Where(c => c != layout.Cluster))
            {
                peers[peer] = await OutputsAsync(Reference(layout.StackOf(peer))).ConfigureAwait(false);
            }

            // The root stack holds the root CA keys: it stays the one the deployed stacks recorded (core: StackLayout.KeepingRoot).
            // Stacks deployed before records named it are known by the one output only the root stack has: the root key.
            var recorded = ClusterStacks.RecordedRoots(peers.Values.Append(own).Select(o => Text(o, DeploymentOutput)).OfType<string>())
                .Union(peers.Where(p => p.Value.ContainsKey(RootPrivateKeyOutput)).Select(p => layout.StackOf(p.Key)))
                .Union(own.ContainsKey(RootPrivateKeyOutput) ? [self.StackName] : []);
            var (kept, moved) = layout.KeepingRoot(recorded, read.Spec.Clusters.Select(c => c.Name));
            Fail(file, moved is null ? [] : [moved]);
            layout = kept!;
        }

        var root = layout is null || layout.IsRoot ? own : peers[layout.RootCluster];
        // The federation compiles once, against what this stack (per cluster: the root stack) recorded last time.
        var inputs = new ProgramInputs
        {
            Config = read,
            Previous = new FederationState(Text(root, AddressTableOutput), Text(own, DeploymentOutput)),
            AmbientKubeconfig = AmbientKubeconfig.Exists(),
        };
        if (layout is not null)
        {
            inputs = PerCluster(file, read, inputs, layout, root, peers);
        }

        var args = new MeshFederationArgs { FromProgram = inputs };

        MeshFederation mesh;
        try
        {
            mesh = new MeshFederation("mesh", args, observe is null ? null : new ComponentResourceOptions { ResourceTransformations = { observe } });
        }
        catch (MeshConfigurationException e)
        {
            // The federation logged every diagnostic against this stack file; the run's error names their codes.
            throw new RunException(FailedWith(e.Diagnostics));
        }

        var outputs = new Dictionary<string, object?>
        {
            ["gatewayAddresses"] = mesh.GatewayAddresses,
            [AddressTableOutput] = mesh.AddressTable,
            ["rootCertificatePem"] = mesh.RootCertificatePem,
            ["trustedRootsPem"] = mesh.TrustedRootsPem,
            ["meshId"] = mesh.MeshId,
            [DeploymentOutput] = mesh.DeploymentRecord,
        };
        if (layout is { IsRoot: true })
        {
            // The only stack output that carries a key: the other clusters' stacks sign their intermediates with it.
            outputs[RootPrivateKeyOutput] = Output.CreateSecret(mesh.RootPrivateKeyPem);
        }

        return outputs;
    }

    // One cluster of the plan; the root CA and mesh ID come from the root stack, the peers' gateway addresses from their
    // stacks. A peer that has not exported its address yet leaves what needs it for a later update (core: PlanDeferral).
    private static ProgramInputs PerCluster(
        string file, SpecRead read, ProgramInputs inputs, StackLayout layout, ImmutableDictionary<string, object> root, Dictionary<string, ImmutableDictionary<string, object>> peers)
    {
        var rootStack = layout.StackOf(layout.RootCluster);
        if (!layout.IsRoot)
        {
            var problem = (Text(root, "rootCertificatePem"), Text(root, RootPrivateKeyOutput)) switch
            {
                (null, _) => $"the root stack {rootStack} has no outputs yet: deploy {rootStack} first (it creates the root CA and the mesh ID)",
                // Outputs the engine cannot decrypt are dropped without an error (pulumi/pulumi pkg/resource/deploy/builtins.go, readStackReference).
                (_, null) => $"the root stack {rootStack} exports rootCertificatePem but its secret {RootPrivateKeyOutput} cannot be read here: every per-cluster stack must use the same secrets provider (the same passphrase or KMS key); Pulumi drops secret outputs it cannot decrypt",
                _ => null,
            };
            if (problem is not null)
            {
                Fail(file, [Codes.RootStackOutputUnreadable.At("meshstack:stackMode", problem)]);
            }
        }

        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        var deployments = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (peer, outputs) in peers)
        {
            if (Text(outputs, DeploymentOutput) is { } deployed)
            {
                deployments[layout.StackOf(peer)] = deployed;
            }

            if (outputs.GetValueOrDefault("gatewayAddresses") is IReadOnlyDictionary<string, object> map && map.GetValueOrDefault(peer) is string address)
            {
                addresses[peer] = address;
            }
            else
            {
                pending.Add(peer);
            }
        }

        return inputs with
        {
            OnlyCluster = layout.Cluster,
            SharedRoot = layout.IsRoot ? null : new SharedRootCa(Text(root, "rootCertificatePem")!, Output.CreateSecret(Text(root, RootPrivateKeyOutput)!), Text(root, "trustedRootsPem") is { } trusted ? (Input<string>)trusted : null),
            SharedMeshId = layout.IsRoot || read.Spec!.MeshId is not null || Text(root, "meshId") is not { } sharedId ? null : (Input<string>)sharedId,
            PendingGateways = pending.ToImmutable(),
            PeerGatewayAddresses = addresses,
            StackOf = layout.StackOf,
            // A root rotation moves one phase at a time on every stack (core: ClusterStackTrust).
            ClusterStacks = new ClusterStacks(layout.StackOf(layout.Cluster), rootStack, deployments.ToImmutable()),
        };
    }

    private static async Task<ImmutableDictionary<string, object>> OutputsAsync(StackReference reference)
    {
        var outputs = await Pulumi.Utilities.OutputUtilities.GetValueAsync(reference.Outputs).ConfigureAwait(false);
        return outputs ?? ImmutableDictionary<string, object>.Empty;
    }

    private static string? Text(ImmutableDictionary<string, object> outputs, string key) => outputs.GetValueOrDefault(key) switch
    {
        null => null,
        string text => text,
        var other => $"{other}",  // not text: core reports it as unreadable rather than starting afresh
    };

    // The run's one-line error: what failed, by code and path (the logged lines above say why).
    private static string FailedWith(IEnumerable<Diagnostic> diagnostics) =>
        $"{Failed} Errors: {string.Join(", ", diagnostics.Where(d => d.IsError).Select(d => $"{d.Code} at {d.Path}").Distinct(StringComparer.Ordinal))}.";

    // Logs every diagnostic in the canonical format and stops the run, before anything is registered, on an error.
    private static void Fail(string file, IEnumerable<Diagnostic> diagnostics)
    {
        var ok = true;
        foreach (var d in diagnostics)
        {
            if (d.IsError)
            {
                Log.Error(d.Format(file));
                ok = false;
            }
            else
            {
                Log.Warn(d.Format(file));
            }
        }

        if (!ok)
        {
            throw new RunException(FailedWith(diagnostics));
        }
    }
}
