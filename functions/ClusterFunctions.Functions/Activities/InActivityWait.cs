namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// A read repeated inside an activity until its answer is final or the wait is used up. Short waits are cheaper here
/// than on durable timers: each timer round is a delayed queue message, a queue poll that may have backed off to its
/// maximum, and two orchestration turns, where one more read is one HTTP call.
/// </summary>
public static class InActivityWait
{
    /// <param name="read">Reads once; gets how long this wait has lasted so far.</param>
    public static async Task<T> ReadAsync<T>(Func<TimeSpan, Task<T>> read, Func<T, bool> isFinal, TimeSpan wait, TimeSpan interval, TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var waited = time.GetElapsedTime(started);
            var answer = await read(waited);
            if (isFinal(answer) || waited + interval > wait)
            {
                return answer;
            }

            try
            {
                await Task.Delay(interval, time, cancellationToken);
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
