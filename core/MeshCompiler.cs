using System.Collections.Immutable;
using MeshStack.Core.Addressing;
using MeshStack.Core.Config;
using MeshStack.Core.Diagnostics;
using MeshStack.Core.Model;
using MeshStack.Core.Plan;

namespace MeshStack.Core;

/// <summary>The one entry point: config in, spec + plan + diagnostics out. The Pulumi program and the CLI both call it.</summary>
public static class MeshCompiler
{
    /// <summary>Reads, validates, allocates and plans. The plan is null when any error was found.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ in their first parameter's type (a document or a read), never only in optional parameters.")]
    public static CompileResult Compile(ConfigDocument document, AddressTable? previous = null, CompileOptions? options = null) =>
        Compile(Read(document, options), previous, options);

    /// <summary>
    /// Reads and validates only: a caller that must fetch what the compile depends on (the Pulumi program reads stack
    /// outputs) stops a bad config here, before it has asked for anything, and then compiles this read once.
    /// </summary>
    public static SpecRead Read(ConfigDocument document, CompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (spec, diagnostics) = SpecReader.Read(document, options ?? CompileOptions.Default);
        return new SpecRead(document, spec, diagnostics);
    }

    /// <summary>Compiles a read config: the transitions from the previous run, allocation, plan, checks and the path tracer.</summary>
    public static CompileResult Compile(SpecRead read, AddressTable? previous = null, CompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        var result = CompileUnplaced(read, previous, options ?? CompileOptions.Default);
        return result with { Diagnostics = result.Diagnostics.Select(d => ConfigPositions.WithPosition(read.Document, d)).ToImmutableArray() };
    }

    private static CompileResult CompileUnplaced(SpecRead read, AddressTable? previous, CompileOptions options)
    {
        var (spec, diagnostics) = (read.Spec, read.Diagnostics);
        if (spec is null)
        {
            return new CompileResult(null, null, diagnostics);
        }

        diagnostics = diagnostics.AddRange(Deployment.DeploymentTransitions.Check(spec, read.Document, options));
        if (diagnostics.Any(d => d.IsError))
        {
            return new CompileResult(spec, null, diagnostics);
        }

        var (addresses, allocation) = AddressAllocator.Allocate(spec.AddressPool, spec.Services, previous ?? AddressTable.Empty, options.Day);
        diagnostics = diagnostics.AddRange(allocation);
        if (diagnostics.Any(d => d.IsError))
        {
            return new CompileResult(spec, null, diagnostics);
        }

        var plan = FederationPlanner.Plan(spec, addresses, new PlanInputs { Previous = options.Previous, Owner = options.Owner })
            with { Trust = Deployment.TrustRecord.Next(spec.Trust, options.Previous?.TrustOrLegacy, options.Now), RootStack = options.ClusterStacks?.RootStack };
        diagnostics = diagnostics.AddRange(Validation.PlanChecks.Check(plan));
        if (options.TracePaths)
        {
            // Accepted means it carries traffic: every route is followed the way istiod and Envoy would.
            diagnostics = diagnostics.AddRange(Tracing.PathTracer.Diagnostics(Tracing.PathTracer.DeadPaths(plan)));
        }

        return diagnostics.Any(d => d.IsError) ? new CompileResult(spec, null, diagnostics) : new CompileResult(spec, plan, diagnostics);
    }

    /// <summary>
    /// Compiles against the address table stored by the previous run (the Pulumi program's <c>addressTable</c> stack
    /// output; null on the first run). A damaged table is an error (MSH100) and nothing is planned: a run never
    /// re-addresses services because it could not read what it stored.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ in their first parameter's type (a document or a read), never only in optional parameters.")]
    public static CompileResult CompileWithStoredTable(ConfigDocument document, string? storedAddressTable, CompileOptions? options = null) =>
        CompileWithStoredTable(Read(document, options), storedAddressTable, options);

    /// <summary>Compiles a read config against the stored address table (see the overload on a document).</summary>
    public static CompileResult CompileWithStoredTable(SpecRead read, string? storedAddressTable, CompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (storedAddressTable is null)
        {
            return Compile(read, AddressTable.Empty, options);
        }

        var table = AddressTableReader.Read(storedAddressTable);
        if (table.Table is null)
        {
            var diagnostics = table.Diagnostics
                .Select(d => d with { Path = $"stack output addressTable: {d.Path}", Position = null })
                .ToImmutableArray();
            return new CompileResult(null, null, diagnostics);
        }

        return Compile(read, table.Table, options);
    }

    /// <summary>Parses a stack settings file and compiles it.</summary>
    public static CompileResult CompileStackFile(string text, AddressTable? previous = null, CompileOptions? options = null)
    {
        var (document, diagnostics) = StackFile.Parse(text);
        if (document is null || diagnostics.Any(d => d.IsError))
        {
            return new CompileResult(null, null, diagnostics);
        }

        var result = Compile(document, previous, options);
        return result with { Diagnostics = diagnostics.AddRange(result.Diagnostics) };
    }
}

/// <summary>What core may not find out by itself: the time (for certificate checks) comes from the caller.</summary>
public sealed record CompileOptions
{
    /// <summary>Options for a run "now" as the caller defines it; tests pass a fixed time.</summary>
    public static CompileOptions Default { get; } = new();

    /// <summary>The current time, for certificate validity checks; null skips checks that need it.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The day of the run, for freed-address reservations; defaults to the day of <see cref="Now"/>.</summary>
    public DateOnly? Today { get; init; }

    internal DateOnly? Day => Today ?? (Now is { } now ? DateOnly.FromDateTime(now.UtcDateTime) : null);

    /// <summary>
    /// Follow every planned route with the path tracer and report dead ones as errors (MSH180-MSH186); on by default.
    /// <c>meshstack trace</c> turns it off to print every path itself.
    /// </summary>
    public bool TracePaths { get; init; } = true;

    /// <summary>
    /// What this stack deployed last time (the Pulumi program's <c>deployment</c> output; <see
    /// cref="Deployment.DeploymentRecord.Legacy"/> for a stack from before the record, null on a first run). Every
    /// transition from it to the config is checked (<see cref="Deployment.DeploymentTransitions"/>).
    /// </summary>
    public Deployment.DeploymentRecord? Previous { get; init; }

    /// <summary>
    /// Per-cluster stacks: what the federation's other stacks deployed, so a root rotation moves one phase at a time on
    /// all of them (<see cref="Deployment.ClusterStacks"/>); null for a stack that holds the whole federation.
    /// </summary>
    public Deployment.ClusterStacks? ClusterStacks { get; init; }

    /// <summary>True when the plan is for <c>pulumi up</c>: a provider will connect to each cluster (the CLI only writes files).</summary>
    public bool Deploying { get; init; }

    /// <summary>True when the deploying machine has a kubeconfig the Kubernetes provider loads by itself (KUBECONFIG or ~/.kube/config).</summary>
    public bool AmbientKubeconfig { get; init; }

    /// <summary>Who deploys, written into each cluster's ownership claim (e.g. <c>pulumi stack organization/meshstack/dev</c>).</summary>
    public string? Owner { get; init; }

}

/// <summary>A config read and validated (<see cref="MeshCompiler.Read"/>): the document, the spec (null on errors) and the diagnostics.</summary>
public sealed record SpecRead(ConfigDocument Document, MeshSpec? Spec, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when the config has no errors.</summary>
    public bool Succeeded => Spec is not null;
}

/// <summary>What a compile produced.</summary>
public sealed record CompileResult(MeshSpec? Spec, FederationPlan? Plan, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when there is a plan (no errors).</summary>
    public bool Succeeded => Plan is not null;

    /// <summary>The errors only.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
