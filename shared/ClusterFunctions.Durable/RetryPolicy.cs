namespace ClusterFunctions.Durable;

/// <summary>Declarative retry with exponential backoff; the waits are durable timers.</summary>
public sealed class RetryPolicy
{
    /// <summary>Creates a policy; arguments are validated as Durable Task validates them.</summary>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        if (maxNumberOfAttempts <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNumberOfAttempts), maxNumberOfAttempts, "maxNumberOfAttempts must be greater than 0.");
        }

        if (firstRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRetryInterval), firstRetryInterval, "firstRetryInterval must be greater than 0.");
        }

        if (backoffCoefficient < 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(backoffCoefficient), backoffCoefficient, "backoffCoefficient must be 1.0 or greater.");
        }

        var max = maxRetryInterval ?? TimeSpan.FromHours(1);
        if (max < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), max, "maxRetryInterval must be at least firstRetryInterval.");
        }

        var timeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
        if (timeout != Timeout.InfiniteTimeSpan && timeout < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(retryTimeout), timeout, "retryTimeout must be at least firstRetryInterval.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = max;
        RetryTimeout = timeout;
    }

    /// <summary>Total attempts including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Multiplier applied to the wait after each failed attempt.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Upper bound of a single wait (default 1 hour).</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Give up once this much time has passed since the first attempt (default infinite).</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides whether a failure is retried; all failures are by default.</summary>
    public Func<TaskFailureDetails, bool> HandleFailure { get; init; } = static _ => true;

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan GetDelay(int attempt)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
