namespace MeshStack.Testing.Doubles;

/// <summary>
/// Lets one chart's state through Pulumi's mock monitor at a time. The monitor serializes every returned state with one
/// shared Serializer whose DependentResources is a plain HashSet (pulumi-dotnet sdk/Pulumi/Testing/MockMonitor.cs@v3.112.1:17,
/// sdk/Pulumi/Serialization/Serializer.cs@v3.112.1:18-24), and a chart's state is the only one holding resource references (its
/// <c>resources</c>): two charts serialized at once corrupt that set. The gate opens a moment after a chart's state is
/// returned, once the monitor has serialized it. A harness limit, not engine behaviour.
/// </summary>
internal sealed class ChartStateGate
{
    private readonly Lock sync = new();
    private Task last = Task.CompletedTask;

    public async Task<T> ThroughAsync<T>(Func<Task<T>> chart)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task previous;
        lock (sync)
        {
            previous = last;
            last = done.Task;
        }

        await previous.ConfigureAwait(false);
        try
        {
            return await chart().ConfigureAwait(false);
        }
        finally
        {
            _ = Task.Delay(TimeSpan.FromMilliseconds(20)).ContinueWith(_ => done.SetResult(), TaskScheduler.Default);
        }
    }
}
