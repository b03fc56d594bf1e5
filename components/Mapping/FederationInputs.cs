using System.Collections.Immutable;
using MeshStack.Core;
using MeshStack.Core.Deployment;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Plan;
using Pulumi;
using Pulumi.Utilities;
using K8s = Pulumi.Kubernetes;

namespace MeshStack.Components.Mapping;

/// <summary>
/// A federation's args made ready before anything is registered: read and validated by core (one reader for typed
/// args and stack files), compiled once against the previous run's state, with the deploy-time inputs (kubeconfigs,
/// gateway addresses) set aside for the clusters. Anything wrong is a <see cref="MeshConfigurationException"/> here,
/// so the federation registers nothing.
/// </summary>
internal sealed record FederationInputs(
    MeshFederationArgs Args,
    FederationPlan Plan,
    ImmutableDictionary<string, Input<string>> Kubeconfigs,
    ImmutableDictionary<string, Input<string>> GatewayAddresses)
{
    public static FederationInputs Prepare(string name, MeshFederationArgs args, ComponentResourceOptions? options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(args);
        var diagnostics = new List<Diagnostic>();
        if (options is { Provider: not null } || options?.Providers.Any(IsKubernetesProvider) == true)
        {
            // MeshStack configures each cluster's provider itself (identity, no upsert, mutable Secrets and ConfigMaps):
            // a provider given here would be ignored, and a provider configured otherwise breaks day 2.
            Fail([Codes.ProviderGivenToFederation.At("options.providers",
                "MeshFederation creates each cluster's Kubernetes provider itself; pass each cluster's connection as clusters[].kubeconfig (an input, e.g. a cluster resource's kubeconfig output) or clusters[].context instead of a provider")], null);
        }

        if (args.Plan is { } compiled)
        {
            return new FederationInputs(args, compiled, ImmutableDictionary<string, Input<string>>.Empty, ImmutableDictionary<string, Input<string>>.Empty);
        }

        var program = args.FromProgram;
        var read = program?.Config ?? MeshCompiler.Read(ArgsDocument.Of(args));
        var file = program is null ? null : $"Pulumi.{Deployment.Instance.StackName}.yaml";
        if (!read.Succeeded)
        {
            Fail([.. MeshCompiler.Compile(read).Diagnostics], file);
        }

        var state = program?.Previous ?? Previous(name, args, diagnostics, options);
        var (record, problem) = state.Record();
        if (problem is not null)
        {
            Fail([problem], file);
        }

        var self = Deployment.Instance;
        var result = MeshCompiler.CompileWithStoredTable(read, state.AddressTable, new CompileOptions
        {
            Today = DateOnly.FromDateTime(DateTime.UtcNow),
            // The clock orders a root rotation (TrustTransitions: the waits of MSH096/MSH084, renewal MSH086/MSH087).
            Now = DateTimeOffset.UtcNow,
            Previous = record,
            ClusterStacks = program?.ClusterStacks,
            Deploying = true,
            AmbientKubeconfig = program?.AmbientKubeconfig ?? AmbientKubeconfig.Exists(),
            Owner = $"pulumi stack {self.OrganizationName}/{self.ProjectName}/{self.StackName} ({name})",
        });
        diagnostics.AddRange(result.Diagnostics);
        if (result.Plan is not { } plan)
        {
            return Fail([.. diagnostics], file);
        }

        if (program is { PendingGateways.IsEmpty: false })
        {
            var (deferred, waiting) = PlanDeferral.Without(plan, program.PendingGateways, program.StackOf ?? (c => c));
            plan = deferred;
            diagnostics.AddRange(waiting);
        }

        foreach (var warning in diagnostics.Where(d => !d.IsError))
        {
            Log.Warn(Describe(warning, file));
        }

        var clusters = (args.Clusters ?? []).Where(c => c is not null).ToList();
        return new FederationInputs(args, plan,
            clusters.Where(c => c.Kubeconfig is not null).ToImmutableDictionary(c => c.Name, c => c.Kubeconfig!, StringComparer.Ordinal),
            clusters.Where(c => c.Gateway?.Address is { } a && ArgsDocument.KnownNow(a) is null).ToImmutableDictionary(c => c.Name, c => c.Gateway!.Address!, StringComparer.Ordinal));
    }

    // A Kubernetes provider given in C# is a K8s.Provider; through the package (Construct) it arrives as a reference
    // whose URN names its package (pulumi:providers:kubernetes).
    private static bool IsKubernetesProvider(ProviderResource provider) =>
        provider is K8s.Provider
        || (OutputUtilities.GetValueAsync(provider.Urn).GetAwaiter().GetResult() is { } urn && urn.Contains("::pulumi:providers:kubernetes::", StringComparison.Ordinal));

    // The previous run's state, read back from the stack's own output when the args do not carry it. A stack that has
    // outputs but not this one forgot to export it (MSH208); a stack with no outputs is on its first run (MSH207).
    private static FederationState Previous(string name, MeshFederationArgs args, List<Diagnostic> diagnostics, ComponentResourceOptions? options)
    {
        if (args.PreviousState is { } given)
        {
            var (read, problem) = FederationState.Read(given);
            return read ?? throw Stop(problem!);
        }

        var self = Deployment.Instance;
        var output = MeshFederation.StateOutputName(name);
        // Parented like the federation: served through the package (Construct) there is no Stack resource to default to
        // (pulumi-dotnet sdk/Pulumi/Resources/Resource.cs@v3.112.1:164-169, sdk/Pulumi/Provider/Provider.cs@v3.112.1:1145-1148).
        var reference = new StackReference($"{name}-previous-state", new StackReferenceArgs { Name = $"{self.OrganizationName}/{self.ProjectName}/{self.StackName}" },
            new CustomResourceOptions { Parent = options?.Parent });
        // A stack reference is read in preview and update alike; the constructor needs the value to plan, so it waits.
        var outputs = OutputUtilities.GetValueAsync(reference.Outputs).GetAwaiter().GetResult() ?? ImmutableDictionary<string, object>.Empty;
        if (outputs.GetValueOrDefault(output) is string text)
        {
            var (read, problem) = FederationState.Read(text);
            return read ?? throw Stop(problem!);
        }

        if (outputs.Count > 0)
        {
            throw Stop(Codes.StateNotExported.At(output,
                $"the stack was deployed before but exports no '{output}': without the federation's previous state its addresses would be allocated afresh. Export it: return new Dictionary<string, object?> {{ [\"{output}\"] = {name}.State, … }} (or set previousState)"));
        }

        diagnostics.Add(Codes.NoPreviousState.At(output,
            $"no previous state (a first deployment): export the federation's state as the stack output '{output}' so the next run keeps every address where it is"));
        return FederationState.None;
    }

    private static MeshConfigurationException Stop(Diagnostic problem)
    {
        Log.Error(MeshConfigurationException.Describe(problem));
        return new MeshConfigurationException([problem]);
    }

    // Logs every error and stops: the federation registers nothing.
    private static FederationInputs Fail(ImmutableArray<Diagnostic> diagnostics, string? file)
    {
        foreach (var d in diagnostics.Where(d => d.IsError))
        {
            Log.Error(Describe(d, file));
        }

        throw new MeshConfigurationException(diagnostics.Where(d => d.IsError));
    }

    // A stack file's diagnostics name the file; typed args' name the property path.
    private static string Describe(Diagnostic d, string? file) => file is null ? MeshConfigurationException.Describe(d) : d.Format(file);
}
