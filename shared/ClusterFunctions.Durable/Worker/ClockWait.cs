namespace ClusterFunctions.Durable.Worker;

/// <summary>
/// Waits until the injected clock reaches a time, checking in short wall-clock slices, so a clock that jumps forward
/// (a test's fake clock, or a corrected system clock) is noticed promptly and never missed.
/// </summary>
internal static class ClockWait
{
    public static async Task UntilAsync(TimeProvider clock, DateTimeOffset due, TimeSpan slice, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = due - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(remaining < slice ? remaining : slice, TimeProvider.System, cancellationToken);
        }
    }
}
