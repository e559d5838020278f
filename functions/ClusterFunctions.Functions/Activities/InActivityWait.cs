namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// A read repeated inside an activity until its answer is final or the wait is used up. Short waits are cheaper here
/// than on durable timers: each timer round is a delayed queue message, a queue poll that may have backed off to its
/// maximum, and two orchestration turns, where one more read is one HTTP call.
/// </summary>
public static class InActivityWait
{
    /// <param name="read">Reads once; gets how long this wait has lasted so far.</param>
    public static Task<T> ReadAsync<T>(Func<TimeSpan, Task<T>> read, Func<T, bool> isFinal, TimeSpan wait, TimeSpan interval, TimeProvider time,
        CancellationToken cancellationToken = default) =>
        ReadAsync(read, isFinal, wait, _ => interval, time, cancellationToken);

    /// <param name="read">Reads once; gets how long this wait has lasted so far.</param>
    /// <param name="intervalAfter">The pause after the given number of reads.</param>
    /// <param name="pause">
    /// Spends a pause; null for a plain delay. One that is told of changes (a watch) may end it early, and the wait then
    /// reads again at once.
    /// </param>
    public static async Task<T> ReadAsync<T>(Func<TimeSpan, Task<T>> read, Func<T, bool> isFinal, TimeSpan wait, Func<int, TimeSpan> intervalAfter,
        TimeProvider time, CancellationToken cancellationToken = default, Func<TimeSpan, CancellationToken, Task>? pause = null)
    {
        var started = time.GetTimestamp();
        for (var reads = 1; ; reads++)
        {
            var waited = time.GetElapsedTime(started);
            var answer = await read(waited);
            var interval = intervalAfter(reads);
            if (isFinal(answer) || waited + interval > wait)
            {
                return answer;
            }

            try
            {
                await (pause?.Invoke(interval, cancellationToken) ?? Task.Delay(interval, time, cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The worker is stopping. A wait has nothing to finish: its last answer goes back now and the orchestrator
                // reads again later (on the next host), instead of the activity failing and the engine aborting it.
                return answer;
            }
        }
    }
}
