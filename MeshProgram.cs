using MeshStack.Components;
using MeshStack.Core;
using MeshStack.Core.Config;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;
using Pulumi;

namespace MeshStack;

/// <summary>
/// Reads the <c>meshstack:</c> config, compiles it with core, and registers a <see cref="MeshFederation"/>.
/// A config with errors fails before a single resource is registered.
/// </summary>
public static class MeshProgram
{
    /// <summary>The stack output that carries the address table; read back on the next run so addresses stay put.</summary>
    public const string AddressTableOutput = "addressTable";

    /// <summary>Runs the program.</summary>
    public static Task<int> RunAsync() => Deployment.RunAsync(BodyAsync);

    /// <summary>The stack body: config → core → components; returns the stack outputs.</summary>
    public static async Task<IDictionary<string, object?>> BodyAsync()
    {
        var config = new Config(ConfigDocument.Namespace);
        var values = ConfigKeys.TopLevel
            .Select(key => (Key: key, Raw: config.Get(key)))
            .Where(v => v.Raw is not null)
            .Select(v => KeyValuePair.Create(v.Key, v.Raw!));
        var (document, loadDiagnostics) = JsonConfigLoader.FromPulumiValues(values);
        var file = $"Pulumi.{Deployment.Instance.StackName}.yaml";

        // First pass without the previous allocation: a bad config stops here, with nothing registered.
        var first = MeshCompiler.Compile(document);
        if (!FailOnErrors(file, loadDiagnostics.AddRange(first.Diagnostics)))
        {
            throw new RunException("MeshStack: the configuration has errors (see above); nothing was registered.");
        }

        var self = Deployment.Instance;
        StackLayout? layout = null;
        if (first.Spec is { StackMode: StackMode.PerCluster } spec)
        {
            var (found, problem) = StackLayout.For(spec, self.StackName);
            if (problem is not null)
            {
                FailOnErrors(file, [problem]);
                throw new RunException("MeshStack: the configuration has errors (see above); nothing was registered.");
            }

            layout = found;
        }

        // Per-cluster stacks share one address table: the root stack's.
        var stacks = new Dictionary<string, StackReference>(StringComparer.Ordinal);
        StackReference Reference(string stack) => stacks.TryGetValue(stack, out var r)
            ? r
            : stacks[stack] = new StackReference($"{self.OrganizationName}/{self.ProjectName}/{stack}");
        var previous = await PreviousAddressesAsync(Reference(layout?.StackOf(layout.RootCluster) ?? self.StackName)).ConfigureAwait(false);
        var result = MeshCompiler.CompileWithStoredTable(document, previous, new CompileOptions { Today = DateOnly.FromDateTime(DateTime.UtcNow) });
        if (!FailOnErrors(file, result.Diagnostics) || result.Plan is null)
        {
            throw new RunException("MeshStack: the configuration has errors (see above).");
        }

        var args = layout is null ? new MeshFederationArgs { Plan = result.Plan } : PerClusterArgs(result.Plan, layout, Reference);
        var mesh = new MeshFederation("mesh", args);
        var outputs = new Dictionary<string, object?>
        {
            ["gatewayAddresses"] = mesh.GatewayAddresses,
            [AddressTableOutput] = mesh.AddressTable,
            ["rootCertificatePem"] = mesh.RootCertificatePem,
            ["meshId"] = mesh.MeshId,
        };
        if (layout is { IsRoot: true })
        {
            // The only stack output that carries a key: the other clusters' stacks sign their intermediates with it.
            outputs[RootPrivateKeyOutput] = Output.CreateSecret(mesh.RootPrivateKeyPem);
        }

        return outputs;
    }

    /// <summary>The root stack's secret output holding the root key (stack per cluster only).</summary>
    public const string RootPrivateKeyOutput = "rootPrivateKeyPem";

    // One cluster of the plan; the root CA, the mesh ID and the peers' gateway addresses come from the other stacks.
    private static MeshFederationArgs PerClusterArgs(Core.Plan.FederationPlan plan, StackLayout layout, Func<string, StackReference> reference)
    {
        var root = reference(layout.StackOf(layout.RootCluster));
        return new MeshFederationArgs
        {
            Plan = plan,
            OnlyCluster = layout.Cluster,
            SharedRoot = layout.IsRoot ? null : new SharedRootCa(
                Text(root.RequireOutput("rootCertificatePem")),
                Output.CreateSecret(Text(root.RequireOutput(RootPrivateKeyOutput)))),
            SharedMeshId = layout.IsRoot ? null : (Input<string>)Text(root.RequireOutput("meshId")),
            PeerGatewayAddress = peer => reference(layout.StackOf(peer)).GetOutput("gatewayAddresses").Apply(map =>
                map is IReadOnlyDictionary<string, object> addresses && addresses.TryGetValue(peer, out var address) && address is string text
                    ? text
                    : throw new InvalidOperationException($"stack {layout.StackOf(peer)} has no gateway address for {peer} yet: deploy that stack first, or give {peer} an explicit gateway address")),
        };
    }

    private static Output<string> Text(Output<object> value) => value.Apply(v => v as string ?? throw new InvalidOperationException("expected a text stack output"));

    // Logs every diagnostic in the canonical format; true when none is an error.
    private static bool FailOnErrors(string file, IEnumerable<Core.Diagnostics.Diagnostic> diagnostics)
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

        return ok;
    }

    /// <summary>
    /// The address table this stack output last time, read through a stack reference to the stack itself; null on the
    /// first run (no outputs yet). Core refuses a damaged table (MSH100), so the run stops instead of re-addressing.
    /// </summary>
    private static async Task<string?> PreviousAddressesAsync(StackReference reference)
    {
        var stored = await reference.GetValueAsync(AddressTableOutput).ConfigureAwait(false);
        return stored switch
        {
            null => null,
            string json => json,
            _ => $"{stored}",  // not text: core reports it as unreadable rather than starting afresh
        };
    }
}
