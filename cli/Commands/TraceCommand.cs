using System.CommandLine;
using System.Globalization;
using MeshStack.Core.Tracing;

namespace MeshStack.Cli.Commands;

/// <summary>
/// <c>meshstack trace [STACK_FILE] [--from CLUSTER] [--to HOST[:PORT]] [--version V]</c>: follows every planned route
/// the way istiod and Envoy would and prints, per path, <c>ok</c> or the hop where it dies. Exit 1 when any path dies or a filter matches no path (MSH194).
/// </summary>
internal static class TraceCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.StackFile();
        var from = new Option<string?>("--from") { Description = "Only paths from this consumer cluster." };
        var to = new Option<string?>("--to") { Description = "Only paths to this name, HOST or HOST:PORT (e.g. httpbin.bar.global:8000)." };
        var version = new Option<string?>("--version") { Description = "Only paths to this version subset." };
        var verbose = new Option<bool>("--hops") { Description = "Print every hop of every path, not only of dead ones." };
        var lockFile = CommonOptions.LockFile();
        var command = new Command("trace", "Follow every planned route through DNS, ServiceEntries, network views, gateways and endpoint filters to the pods (exit 1 if any path dies).")
        {
            file, from, to, version, verbose, lockFile,
        };
        command.SetAction(parse =>
        {
            var (result, display, _) = StackInput.Compile(context, parse.GetValue(file), tracePaths: false, lockFilePath: parse.GetValue(lockFile));
            if (!result.Succeeded)
            {
                return ExitCodes.ConfigErrors;
            }

            var plan = result.Plan!;
            var query = Query(parse.GetValue(from), parse.GetValue(to), parse.GetValue(version));
            if (query.From is { } cluster && plan.Spec.FindCluster(cluster) is null)
            {
                throw new UsageException($"--from: '{cluster}' is not a cluster of this stack ({string.Join(", ", plan.Spec.Clusters.Select(c => c.Name))})");
            }

            var paths = PathTracer.Trace(plan, query);
            foreach (var path in paths)
            {
                if (path.IsOk)
                {
                    context.Out.WriteLine($"ok    {path.Title}");
                }
                else
                {
                    var f = path.Failure!;
                    context.Out.WriteLine($"dies  {path.Title} at {f.Hop}: {f.Descriptor.Code}: {f.Message}");
                    context.Out.WriteLine($"      rule: {f.Rule}");
                }

                if (!path.IsOk || parse.GetValue(verbose))
                {
                    foreach (var hop in path.Hops)
                    {
                        context.Out.WriteLine($"      {hop}");
                    }
                }
            }

            var dead = paths.Count(p => !p.IsOk);
            if (paths.Length == 0)
            {
                // A filter that matches nothing checked nothing: that is not a pass (a typo in --version would hide every path).
                context.Out.WriteLine($"{display}: no path matches.");
                context.Error.WriteLine(MeshStack.Core.Diagnostics.DiagnosticBuilder.TraceFilterMatchesNothing(parse.GetValue(from), parse.GetValue(to), parse.GetValue(version)).Format(display));
                return ExitCodes.ConfigErrors;
            }

            context.Out.WriteLine($"{display}: {paths.Length - dead} of {paths.Length} path(s) ok{(dead > 0 ? $", {dead} dead" : "")}.");
            return dead > 0 ? ExitCodes.ConfigErrors : ExitCodes.Ok;
        });
        return command;
    }

    private static TraceQuery Query(string? from, string? to, string? version)
    {
        if (to is null)
        {
            return new TraceQuery(from, null, null, version);
        }

        var colon = to.LastIndexOf(':');
        if (colon < 0)
        {
            return new TraceQuery(from, to, null, version);
        }

        if (!int.TryParse(to[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new UsageException($"--to expects HOST or HOST:PORT, got '{to}'");
        }

        return new TraceQuery(from, to[..colon], port, version);
    }
}
