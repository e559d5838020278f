namespace ClusterFunctions.Durable;

/// <summary>How a task is retried: a declarative <see cref="RetryPolicy"/>.</summary>
public sealed class TaskRetryOptions(RetryPolicy policy)
{
    /// <summary>The retry policy.</summary>
    public RetryPolicy Policy { get; } = policy ?? throw new ArgumentNullException(nameof(policy));

    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);
}
