using MeshStack.Components;
using MeshStack.Core;
using MeshStack.Core.Addressing;
using MeshStack.Core.Config;
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

        var previous = await PreviousAddressesAsync().ConfigureAwait(false);
        var result = MeshCompiler.Compile(document, previous);
        if (!FailOnErrors(file, result.Diagnostics) || result.Plan is null)
        {
            throw new RunException("MeshStack: the configuration has errors (see above).");
        }

        var mesh = new MeshFederation("mesh", new MeshFederationArgs { Plan = result.Plan });
        return new Dictionary<string, object?>
        {
            ["gatewayAddresses"] = mesh.GatewayAddresses,
            [AddressTableOutput] = mesh.AddressTable,
            ["rootCertificatePem"] = mesh.RootCertificatePem,
            ["meshId"] = mesh.MeshId,
        };
    }

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
    /// The address table this stack output last time, read through a stack reference to the stack itself.
    /// Empty on the first run (no outputs yet); a damaged entry only loses stability for that service.
    /// </summary>
    private static async Task<AddressTable> PreviousAddressesAsync()
    {
        var self = Deployment.Instance;
        var reference = new StackReference($"{self.OrganizationName}/{self.ProjectName}/{self.StackName}");
        if (await reference.GetValueAsync(AddressTableOutput).ConfigureAwait(false) is not string json)
        {
            return AddressTable.Empty;
        }

        var (table, problems) = AddressTable.FromJson(json);
        foreach (var problem in problems)
        {
            Log.Warn($"previous address table: {problem}");
        }

        return table;
    }
}
