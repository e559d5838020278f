namespace ClusterFunctions.Durable.Worker;

/// <summary>An orchestrator waiting for an external event; completes with the deserialized payload.</summary>
internal sealed class EventWaiter<T>(DataConverter converter) : IEventWaiter
{
    // Continuations run inline on the replay thread: asynchronous ones would escape the replay pump.
    private readonly TaskCompletionSource<T> completion = new();

    public Task<T> Task => completion.Task;

    public void Deliver(string? payload)
    {
        try
        {
            completion.TrySetResult(converter.Deserialize<T>(payload)!);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            completion.TrySetException(new InvalidOperationException(
                $"The payload of the external event could not be read as {typeof(T).Name}: {ex.Message}", ex));
        }
    }

    public void Cancel(CancellationToken cancellationToken) => completion.TrySetCanceled(cancellationToken);
}
