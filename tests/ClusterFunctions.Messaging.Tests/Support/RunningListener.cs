using ClusterFunctions.Messaging.Listener;

namespace ClusterFunctions.Messaging.Tests.Support;

/// <summary>Runs a queue listener in the background for one test and stops it (waiting for its handlers) on dispose.</summary>
internal sealed class RunningListener<T> : IAsyncDisposable
{
    readonly CancellationTokenSource stop = new();
    readonly Task run;

    public RunningListener(QueueListener<T> listener) => run = listener.RunAsync(stop.Token);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        stop.Dispose();
    }
}
