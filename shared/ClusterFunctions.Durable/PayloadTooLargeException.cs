namespace ClusterFunctions.Durable;

/// <summary>A serialized input, output, event or status exceeded <see cref="DurableTaskOptions.MaxPayloadBytes"/>.</summary>
public sealed class PayloadTooLargeException(string what, int actualBytes, int limitBytes)
    : InvalidOperationException(
        $"The {what} is {actualBytes:N0} bytes after JSON serialization, over the limit of {limitBytes:N0} bytes " +
        "(DurableTaskOptions.MaxPayloadBytes). Store large data elsewhere and pass a reference.")
{
    /// <summary>The serialized size that was refused.</summary>
    public int ActualBytes { get; } = actualBytes;

    /// <summary>The configured limit.</summary>
    public int LimitBytes { get; } = limitBytes;
}
