namespace ClusterFunctions.Messaging.Amqp;

/// <summary>Exponential backoff with jitter between reconnect attempts.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan min, TimeSpan max)
    {
        var exponential = min.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        // Half fixed, half random, so many clients restarting together do not reconnect in lockstep.
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }

    public static Task WaitAsync(int attempt, AmqpMessagingOptions options, CancellationToken cancellationToken) =>
        Task.Delay(Delay(attempt, options.ReconnectMinDelay, options.ReconnectMaxDelay), options.TimeProvider, cancellationToken);
}
